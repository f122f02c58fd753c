"""The admin gives a coordinator their municipalities (accounts.scope): audited, "alle
gemeenten" as a quick choice, and bad input changes nothing."""

import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from app.places.models import CoordinatorScope
from tests.factories import make_municipality, make_user


def _scope(user) -> set[int]:
    return set(
        db.session.scalars(sa.select(CoordinatorScope.municipality_id).where(CoordinatorScope.user_id == user.id))
    )


def _audited(user) -> list[dict]:
    query = sa.select(AuditEntry.data).where(AuditEntry.action == "user.scope_changed", AuditEntry.object_id == user.id)
    return list(db.session.scalars(query))


def test_the_admin_picks_a_coordinators_municipalities_and_it_is_audited(client):
    amersfoort, leusden = make_municipality("Amersfoort"), make_municipality("Leusden")
    cor = make_user("Cor", is_coordinator=True, scope=[])
    client.login(make_user("Ada", is_admin=True))
    page = client.get(f"/beheer/gebruikers/{cor.id}/rollen").get_data(as_text=True)
    assert "werkt nog voor geen enkele gemeente" in page and f"/beheer/gebruikers/{cor.id}/gemeenten" in page
    response = client.post(f"/beheer/gebruikers/{cor.id}/gemeenten", {"municipalities": [str(leusden.id)]})
    assert response.status_code == 302 and _scope(cor) == {leusden.id}
    assert _audited(cor) == [{"municipalities": "Leusden"}]
    client.post(f"/beheer/gebruikers/{cor.id}/gemeenten", {"everywhere": "y"})
    assert _scope(cor) == {amersfoort.id, leusden.id}
    assert "Cor werkt voor: Amersfoort, Leusden." in client.get(f"/beheer/gebruikers/{cor.id}/rollen").get_data(
        as_text=True
    )
    client.post(f"/beheer/gebruikers/{cor.id}/gemeenten", {})
    assert _scope(cor) == set() and len(_audited(cor)) == 3


def test_saving_the_same_municipalities_again_writes_no_audit_line(client):
    amersfoort = make_municipality("Amersfoort")
    cor = make_user("Cor", is_coordinator=True, scope=[amersfoort])
    client.login(make_user("Ada", is_admin=True)).post(
        f"/beheer/gebruikers/{cor.id}/gemeenten", {"municipalities": [str(amersfoort.id)]}
    )
    assert _audited(cor) == []


def test_an_unknown_municipality_gets_a_message_and_changes_nothing(client):
    amersfoort = make_municipality("Amersfoort")
    cor = make_user("Cor", is_coordinator=True, scope=[amersfoort])
    client.login(make_user("Ada", is_admin=True))
    for bad in (["999999"], ["Amersfoort"]):
        page = client.post(f"/beheer/gebruikers/{cor.id}/gemeenten", {"municipalities": bad}).get_data(as_text=True)
        assert "Kies gemeenten uit de lijst." in page
    assert _scope(cor) == {amersfoort.id} and _audited(cor) == []


def test_only_a_coordinator_gets_municipalities(client):
    amersfoort = make_municipality("Amersfoort")
    rosa = make_user("Rosa")
    client.login(make_user("Ada", is_admin=True))
    page = client.post(f"/beheer/gebruikers/{rosa.id}/gemeenten", {"municipalities": [str(amersfoort.id)]})
    assert "Alleen een coördinator werkt voor gemeenten." in page.get_data(as_text=True)
    assert _scope(rosa) == set()


def test_a_coordinator_cannot_change_a_scope(client):
    amersfoort = make_municipality("Amersfoort")
    cor = make_user("Cor", is_coordinator=True, scope=[])
    response = client.login(cor).post(f"/beheer/gebruikers/{cor.id}/gemeenten", {"everywhere": "y"})
    assert response.status_code == 403 and _scope(cor) == set()
    assert amersfoort.id not in _scope(cor)
