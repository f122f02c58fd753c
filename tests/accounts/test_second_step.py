"""The second step: a code from an authenticator app after the password (TOTP), recovery
codes, the limits on wrong codes, and an admin's reset."""

import re
import time

import pyotp
import pytest
import sqlalchemy as sa

from app.accounts import totp
from app.accounts.models import User
from app.accounts.services import reset_token
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.extensions import db
from seeds.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, build_demo
from tests.factories import PASSWORD, make_user


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "TOTP_REQUIRED_FOR_STAFF", True)


def set_up(user) -> tuple[pyotp.TOTP, list[str]]:
    """The second step turned on for `user`, as the setup page does it; its app and codes."""
    sealed = totp.new_sealed_secret()
    app = pyotp.TOTP(totp.unseal(sealed))
    codes = totp.enable(user, sealed, app.now())
    db.session.flush()
    return app, codes


def next_code(app: pyotp.TOTP) -> str:
    """A code of a later time step than the last one used (the app's next code)."""
    return app.at(time.time() + 30)


def _password(client, user):
    return client.post("/inloggen", {"email": user.email, "password": PASSWORD})


def _code(client, code: str):
    return client.post("/inloggen/tweede-stap", {"code": code})


def _events(action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == action))


def _on_dashboard(client) -> bool:
    return client.get("/coordinatie").status_code == 200


