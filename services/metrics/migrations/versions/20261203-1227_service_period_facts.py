"""service period facts

Revision ID: 561c4a8b1854
Revises: 3f1c9b7e2a54
Create Date: 2026-12-03 12:27:31.216409
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "561c4a8b1854"
down_revision: str | None = "3f1c9b7e2a54"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_period_fact",
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("enrolment_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("started_month", sa.String(length=7), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("hours_per_week", sa.SmallInteger(), nullable=True),
        sa.Column("subsidy_percent", sa.SmallInteger(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period_id", name=op.f("pk_service_period_fact")),
    )
    with op.batch_alter_table("service_period_fact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_period_fact_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_period_fact_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_period_fact_starts_on"), ["starts_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("service_period_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_period_fact_starts_on"))
        batch_op.drop_index(batch_op.f("ix_service_period_fact_employer_id"))
        batch_op.drop_index(batch_op.f("ix_service_period_fact_client_id"))

    op.drop_table("service_period_fact")
