"""why a coordinator is on an enrolment; corrections of notes

Revision ID: 7c2d41e9b8a0
Revises: 965edf336626
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c2d41e9b8a0"
down_revision: str | None = "965edf336626"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("enrolment_coordinator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reason", sa.String(length=20), server_default="responsible", nullable=False)
        )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.add_column(sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("earlier_texts", sa.JSON(), server_default="[]", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_column("earlier_texts")
        batch_op.drop_column("corrected_at")
    with op.batch_alter_table("enrolment_coordinator", schema=None) as batch_op:
        batch_op.drop_column("reason")
