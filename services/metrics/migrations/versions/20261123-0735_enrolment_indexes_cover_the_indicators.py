"""the enrolment indexes cover the indicators that read a year of enrolments

Revision ID: 3f1c9b7e2a54
Revises: cd592a00f3e6
Create Date: 2026-11-23 07:35:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f1c9b7e2a54"
down_revision: str | None = "cd592a00f3e6"
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


def upgrade() -> None:
    op.drop_index("ix_enrolment_fact_registered_on", table_name="enrolment_fact")
    op.drop_index("ix_enrolment_fact_ended_on", table_name="enrolment_fact")
    op.create_index(
        "ix_enrolment_fact_registered_on",
        "enrolment_fact",
        ["registered_on"],
        postgresql_include=[*PERSON_COLUMNS, "registered_month", *CONTACT_COLUMNS],
    )
    op.create_index(
        "ix_enrolment_fact_ended_on",
        "enrolment_fact",
        ["ended_on"],
        postgresql_include=[*PERSON_COLUMNS, "ended_month", "outcome"],
    )


def downgrade() -> None:
    op.drop_index("ix_enrolment_fact_ended_on", table_name="enrolment_fact")
    op.drop_index("ix_enrolment_fact_registered_on", table_name="enrolment_fact")
    op.create_index("ix_enrolment_fact_ended_on", "enrolment_fact", ["ended_on"])
    op.create_index("ix_enrolment_fact_registered_on", "enrolment_fact", ["registered_on"])
