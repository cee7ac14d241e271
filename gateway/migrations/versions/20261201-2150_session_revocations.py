"""session revocations: token versions and the revocation list

Revision ID: 4f1d2c9a7b3e
Revises: 9ba724e486aa
Create Date: 2026-12-01 21:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4f1d2c9a7b3e"
down_revision: str | None = "9ba724e486aa"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revocation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("token_version", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revocation")),
    )
    with op.batch_alter_table("revocation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revocation_revoked_at"), ["revoked_at"], unique=False)
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token_version", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("machine_client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("machine_client", schema=None) as batch_op:
        batch_op.drop_column("token_version")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("token_version")
    with op.batch_alter_table("revocation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revocation_revoked_at"))
    op.drop_table("revocation")
