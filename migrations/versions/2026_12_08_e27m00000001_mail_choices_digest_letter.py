"""mail choices, digest, calendar attachments and the neighbourhood letter

Revision ID: e27m00000001
Revises: e27v00000002
Create Date: 2026-12-08 09:00:00

Per person and kind of notification: a mail at once, in a daily digest or none; the team a
notification is about (the digest groups by it) and whether it waits for the digest; extra
headers (List-Unsubscribe) in the outbox (an .ics goes as an outbox_attachment); the addresses that asked
for a neighbourhood's weekly letter.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e27m00000001"
down_revision = "e27v00000002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("outbox_mail", sa.Column("headers", sa.JSON(), server_default="{}", nullable=False))
    op.add_column("notification", sa.Column("team_id", sa.Integer(), nullable=True))
    op.add_column("notification", sa.Column("digest_pending", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_foreign_key(
        op.f("fk_notification_team_id_team"), "notification", "team", ["team_id"], ["id"], ondelete="SET NULL"
    )
    op.create_index(
        "ix_notification_digest_pending",
        "notification",
        ["user_id"],
        unique=False,
        postgresql_where=sa.text("digest_pending"),
    )
    op.create_table(
        "mail_preference",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "signups",
                "join_requests",
                "vouchers",
                "helpdesk",
                "reminders",
                "signals",
                name="mailkind",
                native_enum=False,
                create_constraint=False,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column(
            "choice",
            sa.Enum("now", "digest", "never", name="choice", native_enum=False, create_constraint=False, length=6),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('signups', 'join_requests', 'vouchers', 'helpdesk', 'reminders', 'signals')",
            name=op.f("ck_mail_preference_kind_valid"),
        ),
        sa.CheckConstraint("choice IN ('now', 'digest', 'never')", name=op.f("ck_mail_preference_choice_valid")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_mail_preference_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_mail_preference")),
    )
    op.create_table(
        "letter_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("neighbourhood_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighbourhood_id"],
            ["neighbourhood.id"],
            name=op.f("fk_letter_subscription_neighbourhood_id_neighbourhood"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_subscription")),
        sa.UniqueConstraint("neighbourhood_id", "email", name=op.f("uq_letter_subscription_neighbourhood_id")),
        sa.UniqueConstraint("token", name=op.f("uq_letter_subscription_token")),
    )
    op.create_index(
        op.f("ix_letter_subscription_neighbourhood_id"), "letter_subscription", ["neighbourhood_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_letter_subscription_neighbourhood_id"), table_name="letter_subscription")
    op.drop_table("letter_subscription")
    op.drop_table("mail_preference")
    op.drop_index(
        "ix_notification_digest_pending", table_name="notification", postgresql_where=sa.text("digest_pending")
    )
    op.drop_constraint(op.f("fk_notification_team_id_team"), "notification", type_="foreignkey")
    op.drop_column("notification", "digest_pending")
    op.drop_column("notification", "team_id")
    op.drop_column("outbox_mail", "headers")
