"""Demo data for `flask seed demo`: safe to run again, it only adds what is missing.

It goes through the services, so the demo has the same audit trail as real use."""

import functools
import io
import secrets
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from PIL import Image, ImageDraw

from app.accounts import scope, totp
from app.accounts import services as accounts
from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.activities import lifecycle
from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.agenda.services import local_today
from app.core.models import utcnow
from app.core.timezone import local_zone
from app.evaluations import services as evaluations
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.signups.models import SignUp, SignUpStatus
from app.teams import memberships
from app.teams import services as teams
from app.teams.models import MembershipState, Team, TeamKind
from seeds import demo_coaching, demo_coordination, demo_funds, demo_helpdesk, demo_outreach, demo_region

DEMO_PASSWORD = "buurt-demo-2026"  # noqa: S105 - published demo password, never for production
MUNICIPALITY = "Amersfoort"
NEIGHBOURHOODS = [
    ("Kruiskamp", "BU03070401", 2100, ["3813"]),
    ("Schothorst-Zuid", "BU03070602", 3400, ["3815"]),
    ("Liendert", "BU03070502", 2800, ["3822"]),
]
ACCOUNTS = [
    ("admin", "Anja Beheer", "admin@example.org"),
    ("coordinator", "Karim Coördinator", "coordinator@example.org"),
    ("trekker", "Fatima de Vries", "trekker@example.org"),
    ("lid", "Joost Bakker", "lid@example.org"),
    ("bewoner", "Sanne Jansen", "bewoner@example.org"),
    ("regie", "Ruud Hendriks", "regie@example.org"),  # in the regie-group of the Kruiskamp fund
    ("voorzitter", "Hanneke Mulder", "voorzitter@example.org"),  # its chair
    ("tweestap", "Wim de Wit", "tweestap@example.org"),  # a coordinator with the second step (TOTP) set up
]
# The published secret of that coordinator's authenticator app (README): type it into an app
# such as Microsoft or Google Authenticator, or compute a code with pyotp.
DEMO_TOTP_SECRET = "BUURTMAKERSDEMO2TWEESTAP"  # noqa: S105 - published demo secret, never for production
# More residents: (name, e-mail, neighbourhood index, team index or None). The regie-groups
# of the funds (seeds/demo_funds.py), and members so each team has the fund's minimum of three.
RESIDENTS = [
    ("Gerrit Kok", "gerrit@example.org", 0, None),
    ("Latifa Amrani", "latifa@example.org", 0, 1),  # in the regie-group too: recused for her own team
    ("Piet de Boer", "piet@example.org", 0, 0),
    ("Dewi Santoso", "dewi@example.org", 0, 1),
    ("Marleen Bos", "marleen@example.org", 1, None),
    ("Ahmed El Idrissi", "ahmed@example.org", 1, None),
    ("Kees van Dijk", "kees@example.org", 1, None),
    ("Anouk Meijer", "anouk@example.org", 2, None),
    ("Sem de Graaf", "sem@example.org", 2, None),
    ("Fenna Peters", "fenna@example.org", 2, None),
]
TEAMS = [
    dict(
        name="Pruimengaarde Samen",
        kind=TeamKind.BUURTTEAM,
        area="Pruimengaarde 1 t/m 60",
        themes=["ontmoeting", "groen"],
        question="We willen dat buren elkaar weer groeten en samen de binnentuin opknappen.",
        description="Bewoners van de Pruimengaarde die samen iets moois van hun straat maken.",
    ),
    dict(
        name="Flat Lindelaan Burennetwerk",
        kind=TeamKind.BURENNETWERK,
        area="Flat Lindelaan 2-180",
        themes=["woonregels", "zwerfvuil"],
        question="Afspraken over de galerij en minder vuil bij de containers.",
        description="Een netwerk van buren in de flat aan de Lindelaan.",
    ),
]

