"""The migration to the warm hand-off, on data written before it (SQLite file of its own)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import sqlalchemy as sa

from services.common.migrations import upgrade
from services.referrals.models import Referral, ReferralStateChange

BEFORE = "5b8e0c2f7d13"
ACCEPTED_AT = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


def _referral(kind: str, status: str, enrolment_id: uuid.UUID, day: int) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "kind": kind,
        "client_id": uuid.uuid4(),
        "enrolment_id": enrolment_id,
        "from_user": "wac1",
        "from_role": "work_ability_coordinator",
        "to_user": "bc1",
        "to_role": "business_coordinator",
        "status": status,
        "sent_at": dt.datetime(2026, 11, day, 9, 0, tzinfo=dt.UTC),
        "response_due": dt.date(2026, 11, day + 3),
        "responded_at": ACCEPTED_AT if status == "accepted" else None,
    }


def test_old_accepted_transfers_complete_and_the_oldest_open_one_holds_the_slot(
    tmp_path: Path,
) -> None:
    path = tmp_path / "referrals.db"
    upgrade("services.referrals", f"sqlite+aiosqlite:///{path}", BEFORE)
    engine = sa.create_engine(f"sqlite:///{path}")
    # The models' tables for their column types; the insert names only the old columns.
    referral, history = Referral.__table__, ReferralStateChange.__table__
    shared, other = uuid.uuid4(), uuid.uuid4()
    handed_over = _referral("transfer", "accepted", other, 1)
    oldest = _referral("consultation", "sent", shared, 2)
    newer = _referral("transfer", "sent", shared, 3)
    with engine.begin() as connection:
        connection.execute(sa.insert(referral), [handed_over, oldest, newer])

    upgrade("services.referrals", f"sqlite+aiosqlite:///{path}")

    with engine.connect() as connection:
        rows = {
            row.id: row
            for row in connection.execute(
                sa.select(
                    referral.c.id,
                    referral.c.status,
                    referral.c.closed_at,
                    referral.c.open_handoff_enrolment_id,
                )
            )
        }
        steps = connection.execute(
            sa.select(history.c.referral_id, history.c.from_status, history.c.to_status)
        ).all()
    engine.dispose()

    assert rows[handed_over["id"]].status == "completed"
    assert rows[handed_over["id"]].closed_at == ACCEPTED_AT
    assert rows[handed_over["id"]].open_handoff_enrolment_id is None
    assert steps == [(handed_over["id"], "accepted", "completed")]
    assert rows[oldest["id"]].open_handoff_enrolment_id == shared
    # Opened before the rule: stays open, answered as before, without the slot.
    assert (rows[newer["id"]].status, rows[newer["id"]].open_handoff_enrolment_id) == (
        "sent",
        None,
    )
