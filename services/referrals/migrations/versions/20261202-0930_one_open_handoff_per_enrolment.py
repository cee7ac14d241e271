"""one open transfer or consultation per enrolment; transfers accepted before the warm
hand-off are completed

Revision ID: e3a91c5d7b24
Revises: 5b8e0c2f7d13
Create Date: 2026-12-02 09:30:00

Before the warm hand-off an accepted transfer moved the enrolment at once: its life ended
with the acceptance. Such transfers become `completed` as of their acceptance (a history
row says so), so that none of them reads as a hand-off still running, waiting to be
completed, or blocking the next transfer of the enrolment. Then the oldest open transfer or
consultation of each enrolment takes the enrolment's one open slot; any other one opened
before this rule stays open and is answered as before.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e3a91c5d7b24"
down_revision: str | None = "5b8e0c2f7d13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_referral = sa.table(
    "referral",
    sa.column("id", sa.Uuid()),
    sa.column("kind", sa.String()),
    sa.column("enrolment_id", sa.Uuid()),
    sa.column("status", sa.String()),
    sa.column("sent_at", sa.DateTime(timezone=True)),
    sa.column("responded_at", sa.DateTime(timezone=True)),
    sa.column("closed_at", sa.DateTime(timezone=True)),
    sa.column("open_handoff_enrolment_id", sa.Uuid()),
)
_state_change = sa.table(
    "referral_state_change",
    sa.column("id", sa.Uuid()),
    sa.column("referral_id", sa.Uuid()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("by", sa.String()),
    sa.column("from_status", sa.String()),
    sa.column("to_status", sa.String()),
    sa.column("reason", sa.Text()),
)
_HANDED_OVER = "Handed over on acceptance (before the warm hand-off)."


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("open_handoff_enrolment_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_referral_open_handoff_enrolment_id"),
            ["open_handoff_enrolment_id"],
            unique=True,
        )
    connection = op.get_bind()
    accepted = connection.execute(
        sa.select(_referral.c.id, _referral.c.responded_at).where(
            _referral.c.kind == "transfer", _referral.c.status == "accepted"
        )
    ).all()
    for referral_id, responded_at in accepted:
        connection.execute(
            _referral.update()
            .where(_referral.c.id == referral_id)
            .values(status="completed", closed_at=responded_at)
        )
        connection.execute(
            _state_change.insert().values(
                id=uuid.uuid4(),
                referral_id=referral_id,
                at=responded_at,
                by="system",
                from_status="accepted",
                to_status="completed",
                reason=_HANDED_OVER,
            )
        )
    open_ones = connection.execute(
        sa.select(_referral.c.id, _referral.c.enrolment_id)
        .where(
            _referral.c.kind.in_(("transfer", "consultation")),
            _referral.c.status.in_(("sent", "accepted")),
            _referral.c.enrolment_id.is_not(None),
        )
        .order_by(_referral.c.sent_at, _referral.c.id)
    ).all()
    taken: set[uuid.UUID] = set()
    for referral_id, enrolment_id in open_ones:
        if enrolment_id in taken:
            continue
        taken.add(enrolment_id)
        connection.execute(
            _referral.update()
            .where(_referral.c.id == referral_id)
            .values(open_handoff_enrolment_id=enrolment_id)
        )


def downgrade() -> None:
    # The completed pre-hand-off transfers stay completed: that is what they were.
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_open_handoff_enrolment_id"))
        batch_op.drop_column("open_handoff_enrolment_id")
