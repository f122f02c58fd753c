"""practice figures kept by a trigger on activity

Revision ID: e28p00000001
Revises: e27m00000001
Create Date: 2026-12-09 09:00:00

The practice figures (template_practice, template_adoption) were kept by mapper events that
wrote through the flush's connection, which bulk SQL passes by. A row trigger on activity
keeps them for every write the database sees, with the same increments (n = n + d) and the
same upsert of the team's adoption under its row lock. The figures are filled again once.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "e28p00000001"
down_revision = "e27m00000001"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE FUNCTION activity_practice_add(template integer, teams integer, done integer, participants integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF teams = 0 AND done = 0 AND participants = 0 THEN
        RETURN;
    END IF;
    INSERT INTO template_practice (template_id, teams, activities_done, participants)
    VALUES (template, teams, done, participants)
    ON CONFLICT (template_id) DO UPDATE SET
        teams = template_practice.teams + excluded.teams,
        activities_done = template_practice.activities_done + excluded.activities_done,
        participants = template_practice.participants + excluded.participants;
END $$;

CREATE FUNCTION activity_practice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_done integer := 0;
    old_people integer := 0;
    new_done integer := 0;
    new_people integer := 0;
    left_over integer;
    adopted integer;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.template_id IS NOT NULL AND OLD.status IN ('done', 'evaluated') THEN
        old_done := 1;
        old_people := coalesce(OLD.actual_participants, 0);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.template_id IS NOT NULL AND NEW.status IN ('done', 'evaluated') THEN
        new_done := 1;
        new_people := coalesce(NEW.actual_participants, 0);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.template_id IS NOT DISTINCT FROM OLD.template_id
            AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id THEN
        -- The same team and template: only what took place moves.
        IF NEW.template_id IS NOT NULL THEN
            PERFORM activity_practice_add(NEW.template_id, 0, new_done - old_done, new_people - old_people);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.template_id IS NOT NULL THEN
        UPDATE template_adoption SET activities = activities - 1
        WHERE template_id = OLD.template_id AND team_id = OLD.team_id
        RETURNING activities INTO left_over;
        -- Still under the row's lock: a parallel adoption waits for this delete and then inserts.
        IF left_over = 0 THEN
            DELETE FROM template_adoption WHERE template_id = OLD.template_id AND team_id = OLD.team_id;
        END IF;
        PERFORM activity_practice_add(
            OLD.template_id, -(CASE WHEN left_over = 0 THEN 1 ELSE 0 END), -old_done, -old_people);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.template_id IS NOT NULL THEN
        INSERT INTO template_adoption (template_id, team_id, activities) VALUES (NEW.template_id, NEW.team_id, 1)
        ON CONFLICT (template_id, team_id) DO UPDATE SET activities = template_adoption.activities + 1
        RETURNING activities INTO adopted;
        PERFORM activity_practice_add(
            NEW.template_id, CASE WHEN adopted = 1 THEN 1 ELSE 0 END, new_done, new_people);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER activity_practice
AFTER INSERT OR DELETE OR UPDATE OF template_id, team_id, status, actual_participants ON activity
FOR EACH ROW EXECUTE FUNCTION activity_practice();
"""

RECOUNT = """
DELETE FROM template_adoption;
INSERT INTO template_adoption (template_id, team_id, activities)
SELECT template_id, team_id, count(*) FROM activity WHERE template_id IS NOT NULL GROUP BY template_id, team_id;
DELETE FROM template_practice;
INSERT INTO template_practice (template_id, teams, activities_done, participants)
SELECT template_id, count(DISTINCT team_id),
       count(*) FILTER (WHERE status IN ('done', 'evaluated')),
       coalesce(sum(actual_participants) FILTER (WHERE status IN ('done', 'evaluated')), 0)
FROM activity WHERE template_id IS NOT NULL GROUP BY template_id;
"""


def upgrade():
    op.execute(FUNCTION)
    op.execute(RECOUNT)


def downgrade():
    op.execute("DROP TRIGGER activity_practice ON activity")
    op.execute("DROP FUNCTION activity_practice()")
    op.execute("DROP FUNCTION activity_practice_add(integer, integer, integer, integer)")
