"""calendar invitations and feeds

Revision ID: b6dc1de75993
Revises: cb6aee6fb86b
Create Date: 2026-12-03 17:28:32.647925
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b6dc1de75993"
down_revision: str | None = "cb6aee6fb86b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_change",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "seq", name=op.f("pk_calendar_change")),
    )
    op.create_table(
        "calendar_feed",
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    op.create_table(
        "calendar_invitation",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("place_hash", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "username", name=op.f("pk_calendar_invitation")),
    )
    with op.batch_alter_table("calendar_invitation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_calendar_invitation_username_starts", ["username", "starts_at"], unique=False
        )

    op.create_table(
        "calendar_sent",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mailed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint(
            "meeting_id", "username", "sequence", name=op.f("pk_calendar_sent")
        ),
    )


def downgrade() -> None:
    op.drop_table("calendar_sent")
    with op.batch_alter_table("calendar_invitation", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_invitation_username_starts")

    op.drop_table("calendar_invitation")
    op.drop_table("calendar_feed")
    op.drop_table("calendar_change")