# The agenda: (team, title, kind, days from today, start, hours, public, capacity, cancel reason).
ACTIVITIES = [
    (0, "Burendag in de binnentuin", ActivityKind.PARTY, 5, time(14, 0), 3, True, 40, ""),
    (0, "Samen de binnentuin opknappen", ActivityKind.CLEAN_UP, 12, time(10, 0), 3, True, 8, ""),
    (0, "Overleg met de woningcorporatie", ActivityKind.MEETING, 9, time(19, 30), 1, False, None, ""),
    (
        0,
        "Koffieochtend in de buurtkamer",
        ActivityKind.CONVERSATION,
        19,
        time(10, 0),
        2,
        True,
        None,
        "De buurtkamer is die dag dicht. We zoeken een nieuwe datum.",
    ),
    (1, "Zwerfvuil prikken rond de flat", ActivityKind.CLEAN_UP, 7, time(10, 0), 2, True, 15, ""),
    (1, "Bewonersavond over de galerij", ActivityKind.MEETING, 16, time(19, 30), 2, True, None, ""),
]


def _municipality() -> Municipality:
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.name == MUNICIPALITY))
    if municipality is None:
        municipality = Municipality(name=MUNICIPALITY)
        db.session.add(municipality)
        db.session.flush()
    return municipality


def _neighbourhoods(municipality: Municipality) -> list[Neighbourhood]:
    result = []
    for name, code, homes, postcodes in NEIGHBOURHOODS:
        hood = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.cbs_code == code))
        if hood is None:
            hood = Neighbourhood(
                municipality_id=municipality.id, name=name, cbs_code=code, homes=homes, postcodes=postcodes
            )
            db.session.add(hood)
            db.session.flush()
        result.append(hood)
    return result


@functools.cache
def _password_hash() -> str:
    """One hash for every demo account: they share the published password, and hashing is
    slow on purpose (seventeen hashes took three seconds)."""
    return hash_password(DEMO_PASSWORD)


def _account(name: str, email: str, neighbourhood: Neighbourhood) -> User:
    """A demo account, already activated (nobody reads the demo's activation mails)."""
    user = accounts.find_user_by_email(email)
    if user is None:
        user = User(name=name, email=email, password_hash=_password_hash(), neighbourhood=neighbourhood)
        db.session.add(user)
        db.session.flush()
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    return user


def build_demo() -> list[tuple[str, str]]:
    hoods = _neighbourhoods(_municipality())
    users = {role: _account(name, email, hoods[0]) for role, name, email in ACCOUNTS}
    users["admin"].is_admin = True
    users["coordinator"].is_coordinator = True
    users["tweestap"].is_coordinator = True
    if not users["tweestap"].has_second_step:
        users["tweestap"].totp_secret = totp.seal(DEMO_TOTP_SECRET)
    for coordinator in (users["coordinator"], users["tweestap"]):
        scope.set_scope(users["admin"], coordinator, [hoods[0].municipality_id])  # Amersfoort only
    demo_teams = []
    for spec in TEAMS:
        team = db.session.scalar(sa.select(Team).where(Team.name == spec["name"]))
        if team is None:
            spec = dict(spec)
            name, kind = spec.pop("name"), spec.pop("kind")
            team = teams.create_team(users["trekker"], hoods[0].id, name, kind, **spec)
        demo_teams.append(team)
    _join(users["trekker"], demo_teams[0], users["lid"], "Ik help graag in de tuin.")
    for name, email, hood_index, team_index in RESIDENTS:
        resident = _account(name, email, hoods[hood_index])
        if team_index is not None:
            _join(users["trekker"], demo_teams[team_index], resident, "Ik doe graag mee.")
    _activities(users["trekker"])
    _past_activity(users["trekker"])
    demo_funds.build(users["coordinator"], users["trekker"], hoods, demo_teams)
    demo_helpdesk.build(users["coordinator"], demo_teams)
    demo_outreach.build(users["coordinator"], hoods)
    demo_coaching.build(users["coordinator"], demo_teams, users["bewoner"])
    demo_coordination.build(hoods[0].municipality_id)
    second = demo_region.build(users["admin"], _account, _join)
    db.session.flush()
    return [(role, email) for role, _name, email in ACCOUNTS] + second


