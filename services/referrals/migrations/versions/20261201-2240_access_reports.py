"""reads of client data waiting for the clients service's access log

Revision ID: 5b8e0c2f7d13
Revises: ad74f5278019
Create Date: 2026-12-01 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b8e0c2f7d13"
down_revision: str | None = "ad74f5278019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_roles", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("subject_type", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column("client_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_report")),
    )
    with op.batch_alter_table("access_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_report_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_report_at"))
    op.drop_table("access_report")
