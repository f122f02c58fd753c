"""The declarative base with a naming convention, and column helpers for status enums."""

import enum
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates

from app.core.text import name_key

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """Stores UTC in a plain `timestamp` and returns aware UTC: the stored value never
    depends on a connection's TimeZone setting, and Python only ever sees aware times."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


def enum_column(enum_cls: type[enum.StrEnum], **kwargs) -> Mapped:
    """A StrEnum stored as a plain string; pair it with `enum_check` in `__table_args__`."""
    return mapped_column(
        sa.Enum(
            enum_cls,
            native_enum=False,
            create_constraint=False,
            length=max(len(m.value) for m in enum_cls),
            values_callable=lambda cls: [m.value for m in cls],
            validate_strings=True,
        ),
        **kwargs,
    )


def enum_check(column: str, allowed: type[enum.StrEnum] | Iterable[str]) -> sa.CheckConstraint:
    """The CHECK for a column of fixed values (an enum or vocabulary keys), declared once so
    that migrations render it once."""
    values = ", ".join(f"'{value}'" for value in allowed)
    return sa.CheckConstraint(f"{column} IN ({values})", name=f"{column}_valid")


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class KeyedNameMixin:
    """A name that is unique in its normalised form (core.text.name_key), so that the same
    name in other capitals, accents or invisible characters is refused: a plain unique
    index on the folded key, which one Python function (core.text.name_key) keeps."""

    name: Mapped[str] = mapped_column(sa.String(100))
    name_key: Mapped[str] = mapped_column(sa.String(100))

    @validates("name")
    def _keep_name_key(self, _attribute, value: str) -> str:
        self.name_key = name_key(value)
        return value
