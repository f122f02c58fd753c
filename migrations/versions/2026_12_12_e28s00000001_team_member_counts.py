"""team member counts kept by a trigger on membership; indexes for the dashboard's signals

Revision ID: e28s00000001
Revises: e28f00000002
Create Date: 2026-12-12 09:00:00

The dashboard's signals "no trekker" and "below a fund's minimum size" looked for the
memberships of every live team on each request (at 100,000 teams, a quarter of a second).
Each team now keeps its active trekkers and its active trekkers and members (the roles that
count for a fund's minimum, money.requests.services.COUNTED_ROLES), added to by a statement
trigger on membership with what the statement changed, under the team rows' locks taken in
id order; partial indexes find the live teams without a trekker, and those below a size.
The dashboard counts each kind of signal up to a hundred, and shows the oldest ten: partial
indexes on the moment each kind's situation began (and the request's id, the next key of
the order) keep the planner from reading every team or request to count or find them.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e28s00000001"
down_revision = "e28f00000002"
branch_labels = None
depends_on = None

LIVE = "status IN ('starting', 'active', 'self_reliant')"

# What `rows` (sign, team_id, role, state) add to each team's counts.
ADD = """
    PERFORM 1 FROM team WHERE id IN (SELECT team_id FROM ({rows}) AS r) ORDER BY id FOR NO KEY UPDATE;
    UPDATE team AS t SET trekker_count = t.trekker_count + d.trekkers, member_count = t.member_count + d.members
    FROM (
        SELECT r.team_id, coalesce(sum(r.sign) FILTER (WHERE r.role = 'trekker'), 0) AS trekkers,
               sum(r.sign) AS members
        FROM ({rows}) AS r
        WHERE r.state = 'active' AND r.role IN ('trekker', 'member')
        GROUP BY r.team_id
    ) AS d
    WHERE t.id = d.team_id AND (d.trekkers, d.members) <> (0, 0);"""
NEW = "SELECT 1 AS sign, team_id, role, state FROM new_rows"
OLD = "SELECT -1 AS sign, team_id, role, state FROM old_rows"

FUNCTION = f"""
CREATE FUNCTION team_counts_of_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{ADD.format(rows=NEW)}
    ELSIF TG_OP = 'DELETE' THEN{ADD.format(rows=OLD)}
    ELSE{ADD.format(rows=f"{NEW} UNION ALL {OLD}")}
    END IF;
    RETURN NULL;
END $$;
"""
RUN = "FOR EACH STATEMENT EXECUTE FUNCTION team_counts_of_membership()"
TRIGGERS = {
    "insert": f"AFTER INSERT ON membership REFERENCING NEW TABLE AS new_rows {RUN}",
    "update": f"AFTER UPDATE ON membership REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {RUN}",
    "delete": f"AFTER DELETE ON membership REFERENCING OLD TABLE AS old_rows {RUN}",
}
COUNT = """
UPDATE team AS t SET trekker_count = c.trekkers, member_count = c.members
FROM (
    SELECT team_id, count(*) FILTER (WHERE role = 'trekker') AS trekkers, count(*) AS members
    FROM membership WHERE state = 'active' AND role IN ('trekker', 'member') GROUP BY team_id
) AS c
WHERE t.id = c.team_id
"""


def upgrade():
    op.add_column("team", sa.Column("trekker_count", sa.Integer(), server_default="0", nullable=False))
    op.add_column("team", sa.Column("member_count", sa.Integer(), server_default="0", nullable=False))
    op.execute(FUNCTION)
    for event, definition in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER team_counts_membership_{event} {definition}")
    op.execute(COUNT)
    op.create_index(
        "ix_team_live_without_trekker",
        "team",
        ["neighbourhood_id"],
        postgresql_where=sa.text(f"{LIVE} AND trekker_count = 0"),
    )
    op.create_index("ix_team_live_by_size", "team", ["member_count"], postgresql_where=sa.text(LIVE))
    op.create_index("ix_team_live_by_last_activity", "team", ["last_activity_at"], postgresql_where=sa.text(LIVE))
    op.create_index("ix_team_starting_since", "team", ["created_at"], postgresql_where=sa.text("status = 'starting'"))
    op.create_index(
        "ix_voucher_request_paid_out_due",
        "voucher_request",
        ["accountability_due_on", "id"],
        postgresql_where=sa.text("status = 'paid_out'"),
    )
    op.create_index(
        "ix_voucher_request_awarded_since",
        "voucher_request",
        ["decided_at", "id"],
        postgresql_where=sa.text("status IN ('awarded', 'partly_awarded')"),
    )


def downgrade():
    op.drop_index("ix_voucher_request_awarded_since", table_name="voucher_request")
    op.drop_index("ix_voucher_request_paid_out_due", table_name="voucher_request")
    op.drop_index("ix_team_starting_since", table_name="team")
    op.drop_index("ix_team_live_by_last_activity", table_name="team")
    op.drop_index("ix_team_live_by_size", table_name="team")
    op.drop_index("ix_team_live_without_trekker", table_name="team")
    for event in TRIGGERS:
        op.execute(f"DROP TRIGGER team_counts_membership_{event} ON membership")
    op.execute("DROP FUNCTION team_counts_of_membership()")
    op.drop_column("team", "member_count")
    op.drop_column("team", "trekker_count")
