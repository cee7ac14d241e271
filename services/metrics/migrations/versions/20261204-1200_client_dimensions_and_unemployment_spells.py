"""client dimensions, enrolment durations and unemployment spells

The client rows gain gender, language and the recorded target groups, the enrolments their
duration; the unemployment spells are derived from the status episodes. Both are filled by reading the clients feed
again from its start: every row forgets the event it last applied, so the replay folds
each client and episode once more (the feed's replay is idempotent by design).

Revision ID: 3f6c2a9d7e41
Revises: de21b8313d80
Create Date: 2026-12-04 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f6c2a9d7e41"
down_revision: str | None = "de21b8313d80"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORDED = ("under_30", "foreign_language", "partial_work_ability", "long_term_unemployed")


def upgrade() -> None:
    with op.batch_alter_table("client_fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gender", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("language", sa.String(length=2), nullable=True))
        for group in RECORDED:
            batch_op.add_column(
                sa.Column(
                    f"recorded_{group}", sa.Boolean(), nullable=False, server_default=sa.false()
                )
            )
    with op.batch_alter_table("enrolment_fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("days_enrolled", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("working_days_enrolled", sa.Integer(), nullable=True))
    op.create_table(
        "unemployment_spell",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint(
            "client_id", "kind", "starts_on", name=op.f("pk_unemployment_spell")
        ),
    )
    op.create_index(
        "ix_unemployment_spell_period",
        "unemployment_spell",
        ["kind", "starts_on", "ends_on"],
        unique=False,
    )
    op.execute("UPDATE client_fact SET last_seq = 0")
    op.execute("UPDATE enrolment_fact SET last_seq = 0")
    op.execute("UPDATE status_episode SET last_seq = 0")
    op.execute("UPDATE feed_cursor SET last_seq = 0 WHERE source = 'clients'")


def downgrade() -> None:
    op.drop_index("ix_unemployment_spell_period", table_name="unemployment_spell")
    op.drop_table("unemployment_spell")
    with op.batch_alter_table("client_fact", schema=None) as batch_op:
        for group in reversed(RECORDED):
            batch_op.drop_column(f"recorded_{group}")
        batch_op.drop_column("language")
        batch_op.drop_column("gender")
    with op.batch_alter_table("enrolment_fact", schema=None) as batch_op:
        batch_op.drop_column("working_days_enrolled")
        batch_op.drop_column("days_enrolled")
