"""the Rekrypiste desk: walk-in leads, who closed a lead, possible duplicates, event clients

Revision ID: 3c81d5e0a7f4
Revises: 9b4e6f2a1c57
Create Date: 2026-12-02 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.common.db import UTCDateTime

revision: str = "3c81d5e0a7f4"
down_revision: str | None = "9b4e6f2a1c57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOURCES_BEFORE = "source IN ('ladec', 'phone', 'email', 'prospecting')"
_SOURCES_AFTER = "source IN ('ladec', 'phone', 'email', 'walk_in', 'prospecting')"


def upgrade() -> None:
    with op.batch_alter_table("lead") as batch:
        batch.drop_constraint("source", type_="check")
        batch.create_check_constraint(op.f("ck_lead_source"), _SOURCES_AFTER)
        batch.add_column(sa.Column("closed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("possible_duplicate_of", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            "fk_lead_possible_duplicate_of_lead", "lead", ["possible_duplicate_of"], ["id"]
        )
    # Who closed a lead is in its history; carry it over so older leads show it too.
    op.execute(
        "UPDATE lead SET closed_by = (SELECT h.by FROM lead_history h "
        "WHERE h.lead_id = lead.id AND h.action = 'closed' "
        "ORDER BY h.recorded_at DESC LIMIT 1) WHERE status = 'closed'"
    )
    op.create_table(
        "event_client",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("invited_by", sa.String(length=100), nullable=False),
        sa.Column("invited_at", UTCDateTime(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["recruitment_event.id"],
            name=op.f("fk_event_client_event_id_recruitment_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "client_id", name=op.f("pk_event_client")),
    )
    op.create_index(op.f("ix_event_client_client_id"), "event_client", ["client_id"])


def downgrade() -> None:
    op.drop_table("event_client")
    op.execute("UPDATE lead SET source = 'phone' WHERE source = 'walk_in'")
    with op.batch_alter_table("lead") as batch:
        batch.drop_constraint("fk_lead_possible_duplicate_of_lead", type_="foreignkey")
        batch.drop_column("possible_duplicate_of")
        batch.drop_column("closed_by")
        batch.drop_constraint("source", type_="check")
        batch.create_check_constraint(op.f("ck_lead_source"), _SOURCES_BEFORE)
