"""neighbourhood figures kept by statement triggers; funds found by the end of their period

Revision ID: e28f00000001
Revises: e28p00000001
Create Date: 2026-12-10 09:00:00

The public impact page added up every team, activity and ledger entry on each request. Its
figures are now kept per neighbourhood in neighbourhood_figures by statement-level triggers
(with transition tables, so bulk SQL counts as one refresh per statement) on team, activity,
fund and ledger_entry. A trigger on team, activity or fund recounts the neighbourhoods its
statement touched, under their rows' locks, in a statement that starts after the lock is held: of two
transactions that change one neighbourhood at once, the second waits and then counts what
the first committed (READ COMMITTED, the app's level). Updates that change nothing counted
(a team's last activity, an activity's text) refresh nothing. The append-only ledger adds what
its new entries award instead (LEDGER), as a fund may hold very many entries.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e28f00000001"
down_revision = "e28p00000001"
branch_labels = None
depends_on = None

# awarded = reserved + paid out - returned = reservations - releases - returns (ledger.Balances),
# a correction counting as the kind of the entry it corrects.
REFRESH = """
CREATE FUNCTION neighbourhood_figures_refresh(hoods integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    hoods := ARRAY(SELECT DISTINCT h FROM unnest(hoods) AS h WHERE h IS NOT NULL ORDER BY h);
    IF cardinality(hoods) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO neighbourhood_figures (neighbourhood_id)
    SELECT id FROM neighbourhood WHERE id = ANY(hoods) ORDER BY id
    ON CONFLICT (neighbourhood_id) DO NOTHING;
    PERFORM 1 FROM neighbourhood_figures WHERE neighbourhood_id = ANY(hoods)
    ORDER BY neighbourhood_id FOR UPDATE;
    UPDATE neighbourhood_figures AS f SET
        teams = coalesce(t.teams, 0),
        activities = coalesce(a.activities, 0),
        participants = coalesce(a.participants, 0),
        awarded_cents = coalesce(m.awarded, 0)
    FROM unnest(hoods) AS h(id)
    LEFT JOIN (
        SELECT neighbourhood_id, count(*) AS teams FROM team
        WHERE neighbourhood_id = ANY(hoods) AND status <> 'archived' GROUP BY neighbourhood_id
    ) AS t ON t.neighbourhood_id = h.id
    LEFT JOIN (
        SELECT team.neighbourhood_id, count(*) AS activities,
               sum(activity.actual_participants) AS participants
        FROM activity JOIN team ON team.id = activity.team_id
        WHERE team.neighbourhood_id = ANY(hoods) AND activity.status IN ('done', 'evaluated')
        GROUP BY team.neighbourhood_id
    ) AS a ON a.neighbourhood_id = h.id
    LEFT JOIN (
        SELECT fund.neighbourhood_id,
               sum(CASE coalesce(corrected.kind, entry.kind)
                   WHEN 'reservation' THEN entry.amount_cents
                   WHEN 'release' THEN -entry.amount_cents
                   WHEN 'return' THEN -entry.amount_cents
                   ELSE 0 END) AS awarded
        FROM ledger_entry AS entry
        JOIN fund ON fund.id = entry.fund_id
        LEFT JOIN ledger_entry AS corrected ON corrected.id = entry.corrects_id
        WHERE fund.neighbourhood_id = ANY(hoods)
        GROUP BY fund.neighbourhood_id
    ) AS m ON m.neighbourhood_id = h.id
    WHERE f.neighbourhood_id = h.id;
END $$;
"""

# Per table: the neighbourhoods a statement touched, from its transition tables; an UPDATE
# only through rows whose counted columns changed.
TOUCHED = {
    "team": (
        "SELECT r.neighbourhood_id FROM {rows} AS r",
        "(n.neighbourhood_id, n.status) IS DISTINCT FROM (o.neighbourhood_id, o.status)",
    ),
    "activity": (
        "SELECT team.neighbourhood_id FROM {rows} AS r JOIN team ON team.id = r.team_id",
        "(n.team_id, n.status, n.actual_participants) IS DISTINCT FROM (o.team_id, o.status, o.actual_participants)",
    ),
    "fund": (
        "SELECT r.neighbourhood_id FROM {rows} AS r",
        "n.neighbourhood_id IS DISTINCT FROM o.neighbourhood_id",
    ),
}

# The ledger is append-only: what a statement's new entries add to "awarded" is exact, and is
# added (n = n + d, under the row's lock) instead of counting a fund's every entry again at
# each payout. Once per statement, not per row: each update of a row leaves a version the
# transaction must step over, so a row trigger made a 100,000-entry insert quadratic.
LEDGER = """
CREATE FUNCTION neighbourhood_figures_of_ledger_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO neighbourhood_figures AS f (neighbourhood_id, awarded_cents)
    SELECT fund.neighbourhood_id,
           sum(CASE coalesce(corrected.kind, entry.kind)
               WHEN 'reservation' THEN entry.amount_cents
               ELSE -entry.amount_cents END)
    FROM new_rows AS entry
    JOIN fund ON fund.id = entry.fund_id
    LEFT JOIN ledger_entry AS corrected ON corrected.id = entry.corrects_id
    WHERE coalesce(corrected.kind, entry.kind) IN ('reservation', 'release', 'return')
    GROUP BY fund.neighbourhood_id
    ORDER BY fund.neighbourhood_id
    ON CONFLICT (neighbourhood_id) DO UPDATE SET awarded_cents = f.awarded_cents + excluded.awarded_cents;
    RETURN NULL;
END $$;

CREATE TRIGGER neighbourhood_figures_ledger_entry_insert AFTER INSERT ON ledger_entry
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION neighbourhood_figures_of_ledger_entry();
"""


def _function(table: str) -> str:
    select, changed = TOUCHED[table]
    moved = f"SELECT n.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE {changed}"
    before = f"SELECT o.* FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id WHERE {changed}"
    update = (
        f"neighbourhood_figures_refresh(ARRAY({select.format(rows=f'({moved})')}"
        f" UNION ALL {select.format(rows=f'({before})')}))"
    )
    return f"""
CREATE FUNCTION neighbourhood_figures_of_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM neighbourhood_figures_refresh(ARRAY({select.format(rows="new_rows")}));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM neighbourhood_figures_refresh(ARRAY({select.format(rows="old_rows")}));
    ELSE
        PERFORM {update};
    END IF;
    RETURN NULL;
END $$;
"""


def _triggers(table: str) -> list[str]:
    name = f"neighbourhood_figures_{table}"
    run = f"FOR EACH STATEMENT EXECUTE FUNCTION neighbourhood_figures_of_{table}()"
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table}"
        f" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows {run}",
    ]


def upgrade():
    op.create_table(
        "neighbourhood_figures",
        sa.Column("neighbourhood_id", sa.Integer(), nullable=False),
        sa.Column("teams", sa.Integer(), server_default="0", nullable=False),
        sa.Column("activities", sa.Integer(), server_default="0", nullable=False),
        sa.Column("participants", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("awarded_cents", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["neighbourhood_id"],
            ["neighbourhood.id"],
            name=op.f("fk_neighbourhood_figures_neighbourhood_id_neighbourhood"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("neighbourhood_id", name=op.f("pk_neighbourhood_figures")),
    )
    op.execute(REFRESH)
    for table in TOUCHED:
        op.execute(_function(table))
        for statement in _triggers(table):
            op.execute(statement)
    op.execute(LEDGER)
    op.execute("SELECT neighbourhood_figures_refresh(ARRAY(SELECT id FROM neighbourhood))")
    # The fund lists show the funds of now or of earlier periods, a page at a time.
    op.create_index("ix_fund_period_end", "fund", ["period_end"])


def downgrade():
    op.drop_index("ix_fund_period_end", table_name="fund")
    op.execute("DROP TRIGGER neighbourhood_figures_ledger_entry_insert ON ledger_entry")
    op.execute("DROP FUNCTION neighbourhood_figures_of_ledger_entry()")
    for table in TOUCHED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER neighbourhood_figures_{table}_{event} ON {table}")
        op.execute(f"DROP FUNCTION neighbourhood_figures_of_{table}()")
    op.execute("DROP FUNCTION neighbourhood_figures_refresh(integer[])")
    op.drop_table("neighbourhood_figures")
