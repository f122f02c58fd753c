"""a team statement adds what it changes to the neighbourhood figures

Revision ID: e28f00000002
Revises: e28f00000001
Create Date: 2026-12-11 09:00:00

A statement on team recounted its neighbourhoods' every team, activity and ledger entry, so
a neighbourhood of thousands of teams filled by a bulk loader (1,000 rows a statement) took
seconds a statement. New teams and teams archived or taken back now add +1 or -1 to their
neighbourhood's count under its row's lock, as activities and the ledger do. A team that
moves to another neighbourhood takes its activities along: those two neighbourhoods are
recounted (rare), as are those of deleted teams, whose activities go with them.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "e28f00000002"
down_revision = "e28f00000001"
branch_labels = None
depends_on = None

# +1 for each row of `counted` (sign, neighbourhood_id) that is not archived, per neighbourhood.
ADD = """
    INSERT INTO neighbourhood_figures AS f (neighbourhood_id, teams)
    SELECT d.neighbourhood_id, sum(d.sign) FROM ({counted}) AS d
    WHERE d.status <> 'archived'
    GROUP BY d.neighbourhood_id
    HAVING sum(d.sign) <> 0
    ORDER BY d.neighbourhood_id
    ON CONFLICT (neighbourhood_id) DO UPDATE SET teams = f.teams + excluded.teams;"""
STAYED = "SELECT {sign} AS sign, {side}.neighbourhood_id, {side}.status FROM new_rows AS n JOIN old_rows AS o USING (id)"
MOVED = "n.neighbourhood_id IS DISTINCT FROM o.neighbourhood_id"

BY_DELTA = f"""
CREATE OR REPLACE FUNCTION neighbourhood_figures_of_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{ADD.format(counted="SELECT 1 AS sign, neighbourhood_id, status FROM new_rows")}
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM neighbourhood_figures_refresh(ARRAY(SELECT neighbourhood_id FROM old_rows));
    ELSE{ADD.format(counted=f"{STAYED.format(sign=1, side='n')} WHERE NOT {MOVED} "
                            f"UNION ALL {STAYED.format(sign=-1, side='o')} WHERE NOT {MOVED}")}
        PERFORM neighbourhood_figures_refresh(ARRAY(
            SELECT unnest(ARRAY[n.neighbourhood_id, o.neighbourhood_id])
            FROM new_rows AS n JOIN old_rows AS o USING (id) WHERE {MOVED}));
    END IF;
    RETURN NULL;
END $$;
"""

# As e28f00000001 made it: every statement recounts the neighbourhoods it touched.
BY_RECOUNT = """
CREATE OR REPLACE FUNCTION neighbourhood_figures_of_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM neighbourhood_figures_refresh(ARRAY(SELECT r.neighbourhood_id FROM new_rows AS r));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM neighbourhood_figures_refresh(ARRAY(SELECT r.neighbourhood_id FROM old_rows AS r));
    ELSE
        PERFORM neighbourhood_figures_refresh(ARRAY(
            SELECT r.neighbourhood_id FROM (SELECT n.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                WHERE (n.neighbourhood_id, n.status) IS DISTINCT FROM (o.neighbourhood_id, o.status)) AS r
            UNION ALL
            SELECT r.neighbourhood_id FROM (SELECT o.* FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                WHERE (n.neighbourhood_id, n.status) IS DISTINCT FROM (o.neighbourhood_id, o.status)) AS r));
    END IF;
    RETURN NULL;
END $$;
"""


def upgrade():
    op.execute(BY_DELTA)


def downgrade():
    op.execute(BY_RECOUNT)
