import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from itsdangerous import TimestampSigner
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime
from app.places.models import Neighbourhood


def login_signer() -> TimestampSigner:
    # Signed with the time of login, so that a remember-me cookie can expire on the server.
    return TimestampSigner(current_app.config["SECRET_KEY"], salt="login")


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # None for a resident a coordinator registered without e-mail (coaching.residents): such an
    # account cannot log in, is never mailed, and gets an address when it is handed over.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    neighbourhood_id: Mapped[int | None] = mapped_column(sa.ForeignKey("neighbourhood.id"), index=True)
    # Asked only when someone joins or starts a JUNIOR team.
    birth_year: Mapped[int | None] = mapped_column()
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_coordinator: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Part of the login cookie: replacing it ends every older session of this user.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the person opened the activation link: an account nobody confirmed cannot log in.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An admin stopped this account (abuse); it cannot log in until reactivated.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deactivation_reason: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    # Written at most once a day (accounts.sessions): an account unused for long is warned,
    # then erased (privacy.retention).
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    inactivity_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the person's data was erased (privacy.erasure): the row stays, anonymised, for
    # the financial records that point at it.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The organisation's account (accounts.oidc): later logins find the person by the
    # provider's subject, never again by e-mail address.
    oidc_issuer: Mapped[str | None] = mapped_column(sa.String(255))
    oidc_subject: Mapped[str | None] = mapped_column(sa.String(255))
    # The second step (accounts.totp): the authenticator app's secret, encrypted; the time step
    # of the last code accepted (a code works once); argon2 hashes of the unused recovery codes.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(300))
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    recovery_code_hashes: Mapped[list[str]] = mapped_column(sa.JSON, default=list, server_default="[]")
    # No page shows these: writing them leaves cached pages alone (core.cache), and a page's
    # ETag does not tell that someone logged in or changed their password.
    cache_quiet = frozenset(
        {
            "last_seen_at",
            "inactivity_warned_at",
            "email",
            "password_hash",
            "session_token",
            "password_changed_at",
            "email_confirmed_at",
            "oidc_issuer",
            "oidc_subject",
            "totp_secret",
            "totp_last_step",
            "recovery_code_hashes",
        }
    )

    neighbourhood: Mapped[Neighbourhood | None] = relationship(lazy="raise")

    # The admin's user list pages through every account in name order.
    __table_args__ = (
        sa.Index("ix_user_name_id", "name", "id"),
        # Unique among the addresses there are: any number of accounts may have none.
        sa.UniqueConstraint("email", info={"message": _l("Er is al een account met dit e-mailadres.")}),
        sa.UniqueConstraint(
            "oidc_issuer",
            "oidc_subject",
            info={"message": _l("Dit organisatie-account hoort al bij een ander account.")},
        ),
    )

    def get_id(self) -> str:
        """The login identity in session and remember-me cookie (see accounts.sessions)."""
        return login_signer().sign(f"{self.id}:{self.session_token}").decode()

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    @property
    def has_second_step(self) -> bool:
        return self.totp_secret is not None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""

    def __repr__(self) -> str:
        return f"<User {self.id}>"
