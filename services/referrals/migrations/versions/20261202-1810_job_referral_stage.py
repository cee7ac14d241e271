"""a job referral's stage at the employer (presented, interview) and its opening's kind

Revision ID: 4f7a2c9e1b63
Revises: 7c2d9e4f1a38
Create Date: 2026-12-02 18:10:00

The stage is what the Rekrypiste coordinator sees between sending and the result; `status`
keeps its values, so nothing stored changes. The opening's kind, kept when a job referral is
sent, decides whether a hire suggests the outcome `employed`; older referrals have none and
keep the old behaviour (`employed`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4f7a2c9e1b63"
down_revision: str | None = "7c2d9e4f1a38"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.add_column(sa.Column("stage", sa.String(20), nullable=True))
        batch.add_column(sa.Column("opening_kind", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.drop_column("opening_kind")
        batch.drop_column("stage")
