"""Issue 24, item 5: a resident a coordinator registered without e-mail has no address to
match on. Their download holds their own rows only (not everyone's rows that have no
address), erasing them takes their contact and consent and touches nobody else's sign-up,
and the retention rules treat them as an account that is used when a coordinator acts for
them: not deleted as never activated, and the coordinator is warned instead of a mail."""

import io
import json
import zipfile
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import ActivityStatus
from app.coaching import behalf
from app.coaching.models import AssistedRegistration
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.privacy.erasure import erase_account
from app.privacy.retention import purge
from app.signups.models import SignUp, SignUpStatus
from tests.factories import make_activity, make_neighbourhood, make_resident_without_email, make_team, make_user
from tests.privacy.test_retention import MINUTE, months_after, purge_twice

CONTACT = "Lindelaan 12, Amersfoort"


@pytest.fixture
def two(ctx):
    """Gerda and Henk, both without e-mail, each with a place at the same burendag."""
    hood = make_neighbourhood("Kruiskamp")
    cor = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    party = make_activity(team, trekker, status=ActivityStatus.PLANNED)
    party.is_public, party.capacity, party.starts_at = True, 1, utcnow() + timedelta(days=7)
    gerda = make_resident_without_email("Gerda de Vries", hood, cor, contact=CONTACT)
    henk = make_resident_without_email("Henk Zonder Mail", hood, cor)
    gerda_place = behalf.sign_up_on_behalf(cor, team, party, gerda.id, "phone")
    henk_place = behalf.sign_up_on_behalf(cor, team, party, henk.id, "phone")
    db.session.flush()
    assert (gerda_place.status, henk_place.status) == (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)
    return SimpleNamespace(cor=cor, gerda=gerda, henk=henk, gerda_place=gerda_place, henk_place=henk_place, team=team)


def test_the_download_holds_only_the_residents_own_rows(client, two):
    cor, gerda, gerda_place = two.cor, two.gerda, two.gerda_place
    response = client.login(cor).post(f"/beheer/privacyverzoeken/{gerda.id}/downloaden", {"reason": "Aan de balie"})
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("gegevens.json"))
    assert [s["id"] for s in data["sign_up"]] == [gerda_place.id]  # not Henk's, which has no address either
    assert data["outbox_mail"] == []
    [registration] = data["assisted_registration"]
    assert (registration["contact"], registration["registered_by_id"]) == (CONTACT, cor.id)
    assert registration["consent_text"].startswith("Buurtmakers bewaart uw naam")


def test_erasing_one_takes_their_contact_and_consent_and_leaves_the_other(two):
    gerda, henk_id, places = two.gerda, two.henk.id, (two.gerda_place.id, two.henk_place.id)
    erase_account(two.cor, gerda, "Gevraagd aan de telefoon, Lindelaan 12, Amersfoort")
    db.session.flush()
    assert db.session.get(SignUp, places[0]) is None
    # Henk keeps his sign-up, and moves up to the place Gerda left.
    assert db.session.get(SignUp, places[1]).status == SignUpStatus.CONFIRMED
    assert db.session.scalars(sa.select(AssistedRegistration.user_id)).all() == [henk_id]
    assert db.session.get(User, gerda.id).erased_at is not None
    texts = db.session.scalars(sa.select(sa.cast(sa.column("data"), sa.Text)).select_from(sa.table("audit_entry")))
    assert not [text for text in texts if CONTACT in text]


def test_a_resident_without_email_is_not_deleted_as_never_activated(app, two):
    gerda = two.gerda
    later = utcnow() + timedelta(days=app.config["RETENTION_UNACTIVATED_ACCOUNT_DAYS"] + 1)
    assert "unactivated accounts deleted" not in purge_twice(later)
    assert db.session.get(User, gerda.id).erased_at is None and db.session.get(User, two.henk.id) is not None


def test_the_coordinator_is_warned_instead_of_a_mail_then_the_resident_is_erased(app, two):
    cor, gerda = two.cor, two.gerda
    warned_at = months_after(gerda.last_seen_at, app.config["RETENTION_INACTIVE_ACCOUNT_MONTHS"]) + MINUTE
    mails = db.session.scalar(sa.select(sa.func.count(OutboxMail.id)))
    assert purge_twice(warned_at)["inactive accounts warned"] == 4  # Gerda, Henk, and Tess and Cor idle too
    [told] = db.session.scalars(
        sa.select(Notification).where(
            Notification.kind == "coaching.resident_inactive", Notification.link.contains(str(gerda.id))
        )
    ).all()
    assert told.user_id == cor.id and "Gerda de Vries" in told.text
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id)).where(OutboxMail.recipient.is_(None))) == 0
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) > mails  # the trekker's and the coordinator's
    grace = timedelta(days=app.config["RETENTION_INACTIVE_WARNING_DAYS"])
    purge(warned_at + grace + MINUTE)
    assert db.session.get(User, gerda.id).erased_at is not None


def test_acting_for_the_resident_keeps_them(app, two):
    cor, gerda = two.cor, two.gerda
    warned_at = months_after(gerda.last_seen_at, app.config["RETENTION_INACTIVE_ACCOUNT_MONTHS"]) + MINUTE
    purge(warned_at)
    assert gerda.inactivity_warned_at is not None
    behalf.join_on_behalf(cor, two.team, gerda.id, "phone")  # she phoned: the coordinator acted for her
    assert gerda.inactivity_warned_at is None
    purge(warned_at + timedelta(days=app.config["RETENTION_INACTIVE_WARNING_DAYS"] + 1))
    assert db.session.get(User, gerda.id).erased_at is None
