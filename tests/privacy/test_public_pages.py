"""Minimal public data: with the demo data, every GET route a visitor can open without
logging in shows no e-mail address of anyone and no last name of any account holder (team
names, first names of trekkers and aggregates are fine). The routes come from app.url_map,
so a route added later is crawled too: its arguments are filled from the demo data, or the
test fails and names it, unless it is listed below with a reason."""

import re

import sqlalchemy as sa
from flask import url_for

from app.accounts.models import User
from app.activities.models import Activity
from app.coaching.models import CoachingNote
from app.coordination.models import SignalKind
from app.evaluations.models import Photo
from app.extensions import db
from app.helpdesk.models import Question
from app.money.models import Fund
from app.money.requests.models import Receipt, VoucherRequest
from app.outreach.models import OutreachArea, OutreachRecord
from app.places.models import Neighbourhood
from app.signups.models import SignUp
from app.teams.models import Membership, Team
from app.templates_library.models import Template
from app.templates_library.seeding import seed_from_files
from seeds.demo import build_demo

# Routes whose arguments the crawl cannot fill, each with why that is no leak.
NOT_CRAWLED = {
    "static": "files of the app itself (CSS, scripts, images), no data",
    "accounts.activate": "a secret token from one person's own mail",
    "accounts.reset_password": "a secret token from one person's own mail",
    "teams.invitation": "a secret token from one invited person's own mail",
    "teams.invitation_flyer": "an invitation link, for the team's trekkers only (the demo has none)",
    "signups.confirm": "a secret token: the visitor's own sign-up, shown to them alone",
    "signups.sign_off": "a secret token: the visitor's own sign-up, shown to them alone",
    "mailing.unsubscribe": "a signed token from one person's own mail",
    "letter.confirm": "a secret token: the subscriber's own address, shown to them alone",
    "letter.unsubscribe": "a secret token: the subscriber's own address, shown to them alone",
    "main.set_language": "sets the language cookie and sends the visitor back: no page of its own",
}

# Where each argument's values come from: related ids come from one row, so that a team's
# activity is asked for under that team.
SOURCES = (
    sa.select(Team.id.label("team_id"), Team.neighbourhood_id.label("neighbourhood_id")),
    sa.select(
        Activity.id.label("activity_id"), Activity.id.label("public_activity_id"), Activity.team_id.label("team_id")
    ),
    sa.select(Neighbourhood.id.label("neighbourhood_id"), Neighbourhood.municipality_id.label("municipality_id")),
    sa.select(Fund.id.label("fund_id"), Fund.neighbourhood_id.label("neighbourhood_id")),
    sa.select(Template.slug.label("slug")),
    sa.select(
        VoucherRequest.id.label("request_id"), VoucherRequest.team_id.label("team_id"), VoucherRequest.fund_id,
        VoucherRequest.status,
    ),
    sa.select(Receipt.id.label("receipt_id"), Receipt.request_id.label("request_id"), VoucherRequest.team_id)
    .join(VoucherRequest, VoucherRequest.id == Receipt.request_id),
    sa.select(Photo.id.label("photo_id"), Photo.activity_id.label("activity_id"), Activity.team_id.label("team_id"))
    .join(Activity, Activity.id == Photo.activity_id),
    sa.select(Membership.id.label("membership_id"), Membership.team_id.label("team_id")),
    sa.select(User.id.label("user_id")),
    sa.select(User.id.label("resident_id")),
    sa.select(Question.id.label("question_id"), Question.team_id.label("team_id")),
    sa.select(CoachingNote.id.label("note_id"), CoachingNote.team_id.label("team_id")),
    sa.select(OutreachArea.id.label("area_id")),
    sa.select(OutreachRecord.id.label("record_id")),
    sa.select(SignUp.checkin_code, SignUp.activity_id, Activity.team_id)
    .join(Activity, Activity.id == SignUp.activity_id),
)  # fmt: skip
FIXED = {"tabel": ["teams"], "kind": [SignalKind.DORMANT.value], "subject_id": [1]}


def _rows() -> list[dict]:
    rows = [dict(row._mapping) for source in SOURCES for row in db.session.execute(source)]
    return rows + [{name: values[0]} for name, values in FIXED.items()]


def _fillings(arguments: set[str], rows: list[dict]) -> list[dict]:
    """Every way the demo data fills these arguments from one row (plus fixed values)."""
    fixed = {name: FIXED[name][0] for name in arguments & FIXED.keys()}
    rest = arguments - fixed.keys()
    if not rest:
        return [fixed]
    found = {tuple(sorted((name, row[name]) for name in rest)) for row in rows if rest <= row.keys()}
    return [dict(pairs) | fixed for pairs in sorted(found, key=repr)]


def _forbidden() -> tuple[set[str], set[str]]:
    """Every e-mail address (accounts and visitors) and every account holder's last name."""
    emails = set(db.session.scalars(sa.select(User.email))) | set(db.session.scalars(sa.select(SignUp.email)))
    emails.discard(None)  # a resident without e-mail, a walk-in
    last_names = {name.split(maxsplit=1)[1] for name in db.session.scalars(sa.select(User.name)) if " " in name}
    return emails, last_names


def test_no_public_page_shows_an_e_mail_address_or_a_last_name(app, client, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    seed_from_files()
    build_demo()
    db.session.flush()
    rows = _rows()
    emails, last_names = _forbidden()
    assert emails and last_names
    unfilled, leaks, public = [], [], 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_CRAWLED:
            continue
        fillings = _fillings(set(rule.arguments), rows)
        if not fillings:
            unfilled.append(rule.rule)
        for values in fillings:
            with app.test_request_context():
                url = url_for(rule.endpoint, **values)
            response = client.get(url)
            if response.status_code != 200:
                continue  # behind a login, or not this visitor's: not public
            if not (response.mimetype.startswith("text/") or response.is_json):
                continue  # a photo: its consent is the evaluations' business
            public += 1
            body = response.get_data(as_text=True)
            leaks += [f"{url}: {email}" for email in emails if email in body]
            leaks += [f"{url}: {name}" for name in last_names if re.search(rf"\b{re.escape(name)}\b", body)]
    assert not unfilled, f"fill these routes' arguments from the demo data, or list them in NOT_CRAWLED: {unfilled}"
    assert not leaks, leaks
    assert public > 50, public  # the crawl reached the public pages
