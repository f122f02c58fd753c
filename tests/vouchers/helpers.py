"""A small money world for the team's voucher pages: a neighbourhood with a fund, a team
with a trekker and a member, a regie-group of two, and a coordinator."""

import html
import io
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from PIL import Image

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from app.money.models import Fund, LedgerEntry
from app.money.requests.models import Accountability, Receipt, VoucherLine, VoucherRequest
from app.teams.models import Team
from tests.factories import add_member, make_activity, make_fund, make_neighbourhood, make_team, make_user, seat


@dataclass
class World:
    team: Team
    trekker: User
    member: User
    coordinator: User
    chair: User
    regie: User
    fund: Fund
    activity: Activity


def money_world(**rules) -> World:
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker, member = make_user("Tess Trekker", hood), make_user("Mo Member", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    add_member(team, member)
    fund = make_fund(hood, coordinator, **rules)
    chair, regie = make_user("Carla Voorzitter", hood), make_user("Rik Regie", hood)
    seat(fund, coordinator, chair, "chair")
    seat(fund, coordinator, regie)
    activity = make_activity(team, trekker, status=ActivityStatus.PLANNED)
    activity.title = "Burendag"
    return World(team, trekker, member, coordinator, chair, regie, fund, activity)


def request_form(world: World, *rows, motivation: str = "Voor de buurt.", send: bool = False, **extra) -> dict:
    """The request form as a browser posts it: six rows, the ones given filled in."""
    data = {"fund_id": str(world.fund.id), "activity_id": str(world.activity.id), "motivation": motivation}
    for n in range(6):
        category, description, amount = rows[n] if n < len(rows) else ("", "", "")
        data |= {f"lines-{n}-category": category, f"lines-{n}-description": description, f"lines-{n}-amount": amount}
    data |= {"send": "Opslaan en indienen"} if send else {"save": "Opslaan als concept"}
    return data | extra


def account_form(request: VoucherRequest, cents: str = "80", **extra) -> dict:
    """The accountability form as a browser posts it: every line's actual cost, participants, report."""
    lines = db.session.scalars(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    return {f"line_{line.id}": cents for line in lines} | {"participants": "14", "report": "Gezellig!"} | extra


def page_of(response) -> str:
    """The page's text as a reader sees it (quotes unescaped)."""
    return html.unescape(response.get_data(as_text=True))


def took_place(activity: Activity) -> None:
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=2)
    db.session.flush()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "JPEG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def snapshot(request: VoucherRequest) -> tuple:
    """Everything a team action could change about a request, to prove that nothing did."""
    db.session.expire_all()

    def rows(model, *where):
        return [tuple(r) for r in db.session.execute(sa.select(*model.__table__.columns).where(*where))]

    return (
        rows(VoucherRequest, VoucherRequest.id == request.id),
        rows(VoucherLine, VoucherLine.request_id == request.id),
        rows(Accountability, Accountability.request_id == request.id),
        rows(Receipt, Receipt.request_id == request.id),
        rows(LedgerEntry, LedgerEntry.fund_id == request.fund_id),
    )
