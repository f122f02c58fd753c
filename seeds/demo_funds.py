"""The demo's money (`flask seed demo`): a fund per neighbourhood with its regie-group, and in
Kruiskamp a request in every state. Everything goes through the services, so the ledger
holds the entries that belong to each state. A fund that exists is left as it is."""

import io
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from PIL import Image, ImageDraw, ImageFont

from app.accounts import services as accounts
from app.accounts.models import User
from app.activities import lifecycle
from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.models import utcnow
from app.core.money import euros
from app.core.timezone import local_today, local_zone
from app.extensions import db
from app.money.funds import services as funds
from app.money.models import DecisionRule, Fund, RegieRole
from app.money.requests import services as requests
from app.money.requests.models import Advice, Outcome, RequestStatus, VoucherLine, VoucherRequest
from app.money.review import services as review
from app.money.settlement import services as settlement
from app.places.models import Neighbourhood
from app.teams.models import Team

TOTAL_CENTS = 5_000_00
# Who sits in each neighbourhood's regie-group (the accounts are made in seeds/demo.py).
REGIE = {
    "Kruiskamp": [
        ("voorzitter@example.org", RegieRole.CHAIR),
        ("gerrit@example.org", RegieRole.DEPUTY),
        ("regie@example.org", RegieRole.MEMBER),
        ("latifa@example.org", RegieRole.MEMBER),  # member of the flat's team: recused for its requests
    ],
    "Schothorst-Zuid": [
        ("marleen@example.org", RegieRole.CHAIR),
        ("ahmed@example.org", RegieRole.DEPUTY),
        ("kees@example.org", RegieRole.MEMBER),
    ],
    "Liendert": [
        ("anouk@example.org", RegieRole.CHAIR),
        ("sem@example.org", RegieRole.DEPUTY),
        ("fenna@example.org", RegieRole.MEMBER),
    ],
    "Leusden-Zuid": [  # the second municipality (seeds/demo_region.py)
        ("els@example.org", RegieRole.CHAIR),
        ("rob@example.org", RegieRole.DEPUTY),
        ("noor@example.org", RegieRole.MEMBER),
    ],
}


class Ask(NamedTuple):
    """A request of one of the demo teams, and how far it gets."""

    goal: RequestStatus
    team: int  # index in the demo's teams
    title: str  # of its activity, made for it (team only, out of the public agenda)
    kind: ActivityKind
    days: int  # the activity's day from today; before today it took place
    motivation: str
    lines: list[tuple[str, str, int]]  # category, description, amount in cents
    lower: int = 0  # the lower amount the regie-group gives (partly awarded)
    spent: tuple[int, ...] = ()  # what each line really cost (accounted, settled)


S = RequestStatus
# In this order the teams stay within the fund's maximum per team at every submit, and both
# keep room for a new request (a browser story or a demo visitor may make one).
ASKS = [
    Ask(S.SETTLED, 0, "Plantenbakken vullen in de binnentuin", ActivityKind.CLEAN_UP, -40,
        "Met bakken vol planten wordt de binnentuin een plek waar buren graag zitten.",
        [("materials", "Plantenbakken, potgrond en planten", 180_00), ("food", "Koffie en koek", 70_00)],
        spent=(162_50, 52_50)),
    Ask(S.ACCOUNTED, 0, "Bankjes schuren en verven", ActivityKind.CLEAN_UP, -12,
        "De oude bankjes in de binnentuin zijn grijs en splinteren. Samen maken we ze weer mooi.",
        [("materials", "Schuurpapier, verf en kwasten", 150_00), ("hire", "Schuurmachine huren", 50_00)],
        spent=(138_00, 45_00)),
    Ask(S.PAID_OUT, 1, "Grijpers en zakken voor de flat", ActivityKind.CLEAN_UP, -6,
        "Met eigen grijpers kunnen bewoners elke week een rondje om de flat lopen.",
        [("materials", "Tien afvalgrijpers en vuilniszakken", 120_00)]),
    Ask(S.AWARDED, 1, "Spelmiddag voor kinderen bij de flat", ActivityKind.PARTY, 20,
        "Kinderen uit de flat leren elkaar kennen, en hun ouders ook.",
        [("hire", "Springkussen huren", 200_00), ("food", "Limonade en fruit", 60_00)]),
    Ask(S.PARTLY_AWARDED, 1, "Bloembakken op de galerij", ActivityKind.CLEAN_UP, 25,
        "Groen op de galerij maakt de flat vriendelijker. Iedere verdieping krijgt bakken.",
        [("materials", "Bloembakken en planten voor zes verdiepingen", 300_00)], lower=200_00),
    Ask(S.REJECTED, 1, "Feestavond voor de flat", ActivityKind.PARTY, 40,
        "Een feest voor alle bewoners van de flat, met eten en muziek.",
        [("rent", "Zaal huren", 180_00), ("food", "Buffet", 120_00)]),
    Ask(S.IN_REVIEW, 1, "Kennismaken met nieuwe bewoners", ActivityKind.MEETING, 30,
        "Er wonen veel nieuwe mensen in de flat. We nodigen ze uit voor koffie met de buren.",
        [("food", "Koffie, thee en koek", 80_00), ("promotion", "Uitnodigingen voor de hele flat", 40_00)]),
    Ask(S.SUBMITTED, 0, "Zomermarkt in de binnentuin", ActivityKind.PARTY, 50,
        "Buren verkopen spullen en planten. De opbrengst gaat naar de binnentuin.",
        [("hire", "Marktkramen huren", 150_00), ("promotion", "Affiches in de straat", 30_00)]),
    Ask(S.WITHDRAWN, 0, "Nestkastjes timmeren", ActivityKind.COURSE, 35,
        "Kinderen en ouders timmeren samen nestkastjes voor de binnentuin.",
        [("materials", "Hout, schroeven en verf", 90_00)]),
    Ask(S.DRAFT, 0, "Samen koken op woensdag", ActivityKind.MEETING, 60,
        "Eén keer per maand koken buren samen en eten ze samen.",
        [("food", "Boodschappen voor vier keer koken", 160_00)]),
]  # fmt: skip


