"""The Buurtbudget: a neighbourhood's fund and the vouchers teams ask of it.

At the bottom, what everything else stands on (it imports none of the parts):
- models.py   the fund and its rules, its regie-group's seats, and its ledger entries
- ledger.py   the money: entries only added, balances summed from them, the fund's lock
- regie.py    who sits in a fund's regie-group (looked up once per request)

The parts, each with what it needs of routes, forms, queries, services and policy:
- funds/       the budget itself: set up a fund and its rules, seat the regie-group,
               correct and export the ledger, the public pages
- requests/    the team's side and the request itself (its models, labels, mails, the
               voucher.* rules, every read of a request): a draft, submitting,
               withdrawing, objecting; its routes define the `vouchers` blueprint
- review/      the regie-group: the work list, an advice, the decision
- settlement/  after the decision: payout, the accountability with receipts, the check

The parts import each other one way only, never in a circle (tests/test_layout.py reads
the imports): review and settlement build on requests, review shows the funds' rules, and
funds lists a fund's requests. routes.py and policy.py bring the parts together for the
app factory.
"""
