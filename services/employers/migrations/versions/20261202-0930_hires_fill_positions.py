"""hires: each job-referral hire fills one position of its opening

Revision ID: 9b4e6f2a1c57
Revises: 5e2d8a41c7b9
Create Date: 2026-12-02 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.common.db import UTCDateTime

revision: str = "9b4e6f2a1c57"
down_revision: str | None = "5e2d8a41c7b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("opening") as batch:
        batch.add_column(
            sa.Column("filled_positions", sa.Integer(), nullable=False, server_default="0")
        )
    # An opening filled before this change had all its positions filled.
    op.execute("UPDATE opening SET filled_positions = positions WHERE status = 'filled'")
    op.create_table(
        "hire",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("opening_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("lead_id", sa.Uuid(), nullable=True),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("hired_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["opening_id"], ["opening.id"], name=op.f("fk_hire_opening_id_opening")
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_hire_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_hire_lead_id_lead")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hire")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_hire_referral_id")),
    )
    op.create_index("ix_hire_employer_hired_on", "hire", ["employer_id", "hired_on"])
    op.create_index(op.f("ix_hire_opening_id"), "hire", ["opening_id"])
    op.create_index(op.f("ix_hire_lead_id"), "hire", ["lead_id"])
    op.create_index(op.f("ix_hire_client_id"), "hire", ["client_id"])


def downgrade() -> None:
    op.drop_table("hire")
    with op.batch_alter_table("opening") as batch:
        batch.drop_column("filled_positions")
