"""staff contact details: an optional e-mail address and a language for notifications

Revision ID: 7c2e5a1f0d94
Revises: 4f1d2c9a7b3e
Create Date: 2026-12-03 08:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c2e5a1f0d94"
down_revision: str | None = "4f1d2c9a7b3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=200), nullable=True))
        # Existing staff read Finnish until they choose otherwise.
        batch_op.add_column(
            sa.Column("language", sa.String(length=2), server_default="fi", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("language")
        batch_op.drop_column("email")