def _join(trekker: User, team: Team, person: User, message: str) -> None:
    """The person asks to join and the trekker accepts, as in the app."""
    membership = next((m for m in memberships.teams_of(person) if m.team_id == team.id), None)
    if membership is None:
        membership = memberships.request_to_join(person, team, message)
    if membership.state == MembershipState.REQUESTED:
        memberships.decide_request(trekker, team, membership.id, accept=True)


def _activities(trekker: User) -> None:
    """The demo teams' plans for the coming weeks, most of them in the public agenda."""
    demo_teams = [db.session.scalar(sa.select(Team).where(Team.name == spec["name"])) for spec in TEAMS]
    for team_index, title, kind, days, start, hours, public, capacity, cancel_reason in ACTIVITIES:
        team = demo_teams[team_index]
        if db.session.scalar(sa.select(Activity.id).where(Activity.team_id == team.id, Activity.title == title)):
            continue
        starts_at = datetime.combine(local_today() + timedelta(days=days), start, tzinfo=local_zone()).astimezone(UTC)
        details = dict(
            title=title,
            description=f"{title}. Iedereen uit de buurt is welkom.",
            kind=kind,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            location=TEAMS[team_index]["area"],
            is_public=public,
            capacity=capacity,
            expected_participants=capacity,
        )
        activity = lifecycle.create_activity(trekker, team, details)
        if activity.status == ActivityStatus.IDEA:  # a public one is in the agenda already
            lifecycle.change_status(trekker, team, activity, ActivityStatus.PLANNED)
        if cancel_reason:
            lifecycle.change_status(trekker, team, activity, ActivityStatus.CANCELLED, cancel_reason)


PAST_TITLE = "Soep en verhalen in de binnentuin"
PAST_GUESTS = [
    ("Vera Visser", "vera@example.org"),
    ("Omar Haddou", "omar@example.org"),
    ("Ilse de Wit", "ilse@example.org"),
]


def _past_activity(trekker: User) -> None:
    """Ten days ago: a public activity with check-ins and a review with a public story and a
    photo the people on it agreed to (a drawn picture, generated here)."""
    team = db.session.scalar(sa.select(Team).where(Team.name == TEAMS[0]["name"]))
    if db.session.scalar(sa.select(Activity.id).where(Activity.team_id == team.id, Activity.title == PAST_TITLE)):
        return
    starts_at = datetime.combine(local_today() - timedelta(days=10), time(17), tzinfo=local_zone()).astimezone(UTC)
    details = dict(
        title=PAST_TITLE,
        description="Buren koken soep en vertellen elkaar hoe de buurt vroeger was.",
        kind=ActivityKind.MEETING,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        location=TEAMS[0]["area"],
        is_public=True,
        capacity=20,
        expected_participants=15,
    )
    activity = lifecycle.create_activity(trekker, team, details, happened=True)
    for name, email in PAST_GUESTS:
        db.session.add(
            SignUp(
                activity_id=activity.id,
                name=name,
                email=email,
                status=SignUpStatus.CONFIRMED,
                token=secrets.token_urlsafe(24),
                queued_at=starts_at - timedelta(days=3),
                checked_in_at=starts_at,
            )
        )
    evaluations.save_evaluation(
        trekker,
        team,
        activity,
        dict(
            participants=16,
            new_contacts=5,
            went_well="Iedereen nam een ingrediënt mee. De oudste buurvrouw vertelde over de oorlog.",
            could_be_better="De soep was op voordat de laatste gasten kwamen.",
            story="Zestien buren kookten samen soep in de binnentuin. Drie mensen kwamen voor het eerst.",
            story_public=True,
        ),
    )
    picture = Image.new("RGB", (480, 320), (230, 244, 236))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((160, 80, 320, 240), fill=(11, 93, 59))  # a bowl of soup, seen from above
    draw.ellipse((185, 105, 295, 215), fill=(242, 168, 59))
    stream = io.BytesIO()
    picture.save(stream, "PNG")
    stream.seek(0)
    evaluations.add_photo(
        trekker, team, activity, stream, consent=True, description="Een grote pan soep, van bovenaf gezien"
    )
