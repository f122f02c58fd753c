"""Expected answers for the template library, activity and API routes, per role, for the
permission matrix in tests/test_permissions.py.

URL_ARGS: the matrix's `world` needs three more URL arguments; `url_args(team, people)`
makes them for the world's team:

- ``slug``: a published template's slug (a factory template);
- ``activity_id``: an activity of the world's team, made from that template;
- ``item_id``: the first checklist step of that activity.

Adopting is for the team's members and trekkers (a POST without data answers with a
message and a redirect: "ok"); residents outside the team and staff cannot adopt.
Activities are seen by the team (and coordinators, admins); members and trekkers add,
change, plan, mark done, cancel and tick them off; only trekkers delete an idea.
"""

from tests.factories import make_activity, make_template
from tests.permission_rules import STAFF, TEAM, everyone, only

CASES: dict[str, dict[str, str]] = {
    "templates_library.index": everyone(),
    "templates_library.choose": everyone(),
    "templates_library.show": everyone(),
    "templates_library.adopt": only(*TEAM),
    "templates_library.create": only(*STAFF),
    "templates_library.edit": only(*STAFF),
    "activities.index": only(*TEAM, *STAFF),
    "activities.show": only(*TEAM, *STAFF),
    "activities.toggle_step": only(*TEAM),
    "activities.delete": only("trekker"),
    "activities.create": only(*TEAM),
    "activities.edit": only(*TEAM),
    "activities.plan": only(*TEAM),
    "activities.done": only(*TEAM),
    "activities.cancel": only(*TEAM),
    "api.openapi": everyone(),
    "api.templates": everyone(),
    "api.template": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    trekker = people["trekker"]
    template = make_template("Burenkoffie")
    activity = make_activity(team, trekker, template)
    return {"slug": template.slug, "activity_id": activity.id, "item_id": activity.checklist[0].id}