def build(coordinator: User, trekker: User, hoods: list[Neighbourhood], teams: list[Team]) -> None:
    for hood in hoods:
        rules = _rules(hood)
        if db.session.scalar(sa.select(Fund.id).where(Fund.neighbourhood_id == hood.id, Fund.name == rules["name"])):
            continue
        fund = funds.create_fund(coordinator, hood, rules, TOTAL_CENTS)
        seats = {}
        for email, role in REGIE[hood.name]:
            person = accounts.find_user_by_email(email)
            funds.appoint(coordinator, fund, person, role, rules["opens_on"], rules["period_end"])
            seats.setdefault(role, person)  # the first member listed advises in the requests' stories
        if teams and hood.id == teams[0].neighbourhood_id:
            for ask in ASKS:
                _request(ask, fund, coordinator, trekker, teams[ask.team], seats)


def _rules(hood: Neighbourhood) -> dict:
    """The local rules: open since two months, for a year."""
    today = local_today()
    return dict(
        name=f"Buurtbudget {hood.name}",
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=305),
        support_percent=10,
        max_per_voucher_cents=500_00,
        max_per_team_cents=1_000_00,
        min_team_size=3,
        categories=["materials", "food", "rent", "hire", "promotion"],
        opens_on=today - timedelta(days=60),
        closes_on=today + timedelta(days=120),
        accountability_days=30,
        objection_days=14,
        quorum=2,
        decision_rule=DecisionRule.MAJORITY,
    )


def _activity(trekker: User, team: Team, ask: Ask) -> Activity:
    starts_at = datetime.combine(local_today() + timedelta(days=ask.days), time(14), tzinfo=local_zone())
    details = dict(
        title=ask.title,
        description=ask.motivation,
        kind=ask.kind,
        starts_at=starts_at.astimezone(UTC),
        ends_at=(starts_at + timedelta(hours=3)).astimezone(UTC),
        location=team.area,
        is_public=False,
        capacity=None,
        expected_participants=20,
    )
    # The team planned it while its day was still to come; for one that took place that day
    # has passed since (history the demo makes up): planned tomorrow, then moved back.
    soon = utcnow() + timedelta(days=1)
    activity = lifecycle.create_activity(
        trekker, team, details | {"starts_at": soon, "ends_at": soon} if ask.days < 0 else details
    )
    if ask.goal not in (S.DRAFT, S.WITHDRAWN):  # those stay ideas
        lifecycle.change_status(trekker, team, activity, ActivityStatus.PLANNED)
    activity.starts_at, activity.ends_at = details["starts_at"], details["ends_at"]
    return activity


