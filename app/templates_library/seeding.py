"""`flask seed templates`: the seed files in seeds/templates/*.yaml are upserted by slug.

Policy where seed updates and local edits meet:

- Every seeded template stores `seed_hash`, the hash of the seed content it was last
  synced from. A seed whose hash did not change is skipped, so a second run writes nothing.
- A changed seed overwrites its template unless coordinators edited (or created) that
  template in the interface (`locally_edited`). Then the local text wins and the command
  reports a conflict on every run, until someone takes the seed version with
  `flask seed templates --overwrite-local <slug>` (which clears the flag).
- A seed that is removed: its template is deleted when no team adopted it, and otherwise
  retired (no longer in the library or the chooser; its page and the plans stay).
  A retired template whose seed comes back is published again.
- Templates made in the interface have no seed and are never touched by the command;
  neither is a locally edited template whose seed was removed (it is the coordinators' now).

Every change is written to the audit log without an actor; the CLI commits once.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy.orm import selectinload

from app.activities.services import template_ids_in_use
from app.core.audit import record
from app.extensions import db
from app.templates_library.content import SLUG, apply_content, derive_search_text, normalise, problems_in
from app.templates_library.models import Template, TemplateStatus

SEED_DIR = Path(__file__).resolve().parents[2] / "seeds" / "templates"


class SeedError(ValueError):
    """A seed file is malformed; the message names the file and what is wrong."""


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in ("created", "updated", "unchanged"))
        counts += f", {len(self.retired)} retired, {len(self.deleted)} deleted"
        lines = [f"Templates: {counts}."]
        lines += [
            f"Conflict: {slug} was edited locally; the seed changed. Keep the local text, or take the seed "
            f"with --overwrite-local {slug}."
            for slug in self.conflicts
        ]
        return lines


def load_seeds(directory: Path = SEED_DIR) -> dict[str, dict[str, Any]]:
    """The seed files by slug, each checked against the vocabularies."""
    seeds: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise SeedError(f"{path.name}: not valid YAML ({error})") from error
        if not isinstance(data, dict):
            raise SeedError(f"{path.name}: expected a mapping of fields")
        slug = data.get("slug") or ""
        content = normalise(data)
        errors = problems_in(content) + ([] if SLUG.match(slug) else [f"slug {slug!r} is not a slug"])
        if slug in seeds:
            errors.append(f"slug {slug!r} is used twice")
        if errors:
            raise SeedError(f"{path.name}: " + "; ".join(errors))
        seeds[slug] = content
    return seeds


def seed_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _apply_seed(template: Template, content: dict[str, Any], digest: str) -> None:
    apply_content(template, content)
    template.seed_hash, template.locally_edited, template.status = digest, False, TemplateStatus.PUBLISHED


def sync_templates(seeds: dict[str, dict[str, Any]], overwrite_local: frozenset[str] = frozenset()) -> SyncReport:
    """Upsert the seeds by slug following the policy in this module's docstring."""
    report = SyncReport()
    # Every template locked for the run: a staff edit at this moment waits and then wins over
    # the seed (or came first and is kept as a conflict), and a team adopting a template has
    # its plan counted before the removed seeds are deleted (or finds its template gone).
    templates = {
        template.slug: template
        for template in db.session.scalars(
            sa.select(Template).options(selectinload(Template.facets)).with_for_update(of=Template)
        )
    }
    # Brings every template's search index up to date with the search code (stemmer,
    # synonyms) and fills it after the migration that added it; unchanged rows write nothing.
    for template in templates.values():
        derive_search_text(template)
    for slug, content in seeds.items():
        digest, template = seed_hash(content), templates.get(slug)
        if template is None:
            template = Template(slug=slug)
            _apply_seed(template, content, digest)
            db.session.add(template)
            db.session.flush()
            record(None, "template.seeded", template, slug=slug)
            report.created.append(slug)
        elif template.seed_hash == digest and template.status == TemplateStatus.PUBLISHED:
            report.unchanged.append(slug)
        elif template.locally_edited and slug not in overwrite_local:
            report.conflicts.append(slug)
        else:
            _apply_seed(template, content, digest)
            record(None, "template.updated_from_seed", template, slug=slug)
            report.updated.append(slug)
    in_use = template_ids_in_use()
    for slug, template in templates.items():
        if slug in seeds or template.seed_hash is None or template.locally_edited:
            continue
        if template.id not in in_use:
            record(None, "template.deleted", template, slug=slug)
            db.session.delete(template)
            report.deleted.append(slug)
        elif template.status != TemplateStatus.RETIRED:
            template.status = TemplateStatus.RETIRED
            record(None, "template.retired", template, slug=slug)
            report.retired.append(slug)
    db.session.flush()
    return report


def seed_from_files(directory: Path = SEED_DIR, overwrite_local: frozenset[str] = frozenset()) -> SyncReport:
    return sync_templates(load_seeds(directory), overwrite_local)
