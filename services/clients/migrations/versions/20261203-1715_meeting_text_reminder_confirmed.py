"""meeting text reminder confirmed

Revision ID: 1aa5a936e609
Revises: ee0b833100f9
Create Date: 2026-12-03 17:15:59.681112
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1aa5a936e609"
down_revision: str | None = "ee0b833100f9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing bookings have no confirmation: a client under non-disclosure gets no reminder.
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "text_reminder_confirmed", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("text_reminder_confirmed")
