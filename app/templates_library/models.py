import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, enum_check, enum_column
from app.templates_library.vocab import FORMS, RECOGNITION

SLUG_TAKEN = _l("Op hetzelfde moment is een aanpak met deze naam gemaakt. Sla het formulier nog een keer op.")


class TemplateStatus(enum.StrEnum):
    PUBLISHED = "published"
    # No longer offered (its seed was removed) but kept because teams adopted it.
    RETIRED = "retired"


class FacetKind(enum.StrEnum):
    PROBLEM = "problem"
    GROUP = "group"
    LOCATION = "location"
    DIRECTION = "direction"
    THEME = "theme"


class Template(TimestampMixin, Base):
    """A proven method a team can adopt. The list fields hold vocabulary keys
    (templates_library.vocab); `facets`, `search_*` and the age range are derived from them
    on every save, so that filters read indexed rows and search reads stemmed words."""

    __tablename__ = "template"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100))
    name: Mapped[str] = mapped_column(sa.String(150))
    summary: Mapped[str] = mapped_column(sa.String(300))
    goal: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text)
    problems: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # [{group, label, min_age, max_age}]: the group key plus the source's own wording.
    target_groups: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    locations: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    steps: Mapped[list[dict[str, str]]] = mapped_column(sa.JSON, default=list)
    working_elements: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    executors: Mapped[str] = mapped_column(sa.Text, default="")
    recognition: Mapped[str] = mapped_column(sa.String(40))
    form: Mapped[str] = mapped_column(sa.String(40))
    solution_directions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    themes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    group_size: Mapped[str] = mapped_column(sa.String(200), default="")
    duration: Mapped[str] = mapped_column(sa.String(200), default="")
    evaluation: Mapped[str] = mapped_column(sa.Text, default="")
    links: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # [{document, title, publisher, year, url}]
    sources: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    status: Mapped[TemplateStatus] = enum_column(TemplateStatus, default=TemplateStatus.PUBLISHED, index=True)
    # Seed sync (see seeding.py): the hash of the seed last applied, None for templates
    # made in the interface; a local edit makes the seed stop overwriting the template.
    seed_hash: Mapped[str | None] = mapped_column(sa.String(64))
    locally_edited: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The full-text documents (templates_library.fulltext): stemmed words, by weight. The
    # database keeps the weighted tsvector of them itself (a stored generated column with a
    # GIN index), so a search reads it instead of building it per row.
    fts_name: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fts_head: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fts_body: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fts_parts: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fts_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        sa.Computed(
            "setweight(to_tsvector('simple'::regconfig, fts_name), 'A'::\"char\") || "
            "setweight(to_tsvector('simple'::regconfig, fts_head), 'B'::\"char\") || "
            "setweight(to_tsvector('simple'::regconfig, fts_body), 'C'::\"char\") || "
            "setweight(to_tsvector('simple'::regconfig, fts_parts), 'D'::\"char\")",
            persisted=True,
        ),
        deferred=True,
    )
    # The widest age range over the target groups; None means no limit on that side.
    min_age: Mapped[int | None] = mapped_column()
    max_age: Mapped[int | None] = mapped_column()

    facets: Mapped[list["TemplateFacet"]] = relationship(
        back_populates="template", lazy="raise", cascade="all, delete-orphan"
    )

    __table_args__ = (
        # Two templates of one name added at the same moment pick the same free slug
        # (templates_library.services._new_slug): the second is told to save again.
        sa.UniqueConstraint("slug", info={"message": SLUG_TAKEN}),
        enum_check("status", TemplateStatus),
        enum_check("recognition", RECOGNITION),
        enum_check("form", FORMS),
        sa.Index("ix_template_fts", "fts_vector", postgresql_using="gin"),
    )

    @property
    def group_keys(self) -> list[str]:
        return list(dict.fromkeys(group["group"] for group in self.target_groups))


class TemplateFacet(Base):
    """One vocabulary key of a template, for filtering and for ranking by fit."""

    __tablename__ = "template_facet"

    template_id: Mapped[int] = mapped_column(sa.ForeignKey("template.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[FacetKind] = enum_column(FacetKind, primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)

    template: Mapped[Template] = relationship(back_populates="facets", lazy="raise")

    __table_args__ = (
        enum_check("kind", FacetKind),
        sa.Index("ix_template_facet_kind_key", "kind", "key"),
    )
