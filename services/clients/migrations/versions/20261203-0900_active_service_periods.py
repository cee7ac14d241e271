"""active service periods

Revision ID: 432fff93ab2b
Revises: b5e1c0a7d912
Create Date: 2026-12-03 08:43:15.038800
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The first version of which status each kind writes; administrators add later versions.
# TEM's statistics count these as active services; an apprenticeship is employment.
KIND_STATUSES_V1 = {
    "work_trial": "active_service",
    "wage_subsidy": "active_service",
    "apprenticeship": "employed",
    "rehabilitative_work": "active_service",
    "job_coaching": "active_service",
    "labour_market_training": "active_service",
    "self_motivated_study": "active_service",
}


def _seed_rules() -> None:
    rules = sa.table(
        "service_kind_rule",
        sa.column("version", sa.Integer),
        sa.column("valid_from", sa.Date),
        sa.column("statuses", sa.JSON),
        sa.column("created_by", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    first = {
        "version": 1,
        "valid_from": dt.date(2000, 1, 1),
        "statuses": KIND_STATUSES_V1,
        "created_by": "system",
        "created_at": dt.datetime(2026, 12, 3, tzinfo=dt.UTC),
    }
    op.bulk_insert(rules, [first])


revision: str = "432fff93ab2b"
down_revision: str | None = "b5e1c0a7d912"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_kind_rule",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("statuses", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_service_kind_rule")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_service_kind_rule_valid_from")),
    )
    op.create_table(
        "service_period",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("enrolment_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("subsidy_percent", sa.Integer(), nullable=True),
        sa.Column("decision_ref", sa.String(length=60), nullable=True),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Uuid(), nullable=False),
        sa.Column("previous_status", sa.String(length=30), nullable=True),
        sa.Column("previous_service_type", sa.String(length=60), nullable=True),
        sa.Column("previous_ends_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_service_period_client_id_client"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_service_period_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_period")),
    )
    with op.batch_alter_table("service_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_period_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_period_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_period_enrolment_id"), ["enrolment_id"], unique=False
        )

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_period_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_meeting_service_period_id"), ["service_period_id"], unique=False
        )

    with op.batch_alter_table("status_episode", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_period_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_status_episode_service_period_id"), ["service_period_id"], unique=False
        )

    _seed_rules()


def downgrade() -> None:
    with op.batch_alter_table("status_episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_episode_service_period_id"))
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("service_period_id")

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_service_period_id"))
        batch_op.drop_column("service_period_id")

    with op.batch_alter_table("service_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_period_enrolment_id"))
        batch_op.drop_index(batch_op.f("ix_service_period_employer_id"))
        batch_op.drop_index(batch_op.f("ix_service_period_client_id"))

    op.drop_table("service_period")
    op.drop_table("service_kind_rule")
