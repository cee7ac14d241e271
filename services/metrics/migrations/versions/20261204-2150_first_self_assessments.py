"""first self-assessments

Each client's first self-assessment, kept at ingestion from now on, so the well-being change
reads only the period's assessments; filled once from the assessments already stored.

Revision ID: 8d41b6c2e7f5
Revises: 5c2e7a1f9b30
Create Date: 2026-12-04 21:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d41b6c2e7f5"
down_revision: str | None = "5c2e7a1f9b30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "first_self_assessment",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("overall_tenths", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_first_self_assessment")),
    )
    op.execute(
        """
        INSERT INTO first_self_assessment (client_id, assessment_id, assessed_on, overall_tenths)
        SELECT client_id, assessment_id, assessed_on, overall_tenths FROM (
            SELECT client_id, assessment_id, assessed_on, overall_tenths,
                   row_number() OVER (
                       PARTITION BY client_id ORDER BY assessed_on, assessment_id
                   ) AS earliest
            FROM assessment_fact WHERE kind = 'self_assessment'
        ) AS ranked
        WHERE earliest = 1
        """
    )


def downgrade() -> None:
    op.drop_table("first_self_assessment")
