"""work ability facts

Revision ID: de21b8313d80
Revises: 561c4a8b1854
Create Date: 2026-12-03 12:47:03.445202
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "de21b8313d80"
down_revision: str | None = "561c4a8b1854"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment_fact",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("overall_tenths", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_fact")),
    )
    with op.batch_alter_table("assessment_fact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_fact_assessed_on"), ["assessed_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_fact_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "roadmap_fact",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("roadmap_id", sa.Uuid(), nullable=True),
        sa.Column("template_version", sa.Integer(), nullable=True),
        sa.Column("stages", sa.Text(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_roadmap_fact")),
    )


def downgrade() -> None:
    op.drop_table("roadmap_fact")
    with op.batch_alter_table("assessment_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_fact_client_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_fact_assessed_on"))

    op.drop_table("assessment_fact")
