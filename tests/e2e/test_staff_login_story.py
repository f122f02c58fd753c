"""Issue 26's staff login in a browser, on a phone (390 px): a coordinator logs in with the
organisation's account at a real OpenID provider (tests/oidc) and logs out of both; another
coordinator, who must have a second step, sets it up right after the password (the code
computed with pyotp, as the phone's app would) and logs in with it again; and the issue's
acceptance story: a coordinator of Amersfoort logs in with the organisation account, adds the
second step, sees only Amersfoort's teams and gets 404 for a team in Leusden. axe checks every
page at 390 and 1,280 px."""

import contextlib
import time

import pyotp
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.accounts.models import User
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.teams.models import Team
from tests.factories import PASSWORD, give_scope, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
PHONE = {"width": 390, "height": 844}


@contextlib.contextmanager
def coordinator(e2e_app, email: str, town: str | None = None):
    """A coordinator of the site (of one town's municipality, or of all) for this story only:
    afterwards no longer one, so the other stories find the demo's coordinators as they were
    (who gets a question's mail)."""
    with e2e_app.app_context():
        # The provider's account may have logged in before (an earlier story): then it is that account.
        user = db.session.scalar(sa.select(User).where(User.email == email)) or make_user(
            "Cor van de Gemeente", email=email
        )
        user.is_coordinator = True
        give_scope(user, None if town is None else [db.session.scalar(sa.select(Municipality).filter_by(name=town))])
        user_id = user.id
        db.session.commit()
        db.session.remove()
    try:
        yield
    finally:
        with e2e_app.app_context():
            db.session.get(User, user_id).is_coordinator = False
            db.session.commit()
            db.session.remove()


def test_a_coordinator_logs_in_with_the_organisation_account(
    page, check_a11y, e2e_app, live_server, oidc_provider, monkeypatch
):
    for name, value in oidc_provider.register(live_server).items():
        monkeypatch.setitem(e2e_app.config, name, value)
    page.set_viewport_size(PHONE)
    with coordinator(e2e_app, "cor.gemeente@example.org"):
        page.goto("/teams/1/begeleiding")
        expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
        check_a11y(page, "login-with-organisation-button")
        page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij de testorganisatie")
        check_a11y(page, "provider-login")
        page.get_by_label("Account").fill("coordinator")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_text("U bent ingelogd.")).to_be_visible()
        expect(page).to_have_url(f"{live_server}/teams/1/begeleiding")  # where the link led
        check_a11y(page, "organisation-logged-in")

        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
        link = page.get_by_role("link", name="Ook uitloggen bij uw organisatie")
        assert link.get_attribute("href").startswith(f"{oidc_provider.issuer}/session/end?client_id=")
        check_a11y(page, "logged-out-offer-provider-logout")


def _log_in_with_password(page, check_a11y, email: str, name: str) -> None:
    page.goto("/inloggen")
    check_a11y(page, name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_coordinator_sets_up_the_second_step_and_logs_in_with_it(page, check_a11y, e2e_app, monkeypatch):
    monkeypatch.setitem(e2e_app.config, "TOTP_REQUIRED_FOR_STAFF", True)
    page.set_viewport_size(PHONE)
    with coordinator(e2e_app, "tweede.stap@example.org"):
        _log_in_with_password(page, check_a11y, "tweede.stap@example.org", "login")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
        check_a11y(page, "setup")
        page.get_by_label("Code uit de app").fill("000000")
        page.get_by_role("button", name="Tweede stap aanzetten").click()
        expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
        check_a11y(page, "setup-wrong-code")

        app = pyotp.TOTP(page.locator(".bm-secret").inner_text().replace(" ", ""))
        page.get_by_label("Code uit de app").fill(app.now())
        page.get_by_role("button", name="Tweede stap aanzetten").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        expect(page.locator(".bm-recovery-codes li")).to_have_count(10)
        check_a11y(page, "recovery-codes")
        page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van de teams")
        check_a11y(page, "dashboard-after-setup")
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
        check_a11y(page, "logged-out")

        _log_in_with_password(page, check_a11y, "tweede.stap@example.org", "login-again")
        expect(page.get_by_role("heading", level=1)).to_have_text("Code uit uw app")
        check_a11y(page, "code")
        page.get_by_label("Code").fill(app.at(time.time() + 30))  # the app's next code
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_text("U bent ingelogd.")).to_be_visible()
        check_a11y(page, "logged-in-with-code")


def _team_in(e2e_app, town: str) -> Team:
    with e2e_app.app_context():
        team = db.session.scalar(
            sa.select(Team)
            .join(Neighbourhood, Neighbourhood.id == Team.neighbourhood_id)
            .join(Municipality, Municipality.id == Neighbourhood.municipality_id)
            .where(Municipality.name == town)
            .order_by(Team.id)
        )
        db.session.expunge(team)
        return team


def test_an_organisation_coordinator_adds_the_second_step_and_sees_only_their_municipality(
    page, check_a11y, e2e_app, live_server, oidc_provider, monkeypatch
):
    for name, value in oidc_provider.register(live_server).items():
        monkeypatch.setitem(e2e_app.config, name, value)
    own, other = _team_in(e2e_app, "Amersfoort"), _team_in(e2e_app, "Leusden")
    page.set_viewport_size(PHONE)
    with coordinator(e2e_app, "cor.gemeente@example.org", town="Amersfoort"):
        page.goto("/inloggen")
        check_a11y(page, "scoped-login")
        page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
        check_a11y(page, "scoped-provider-login")
        page.get_by_label("Account").fill("coordinator")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_text("U bent ingelogd.")).to_be_visible()
        check_a11y(page, "scoped-logged-in")

        page.goto("/account")
        check_a11y(page, "scoped-account")
        page.get_by_role("link", name="Tweede stap instellen").click()
        check_a11y(page, "scoped-second-step-setup")
        app = pyotp.TOTP(page.locator(".bm-secret").inner_text().replace(" ", ""))
        page.get_by_label("Code uit de app").fill(app.now())
        page.get_by_role("button", name="Tweede stap aanzetten").click()
        expect(page.locator(".bm-recovery-codes li")).to_have_count(10)
        check_a11y(page, "organisation-coordinator-recovery-codes")

        page.goto("/coordinatie")
        expect(page.get_by_role("link", name=own.name).first).to_be_visible()
        expect(page.get_by_role("link", name=other.name)).to_have_count(0)
        check_a11y(page, "dashboard-own-municipality")
        assert page.goto(f"/teams/{own.id}/begeleiding").status == 200
        check_a11y(page, "own-municipality-team")
        assert page.goto(f"/teams/{other.id}/begeleiding").status == 404
        check_a11y(page, "other-municipality-not-found")
