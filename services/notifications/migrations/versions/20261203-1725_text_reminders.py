"""text reminders

Revision ID: cb6aee6fb86b
Revises: b170fe895a8d
Create Date: 2026-12-03 17:25:13.835646
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cb6aee6fb86b"
down_revision: str | None = "b170fe895a8d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "text_reminder_sent",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "starts_at", name=op.f("pk_text_reminder_sent")),
    )


def downgrade() -> None:
    op.drop_table("text_reminder_sent")
