"""an employer's sector (public, private, third sector) and the day it was set

Revision ID: 7d2e9b4c1a63
Revises: 3c81d5e0a7f4
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d2e9b4c1a63"
down_revision: str | None = "3c81d5e0a7f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SECTORS = "sector IN ('public', 'private', 'third_sector', 'unknown')"


def upgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.add_column(
            sa.Column("sector", sa.String(length=20), nullable=False, server_default="unknown")
        )
        batch.add_column(sa.Column("sector_since", sa.Date(), nullable=True))
        batch.create_check_constraint(op.f("ck_employer_sector"), _SECTORS)


def downgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.drop_constraint(op.f("ck_employer_sector"), type_="check")
        batch.drop_column("sector_since")
        batch.drop_column("sector")
