"""day counts of plan_debt and long_term_unemployment

The city's totals of both are read from day deltas kept at ingestion, as plan_currency's
are, instead of a pass over every enrolment or spell per count day. Ingestion keeps them
from now on; this fills them once from the facts already stored (the clients feed is not
replayed: a replay changes no row, so it would add no delta).

Revision ID: 5c2e7a1f9b30
Revises: 9508259d4844
Create Date: 2026-12-04 21:40:00
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from services.metrics import day_counts

revision: str = "5c2e7a1f9b30"
down_revision: str | None = "9508259d4844"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_SERIES = (day_counts.PLAN_DEBT, day_counts.LONG_TERM)


def _date(value: Any) -> dt.date | None:
    """SQLite hands dates of a plain SELECT back as text."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def upgrade() -> None:
    bind = op.get_bind()
    deltas = day_counts.Deltas()
    reviews: dict[Any, set[dt.date]] = defaultdict(set)
    for enrolment_id, reviewed_on in bind.execute(
        sa.text("SELECT enrolment_id, reviewed_on FROM plan_review")
    ):
        reviews[str(enrolment_id)].add(_date(reviewed_on))
    enrolments = bind.execute(
        sa.text(
            "SELECT enrolment_id, registered_on, ended_on FROM enrolment_fact "
            "WHERE registered_on IS NOT NULL"
        )
    )
    for enrolment_id, registered_on, ended_on in enrolments:
        enrolment = {"registered_on": _date(registered_on), "ended_on": _date(ended_on)}
        day_counts.add_plan_currency(deltas, enrolment, reviews[str(enrolment_id)])
    spells = bind.execute(
        sa.text("SELECT kind, starts_on, ends_on FROM unemployment_spell")
    ).mappings()
    day_counts.add_long_term(
        deltas,
        (
            {"kind": s["kind"], "starts_on": _date(s["starts_on"]), "ends_on": _date(s["ends_on"])}
            for s in spells
        ),
    )
    day_delta = sa.table(
        "day_delta",
        sa.column("indicator", sa.String),
        sa.column("measure", sa.String),
        sa.column("on", sa.Date),
        sa.column("delta", sa.BigInteger),
    )
    rows = [
        {"indicator": indicator, "measure": measure, "on": on, "delta": delta}
        for (indicator, measure, on), delta in sorted(deltas.items())
        if indicator in NEW_SERIES and delta
    ]
    if rows:
        op.bulk_insert(day_delta, rows)


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM day_delta WHERE indicator IN ('plan_debt', 'long_term_unemployment')")
    )
