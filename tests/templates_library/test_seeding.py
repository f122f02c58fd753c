import shutil

import pytest
import sqlalchemy as sa
import yaml

from app.activities.models import Activity
from app.core.audit import AuditEntry
from app.extensions import db
from app.templates_library import services
from app.templates_library.content import CONTENT_FIELDS
from app.templates_library.models import Template, TemplateFacet, TemplateStatus
from app.templates_library.seeding import SEED_DIR, SeedError, seed_from_files
from tests.factories import make_activity, make_neighbourhood, make_team, make_user
from tests.templates_library.source_catalogue import SOURCE_CATALOGUE


def run_seed_command(app, *args):
    result = app.test_cli_runner().invoke(args=["seed", "templates", *args])
    assert result.exit_code == 0, result.output
    return result.output


def snapshot() -> list[tuple]:
    templates = db.session.execute(sa.select(Template.__table__).order_by(Template.slug)).all()
    facets = db.session.execute(sa.select(TemplateFacet.__table__).order_by(*TemplateFacet.__table__.c)).all()
    return [tuple(row) for row in templates] + [tuple(row) for row in facets]


@pytest.fixture
def seed_dir(tmp_path):
    """A copy of three real seed files that a test may change."""
    for slug in ("buurtbemiddeling", "abcd-methode", "burgertop"):
        shutil.copy(SEED_DIR / f"{slug}.yaml", tmp_path)
    return tmp_path


def edit_seed(directory, slug, **changes):
    path = directory / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_method_in_the_source_documents_is_a_template_after_seeding(app):
    output = run_seed_command(app)
    slugs = set(db.session.scalars(sa.select(Template.slug)))
    missing = {slug for _document, _name, slug in SOURCE_CATALOGUE} - slugs
    assert missing == set()
    assert f"{len(slugs)} created" in output


def test_seeding_twice_leaves_the_database_unchanged(app, count_statements):
    run_seed_command(app)
    before = snapshot()
    with count_statements() as counter:
        output = run_seed_command(app)
    assert snapshot() == before
    assert counter.writes == []
    assert "0 created, 0 updated" in output


def test_an_edited_seed_file_updates_its_template(app, seed_dir):
    seed_from_files(seed_dir)
    edit_seed(seed_dir, "buurtbemiddeling", summary="Twee vrijwilligers helpen buren die ruzie hebben.")
    report = seed_from_files(seed_dir)
    assert report.updated == ["buurtbemiddeling"] and len(report.unchanged) == 2
    template = services.template_by_slug("buurtbemiddeling")
    assert template.summary == "Twee vrijwilligers helpen buren die ruzie hebben."
    assert "twee vrijwilliger" in template.fts_head  # stemmed


def test_a_local_edit_wins_over_a_changed_seed_until_the_seed_is_taken_on_purpose(app, seed_dir):
    seed_from_files(seed_dir)
    coordinator = make_user("Cor", is_coordinator=True)
    template = services.template_by_slug("buurtbemiddeling")
    content = {name: getattr(template, name) for name in CONTENT_FIELDS}
    services.update_template(coordinator, template, content | {"summary": "Onze eigen zin."})
    edit_seed(seed_dir, "buurtbemiddeling", summary="Nieuwe zin uit de bron.")

    report = seed_from_files(seed_dir)
    assert report.conflicts == ["buurtbemiddeling"]
    assert any("--overwrite-local buurtbemiddeling" in line for line in report.lines())
    assert services.template_by_slug("buurtbemiddeling").summary == "Onze eigen zin."

    seed_from_files(seed_dir, overwrite_local=frozenset({"buurtbemiddeling"}))
    template = services.template_by_slug("buurtbemiddeling")
    assert (template.summary, template.locally_edited) == ("Nieuwe zin uit de bron.", False)


def test_a_removed_seed_is_deleted_when_unused_and_retired_when_a_team_adopted_it(app, seed_dir):
    seed_from_files(seed_dir)
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    make_activity(make_team(hood, anna), anna, services.template_by_slug("burgertop"))
    (seed_dir / "burgertop.yaml").unlink()
    (seed_dir / "abcd-methode.yaml").unlink()

    report = seed_from_files(seed_dir)
    assert (report.retired, report.deleted) == (["burgertop"], ["abcd-methode"])
    assert services.template_by_slug("abcd-methode") is None
    assert services.template_by_slug("burgertop").status == TemplateStatus.RETIRED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 1
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"template.seeded", "template.retired", "template.deleted"} <= actions

    shutil.copy(SEED_DIR / "burgertop.yaml", seed_dir)
    assert seed_from_files(seed_dir).updated == ["burgertop"]
    assert services.template_by_slug("burgertop").status == TemplateStatus.PUBLISHED


def test_a_malformed_seed_file_is_refused_with_its_name_and_nothing_is_stored(app, seed_dir):
    edit_seed(seed_dir, "burgertop", problems=["burenruzie"], recognition="heel_goed")
    with pytest.raises(SeedError, match=r"burgertop.yaml: .*'burenruzie'.*'heel_goed'"):
        seed_from_files(seed_dir)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Template)) == 0
