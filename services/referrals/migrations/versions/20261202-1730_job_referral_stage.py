"""job referrals gain a stage (presented, interview) and remember their opening's kind

Revision ID: 4f8a2c6e9d13
Revises: 7c2d9e4f1a38
Create Date: 2026-12-02 17:30:00

`stage` records what the Rekrypiste coordinator sees between sending and the answer,
beside the unchanged `status`. `opening_kind` decides which outcome a hire suggests; the
referrals sent before this change have none, and a hire of theirs suggests `employed`, as
it did when they were sent.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4f8a2c6e9d13"
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
