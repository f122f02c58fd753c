"""Activities of a team: the plan made from a template, its checklist (workflow 2 and 3)."""