def _request(ask: Ask, fund: Fund, coordinator: User, trekker: User, team: Team, seats: dict) -> None:
    """Take one request as far as its goal, the way the people involved would."""
    activity = _activity(trekker, team, ask)
    request = requests.save_draft(trekker, team, None, fund, activity, ask.motivation, ask.lines)
    if ask.goal == S.DRAFT:
        return
    requests.submit(trekker, team, request)
    chair, deputy, member = seats[RegieRole.CHAIR], seats[RegieRole.DEPUTY], seats[RegieRole.MEMBER]
    if ask.goal == S.WITHDRAWN:
        requests.withdraw(trekker, team, request)
    elif ask.goal == S.IN_REVIEW:  # one advice in: the demo regie member gives the second
        review.assess(deputy, request, Advice.AWARD, None, "Mooi plan. Zo leren nieuwe buren elkaar kennen.")
    elif ask.goal == S.PARTLY_AWARDED:
        reason = "Begin met vier van de zes verdiepingen. Als het goed gaat, kunt u later meer vragen."
        review.assess(chair, request, Advice.LOWER, ask.lower, reason)
        review.assess(member, request, Advice.LOWER, ask.lower, "Goed idee, maar wat veel voor één keer.")
        review.assess(deputy, request, Advice.AWARD, None, "")
        review.decide(chair, request, Outcome.PARTLY_AWARDED, ask.lower, reason)
    elif ask.goal == S.REJECTED:
        _reject_twice(request, team, trekker, chair, deputy, member)
    elif ask.goal != S.SUBMITTED:
        _award_and_settle(ask, request, activity, team, coordinator, trekker, (chair, deputy, member))


def _reject_twice(request: VoucherRequest, team: Team, trekker: User, chair: User, deputy: User, member: User) -> None:
    """Rejected; the team objects once; the second look keeps the rejection, with a final word."""
    reason = (
        "Dit feest is alleen voor de flat. Het buurtbudget is voor activiteiten waar de hele buurt aan mee kan doen."
    )
    review.assess(chair, request, Advice.REJECT, None, reason)
    review.assess(deputy, request, Advice.REJECT, None, "Een zaal en een buffet zijn duur voor één avond.")
    review.assess(member, request, Advice.AWARD, None, "")
    review.decide(chair, request, Outcome.REJECTED, 0, reason)
    requests.object_to(trekker, team, request, "Ook de buren van de overkant zijn welkom. Dat stond er niet bij.")
    review.assess(chair, request, Advice.REJECT, None, "Ook met de buren van de overkant blijft het een dure avond.")
    review.assess(deputy, request, Advice.REJECT, None, "Vraag geld voor een kleiner feest in de buurtkamer.")
    review.decide(
        chair,
        request,
        Outcome.REJECTED,
        0,
        "We blijven bij ons besluit. Een kleiner feest in de buurtkamer kan het team wel opnieuw aanvragen.",
    )


def _award_and_settle(ask: Ask, request, activity, team: Team, coordinator: User, trekker: User, advisers) -> None:
    """Awarded in full; then paid out, accounted for with a receipt, and settled, as far as the goal."""
    for adviser in advisers:
        review.assess(adviser, request, Advice.AWARD, None, "")
    review.decide(advisers[0], request, Outcome.AWARDED, request.requested_cents, "")
    if ask.goal == S.AWARDED:
        return
    settlement.pay_out(coordinator, request)
    lifecycle.change_status(trekker, team, activity, ActivityStatus.DONE)
    if ask.goal == S.PAID_OUT:
        return
    lines = list(
        db.session.scalars(
            sa.select(VoucherLine).where(VoucherLine.request_id == request.id).order_by(VoucherLine.position)
        )
    )
    settlement.add_receipt(trekker, team, request, _receipt(lines, ask.spent), "Kassabon")
    actual = {line.id: cents for line, cents in zip(lines, ask.spent, strict=True)}
    report = (
        f"{ask.title}: het ging goed. We gaven {euros(sum(ask.spent))} uit, de rest gaat terug naar het buurtbudget."
    )
    settlement.account(trekker, team, request, actual, report, 18)
    if ask.goal == S.SETTLED:
        settlement.review(coordinator, request, True, "")


def _receipt(lines: list[VoucherLine], spent: tuple[int, ...]) -> bytes:
    """A till receipt, drawn here (the default font has no euro sign)."""
    font = ImageFont.load_default(size=16)
    picture = Image.new("RGB", (440, 140 + 28 * len(lines)), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.text((20, 20), "Winkelcentrum Kruiskamp", font=font, fill=(0, 0, 0))
    y = 60
    for line, cents in zip(lines, spent, strict=True):
        draw.text((20, y), line.description[:34], font=font, fill=(60, 60, 60))
        draw.text((330, y), _amount(cents), font=font, fill=(0, 0, 0))
        y += 28
    draw.line((20, y + 6, 420, y + 6), fill=(0, 0, 0), width=2)
    draw.text((20, y + 20), "TOTAAL", font=font, fill=(0, 0, 0))
    draw.text((330, y + 20), _amount(sum(spent)), font=font, fill=(0, 0, 0))
    stream = io.BytesIO()
    picture.save(stream, "PNG")
    return stream.getvalue()


def _amount(cents: int) -> str:
    return "EUR " + euros(cents).removeprefix("€").strip()
