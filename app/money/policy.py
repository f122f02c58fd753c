"""The money's permission rules, registered when imported: `fund.*` (who may set up a fund
and look inside it) and `voucher.*` (who may see and act on a request)."""

from app.money.funds import policy as funds
from app.money.requests import policy as requests

RULES = (funds, requests)