def test_a_coordinator_without_a_second_step_sets_it_up_before_anything_else(required, client):
    cor = make_user("Cor", is_coordinator=True)

    assert _password(client, cor).location == "/account/tweede-stap"
    assert not _on_dashboard(client)
    page = client.get("/account/tweede-stap").get_data(as_text=True)
    assert '<svg width="' in page and "<script" not in page
    secret = re.search(r'<code class="bm-secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    app = pyotp.TOTP(secret)

    wrong = client.post("/account/tweede-stap", {"code": "000000" if app.now() != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.get_data(as_text=True) and not cor.has_second_step

    done = client.post("/account/tweede-stap", {"code": app.now()})
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", done.get_data(as_text=True))
    assert len(set(codes)) == 10 and len(cor.recovery_code_hashes) == 10
    assert all(code not in str(cor.recovery_code_hashes) for code in codes)
    assert secret not in cor.totp_secret and totp.unseal(cor.totp_secret) == secret
    assert _on_dashboard(client)
    assert secret not in client.get("/account/tweede-stap").get_data(as_text=True)  # never shown again

    client.post("/uitloggen")
    assert _password(client, cor).location == "/inloggen/tweede-stap"
    assert not _on_dashboard(client)
    assert _code(client, next_code(app)).location == "/coordinatie"
    assert _on_dashboard(client)


def test_the_code_step_keeps_where_the_person_was_going_and_remember_me(required, client):
    cor = make_user("Cor", is_coordinator=True)
    app, _codes = set_up(cor)

    client.post("/inloggen?next=/helpdesk", {"email": cor.email, "password": PASSWORD, "remember": "y"})

    assert _code(client, next_code(app)).location == "/helpdesk"
    assert client.http.get_cookie("remember_token") is not None


def test_a_code_works_once(client):
    anna = make_user("Anna")
    app, _codes = set_up(anna)
    code = next_code(app)
    _password(client, anna)
    assert _code(client, code).location == "/account"
    client.post("/uitloggen")

    _password(client, anna)
    replay = _code(client, code)

    assert replay.status_code == 200 and "Deze code is al gebruikt" in replay.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    assert _events("user.second_step_code_replayed") == 1


def test_wrong_codes_are_limited_like_passwords(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "FAILED_CODE_ACCOUNT_LIMIT", "3 per hour")
    anna = make_user("Anna")
    authenticator, _codes = set_up(anna)
    _password(client, anna)
    wrong = "123456" if next_code(authenticator) != "123456" else "654321"

    answers = [_code(client, wrong).status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    assert _code(client, next_code(authenticator)).status_code == 429  # even the right code now waits
    assert _events("user.second_step_failed") == 3
    assert client.get("/account").status_code == 302


def test_a_recovery_code_works_once(client):
    anna = make_user("Anna")
    _app, codes = set_up(anna)

    _password(client, anna)
    assert _code(client, codes[3].upper().replace("-", " ")).location == "/account"
    assert len(anna.recovery_code_hashes) == 9 and _events("user.recovery_code_used") == 1
    client.post("/uitloggen")

    _password(client, anna)
    again = _code(client, codes[3])
    assert "Deze code klopt niet" in again.get_data(as_text=True)
    assert _code(client, codes[4]).location == "/account"


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Vul de code uit uw app in."), ("1" * 21, "Gebruik hoogstens 20 tekens."), ("12345", "Deze code klopt niet")],
)
def test_a_bad_code_gets_a_clear_message_and_changes_nothing(client, code, message):
    anna = make_user("Anna")
    set_up(anna)
    last_step = anna.totp_last_step
    _password(client, anna)

    answer = _code(client, code)

    assert answer.status_code == 200 and message in answer.get_data(as_text=True)
    assert anna.totp_last_step == last_step and len(anna.recovery_code_hashes) == 10


def test_the_half_way_note_expires(client):
    anna = make_user("Anna")
    app, _codes = set_up(anna)
    _password(client, anna)
    with client.http.session_transaction() as session:
        session["second_step"] = session["second_step"] | {"at": int(time.time()) - 11 * 60}

    assert _code(client, next_code(app)).location == "/inloggen"


def test_a_reset_link_does_not_skip_the_second_step(client):
    anna = make_user("Anna")
    app, _codes = set_up(anna)
    token = reset_token(anna)

    answer = client.post(
        f"/wachtwoord-herstellen/{token}",
        {"password": "fiets paraplu zonnig", "password_repeat": "fiets paraplu zonnig"},
    )

    assert answer.location == "/inloggen/tweede-stap"
    assert client.get("/account").status_code == 302
    assert _code(client, next_code(app)).location == "/account"


def test_a_resident_may_turn_it_on_and_off(client):
    anna = make_user("Anna")
    assert _password(client, anna).location == "/account"  # nothing asked without it
    page = client.get("/account/tweede-stap").get_data(as_text=True)
    secret = re.search(r'<code class="bm-secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    app = pyotp.TOTP(secret)
    done = client.post("/account/tweede-stap", {"code": app.now()}).get_data(as_text=True)
    recovery_code = re.search(r"<li><code>([a-z0-9-]+)</code></li>", done).group(1)
    assert anna.has_second_step and client.get("/account").status_code == 200  # still logged in here
    assert db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == anna.email)).subject.startswith(
        "De tweede stap"
    )
    client.post("/uitloggen")
    assert _password(client, anna).location == "/inloggen/tweede-stap"
    _code(client, next_code(app))

    off = client.post("/account/tweede-stap/uitzetten", {"code": recovery_code})

    assert off.location == "/account" and not anna.has_second_step
    assert client.get("/account").status_code == 200


def test_staff_cannot_turn_off_a_required_second_step(required, client):
    cor = make_user("Cor", is_coordinator=True)
    app, _codes = set_up(cor)
    client.login(cor)

    answer = client.post("/account/tweede-stap/uitzetten", {"code": next_code(app)})

    assert "is de tweede stap verplicht" in answer.get_data(as_text=True) and cor.has_second_step


def test_sessions_from_before_the_requirement_end_for_staff_without_a_second_step(required, client, app):
    cor = make_user("Cor", is_coordinator=True)
    organisation_cor = make_user("Cora", is_coordinator=True, oidc_issuer="https://login.test", oidc_subject="c")
    resident = make_user("Rosa")

    assert client.login(cor).get("/coordinatie").status_code == 302
    assert type(client)(app.test_client()).login(organisation_cor).get("/coordinatie").status_code == 200
    assert type(client)(app.test_client()).login(resident).get("/account").status_code == 200


def test_an_admin_resets_a_second_step_audited_and_mailed(client):
    admin = make_user("Ada", is_admin=True)
    cor = make_user("Cor", is_coordinator=True)
    set_up(cor)
    token = cor.session_token

    answer = client.login(admin).post(f"/beheer/gebruikers/{cor.id}/tweede-stap-uitzetten")

    assert answer.location == f"/beheer/gebruikers/{cor.id}/rollen"
    assert not cor.has_second_step and cor.recovery_code_hashes == [] and cor.session_token != token
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "user.second_step_reset"))
    assert (entry.actor_id, entry.object_id) == (admin.id, cor.id)
    mails = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == cor.email)).all()
    assert "Een beheerder heeft de tweede stap" in mails[-1].body

    again = client.post(f"/beheer/gebruikers/{cor.id}/tweede-stap-uitzetten")
    assert "Dit account heeft geen tweede stap" in client.get(again.location).get_data(as_text=True)


def test_the_demo_coordinator_logs_in_with_the_published_secret(app, client, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    build_demo()
    wim = db.session.scalar(sa.select(User).where(User.email == "tweestap@example.org"))

    client.post("/inloggen", {"email": wim.email, "password": DEMO_PASSWORD})
    assert _code(client, pyotp.TOTP(DEMO_TOTP_SECRET).now()).location == "/coordinatie"
