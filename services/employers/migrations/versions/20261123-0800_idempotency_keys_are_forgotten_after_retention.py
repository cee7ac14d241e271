"""answered idempotency keys are forgotten after the retention period

Revision ID: 5e2d8a41c7b9
Revises: 176fd9d68e75
Create Date: 2026-11-23 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5e2d8a41c7b9"
down_revision: str | None = "176fd9d68e75"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_idempotency_key_completed_at", "idempotency_key", ["completed_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_key_completed_at", table_name="idempotency_key")
