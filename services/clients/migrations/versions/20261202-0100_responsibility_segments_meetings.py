"""responsibility segments; warm hand-off; meetings with an end, a link and participants

Revision ID: b5e1c0a7d912
Revises: 7c2d41e9b8a0
Create Date: 2026-12-02 01:00:00
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b5e1c0a7d912"
down_revision: str | None = "7c2d41e9b8a0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "responsibility_segment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("enrolment_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("service_line", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_responsibility_segment_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsibility_segment")),
    )
    with op.batch_alter_table("responsibility_segment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_responsibility_segment_enrolment_id"), ["enrolment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_responsibility_segment_username"), ["username"], unique=False
        )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("remote_link", sa.String(length=500), nullable=True))
        batch_op.add_column(
            sa.Column("participants", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("referral_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("contact_attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment", sa.Text(), nullable=True))
    with op.batch_alter_table("service_need_assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handoff_referral_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("handoff_started_on", sa.Date(), nullable=True))
    _backfill_segments()


def _backfill_segments() -> None:
    # One segment per coordinator on the enrolment now, from its registration; what came
    # before was never recorded, so the history starts as the present.
    enrolment = sa.table(
        "enrolment",
        sa.column("id", sa.Uuid()),
        sa.column("service_line", sa.String()),
        sa.column("registered_on", sa.Date()),
        sa.column("ended_on", sa.Date()),
    )
    coordinator = sa.table(
        "enrolment_coordinator",
        sa.column("enrolment_id", sa.Uuid()),
        sa.column("username", sa.String()),
        sa.column("role", sa.String()),
        sa.column("reason", sa.String()),
        sa.column("position", sa.Integer()),
    )
    segment = sa.table(
        "responsibility_segment",
        sa.column("id", sa.Uuid()),
        sa.column("enrolment_id", sa.Uuid()),
        sa.column("username", sa.String()),
        sa.column("role", sa.String()),
        sa.column("service_line", sa.String()),
        sa.column("reason", sa.String()),
        sa.column("starts_on", sa.Date()),
        sa.column("ends_on", sa.Date()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    rows = op.get_bind().execute(
        sa.select(
            coordinator.c.enrolment_id,
            coordinator.c.username,
            coordinator.c.role,
            coordinator.c.reason,
            enrolment.c.service_line,
            enrolment.c.registered_on,
            enrolment.c.ended_on,
        )
        .join(enrolment, enrolment.c.id == coordinator.c.enrolment_id)
        .order_by(coordinator.c.enrolment_id, coordinator.c.position)
    )
    now = dt.datetime.now(dt.UTC)
    segments = [
        {
            "id": uuid.uuid4(),
            "enrolment_id": row.enrolment_id,
            "username": row.username,
            "role": row.role,
            "service_line": row.service_line,
            "reason": row.reason,
            "starts_on": row.registered_on,
            "ends_on": row.ended_on,
            "created_at": now,
        }
        for row in rows
    ]
    if segments:
        op.bulk_insert(segment, segments)


def downgrade() -> None:
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_column("handoff_started_on")
        batch_op.drop_column("handoff_referral_id")
    with op.batch_alter_table("service_need_assessment", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("contact_attempt", schema=None) as batch_op:
        batch_op.drop_column("comment")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("referral_id")
        batch_op.drop_column("participants")
        batch_op.drop_column("remote_link")
        batch_op.drop_column("ends_at")
    with op.batch_alter_table("responsibility_segment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_responsibility_segment_username"))
        batch_op.drop_index(batch_op.f("ix_responsibility_segment_enrolment_id"))
    op.drop_table("responsibility_segment")
