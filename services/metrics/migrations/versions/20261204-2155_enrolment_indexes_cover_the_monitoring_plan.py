"""the enrolment indexes cover the monitoring plan's figures too

The durations and the client of an ended enrolment, and the client of a registration, join
the covering indexes (PostgreSQL), so enrolment_duration, reach and the client dimensions
read a year of enrolments from the indexes alone.

Revision ID: 2b7f4e9a1c86
Revises: 8d41b6c2e7f5
Create Date: 2026-12-04 21:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2b7f4e9a1c86"
down_revision: str | None = "8d41b6c2e7f5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in the model at this revision (a migration keeps its own copy: models move on).
PERSON_COLUMNS = ["coordinator", "coordinator_role", "municipality", "service_line", "age_group"]
CONTACT_COLUMNS = [
    "contact_due",
    "first_contact_on",
    "working_days_to_contact",
    "first_meeting_on",
    "ended_on",
    "outcome",
]
ENDED_COLUMNS = ["outcome", "client_id", "days_enrolled", "working_days_enrolled"]


def _indexes(registered: list[str], ended: list[str]) -> None:
    op.drop_index("ix_enrolment_fact_registered_on", table_name="enrolment_fact")
    op.drop_index("ix_enrolment_fact_ended_on", table_name="enrolment_fact")
    op.create_index(
        "ix_enrolment_fact_registered_on",
        "enrolment_fact",
        ["registered_on"],
        postgresql_include=registered,
    )
    op.create_index(
        "ix_enrolment_fact_ended_on", "enrolment_fact", ["ended_on"], postgresql_include=ended
    )


def upgrade() -> None:
    _indexes(
        [*PERSON_COLUMNS, "registered_month", *CONTACT_COLUMNS, "client_id"],
        [*PERSON_COLUMNS, "ended_month", *ENDED_COLUMNS],
    )


def downgrade() -> None:
    _indexes(
        [*PERSON_COLUMNS, "registered_month", *CONTACT_COLUMNS],
        [*PERSON_COLUMNS, "ended_month", "outcome"],
    )
