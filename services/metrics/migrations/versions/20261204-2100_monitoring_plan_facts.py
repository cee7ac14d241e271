"""the monitoring plan's facts: job referrals' hires, recruitment events, sectors, goals

Job referrals gain their client, opening and whether they reached the employer; hires and
recruitment events get their own rows; employers their sector with the day it was set; the
reach goals are data, seeded with the KUNTO project's 450 clients and 108 companies. The
employers and referrals feeds are read again from their start to fill them (every row
forgets the event it last applied; the appended rows are keyed by seq, so the replay adds
none twice).

Revision ID: 9508259d4844
Revises: 3f6c2a9d7e41
Create Date: 2026-12-04 20:53:59.078008
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9508259d4844"
down_revision: str | None = "3f6c2a9d7e41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The KUNTO project's goals (its final report): 450 clients and 108 companies reached. They
# hold until a city records its own.
GOALS = [
    {
        "name": "KUNTO",
        "starts_on": dt.date(1970, 1, 1),
        "ends_on": None,
        "clients": 450,
        "partner_employers": 108,
    }
]


def upgrade() -> None:
    op.create_table(
        "employer_sector_episode",
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("employer_id", "seq", name=op.f("pk_employer_sector_episode")),
    )
    op.create_table(
        "hire_fact",
        sa.Column("hire_id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.Column("opening_id", sa.Uuid(), nullable=True),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("hired_on", sa.Date(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("hire_id", name=op.f("pk_hire_fact")),
    )
    with op.batch_alter_table("hire_fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hire_fact_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hire_fact_hired_on"), ["hired_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_hire_fact_referral_id"), ["referral_id"], unique=False)

    op.create_table(
        "reach_goal",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("clients", sa.Integer(), nullable=True),
        sa.Column("partner_employers", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reach_goal")),
    )
    op.create_table(
        "recruitment_event_fact",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("held_month", sa.String(length=7), nullable=True),
        sa.Column("employer_ids", sa.Text(), nullable=False),
        sa.Column("clients", sa.Text(), nullable=False),
        sa.Column("jobseekers_attended", sa.Integer(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_recruitment_event_fact")),
    )
    with op.batch_alter_table("recruitment_event_fact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recruitment_event_fact_held_on"), ["held_on"], unique=False
        )

    with op.batch_alter_table("employer_fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector", sa.String(length=40), nullable=True))

    with op.batch_alter_table("referral_fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("opening_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("presented", sa.Boolean(), nullable=True))

    goals = sa.table(
        "reach_goal",
        sa.column("name", sa.String),
        sa.column("starts_on", sa.Date),
        sa.column("ends_on", sa.Date),
        sa.column("clients", sa.Integer),
        sa.column("partner_employers", sa.Integer),
    )
    op.bulk_insert(goals, GOALS)
    op.execute("UPDATE employer_fact SET last_seq = 0")
    op.execute("UPDATE referral_fact SET last_seq = 0")
    op.execute("UPDATE feed_cursor SET last_seq = 0 WHERE source IN ('employers', 'referrals')")


def downgrade() -> None:
    with op.batch_alter_table("referral_fact", schema=None) as batch_op:
        batch_op.drop_column("presented")
        batch_op.drop_column("opening_id")
        batch_op.drop_column("client_id")

    with op.batch_alter_table("employer_fact", schema=None) as batch_op:
        batch_op.drop_column("sector")

    with op.batch_alter_table("recruitment_event_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recruitment_event_fact_held_on"))

    op.drop_table("recruitment_event_fact")
    op.drop_table("reach_goal")
    with op.batch_alter_table("hire_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hire_fact_referral_id"))
        batch_op.drop_index(batch_op.f("ix_hire_fact_hired_on"))
        batch_op.drop_index(batch_op.f("ix_hire_fact_client_id"))

    op.drop_table("hire_fact")
    op.drop_table("employer_sector_episode")
