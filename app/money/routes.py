"""Every page of the money, on two blueprints whose names the endpoints keep: `funds`
(funds.routes) and `vouchers` (defined in requests.routes; review.routes and
settlement.routes add their views to it when they are imported, here)."""

from app.money.funds import routes as funds
from app.money.requests import routes as requests
from app.money.review import routes as review
from app.money.settlement import routes as settlement

VIEWS = (funds, requests, review, settlement)
BLUEPRINTS = (funds.bp, requests.bp)
