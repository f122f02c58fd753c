"""Expected answers for the fund routes, per role (see tests/test_permissions.py).

url_args builds the money world every voucher route uses: a fund in the world's
neighbourhood with "regie" as member and "chair" as chair of its regie-group, and one
submitted request of the world's team with a receipt. The voucher features' own
permission_cases.py add no arguments of their own."""

from app.core import uploads
from app.extensions import db
from app.money.requests.models import Receipt
from app.money.settlement.services import RECEIPTS
from app.places.models import Neighbourhood
from tests.factories import make_fund, make_request, make_user, seat
from tests.permission_rules import REGIE, STAFF, everyone, only

# The regie-group reads its own fund; coordinators and admins manage every fund.
READERS = only(*REGIE, *STAFF)
MANAGERS = only(*STAFF)

CASES: dict[str, dict[str, str]] = {
    "funds.index": READERS,
    "funds.create": MANAGERS,
    "funds.edit": MANAGERS,
    "funds.show": READERS,
    "funds.requests_with_status": READERS,
    "funds.ledger": READERS,
    "funds.correct": MANAGERS,
    "funds.ledger_csv": READERS,
    "funds.regie": MANAGERS,
    "funds.change_seat": MANAGERS,
    "funds.public_index": everyone(),
    "funds.public_fund": everyone(),
    "api.funds": everyone(),
    "api.fund_decisions": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    coordinator = make_user("Fien Fondsbeheer", is_coordinator=True)
    fund = make_fund(db.session.get(Neighbourhood, team.neighbourhood_id), coordinator)
    member = seat(fund, coordinator, people["regie"])
    seat(fund, coordinator, people["chair"], "chair")
    request = make_request(team, people["trekker"], fund)
    receipt = Receipt(
        request_id=request.id, title="Bon", size=10, file_name=uploads.store(RECEIPTS, b"%PDF-1.4 %%EOF", ".pdf")
    )
    db.session.add(receipt)
    db.session.flush()
    return {
        "fund_id": fund.id,
        "seat_id": member.id,
        "request_id": request.id,
        "receipt_id": receipt.id,
        "status": request.status,
    }
