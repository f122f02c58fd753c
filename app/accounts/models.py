import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import Base, TimestampMixin, UTCDateTime
from app.places.models import Neighbourhood


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    neighbourhood_id: Mapped[int | None] = mapped_column(sa.ForeignKey("neighbourhood.id"), index=True)
    # Asked only when someone joins or starts a JUNIOR team.
    birth_year: Mapped[int | None] = mapped_column()
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_coordinator: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Part of the login cookie: replacing it ends every older session of this user.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    neighbourhood: Mapped[Neighbourhood | None] = relationship(lazy="raise")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""

    def __repr__(self) -> str:
        return f"<User {self.id}>"
