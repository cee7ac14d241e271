"""the steps Polku takes itself carry a reason code the app says in words

Revision ID: 7c2d9e4f1a38
Revises: e3a91c5d7b24
Create Date: 2026-12-02 11:00:00

A referral that expired unanswered, or went back to `sent` because the other service refused
the change its acceptance asked for, had only an English sentence as its reason, which the
app showed as it was on Finnish screens. The steps already stored get their code from that
sentence, which Polku alone wrote.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c2d9e4f1a38"
down_revision: str | None = "e3a91c5d7b24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_state_change = sa.table(
    "referral_state_change",
    sa.column("by", sa.String()),
    sa.column("reason", sa.Text()),
    sa.column("reason_code", sa.String()),
)
_SYSTEM = "system"


def upgrade() -> None:
    with op.batch_alter_table("referral_state_change") as batch:
        batch.add_column(sa.Column("reason_code", sa.String(50), nullable=True))
    system = _state_change.c.by == _SYSTEM
    op.execute(
        _state_change.update()
        .where(system, _state_change.c.reason == "No answer by the response deadline.")
        .values(reason_code="unanswered")
    )
    op.execute(
        _state_change.update()
        .where(system, _state_change.c.reason.like("The % service refused the change:%"))
        .values(reason_code="change_refused")
    )


def downgrade() -> None:
    with op.batch_alter_table("referral_state_change") as batch:
        batch.drop_column("reason_code")
