"""The data subject's rights over what this service holds: the export and the anonymisation
that the clients service asks for (it owns the client, the retention rule and the export).

Anonymisation replaces every free text a person wrote about the client (the referral's
message, the hand-over summary, decline and cancel reasons, the reasons in the history) and
keeps ids, codes, usernames and dates, so the figures computed from them stay right.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.common import audit
from services.common.audit import AccessContext
from services.referrals.models import Referral, access_log
from services.referrals.subjects import repository
from services.referrals.subjects.schemas import (
    AccessLogEntryRead,
    ClientAnonymisationRead,
    ClientExportRead,
    ReferralExportRead,
)

ANONYMISED = "(anonymised)"
# Enough for any one person's history; the clients service's export has the same bound.
_MAX_LOG_ENTRIES = 10_000


async def _log(
    session: AsyncSession,
    context: AccessContext,
    action: str,
    client_id: uuid.UUID,
    referrals: Sequence[Referral],
) -> None:
    await audit.record_access(
        session,
        access_log,
        context,
        action=action,
        subject_type="client",
        subject_ids=[client_id, *(referral.id for referral in referrals)],
    )


async def export(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ClientExportRead:
    """Everything held about the client; the export is itself logged (and listed)."""
    referrals = await repository.referrals_of_client(session, client_id)
    await _log(session, context, "export", client_id, referrals)
    entries = await audit.entries_for_subject(
        session, access_log, client_id, limit=_MAX_LOG_ENTRIES
    )
    return ClientExportRead(
        client_id=client_id,
        referrals=[ReferralExportRead.model_validate(r, from_attributes=True) for r in referrals],
        access_log=[AccessLogEntryRead.model_validate(e, from_attributes=True) for e in entries],
    )


def _blanked(text: str | None) -> str | None:
    return None if text is None else ANONYMISED


def _anonymise(referral: Referral) -> bool:
    """Replace the referral's free text; whether anything was left to replace."""
    before = _free_text(referral)
    referral.message = _blanked(referral.message)
    referral.decline_reason = _blanked(referral.decline_reason)
    for part in referral.summary:
        part.heading = _blanked(part.heading)
        part.text = ANONYMISED
    for change in referral.history:
        change.reason = _blanked(change.reason)
    return _free_text(referral) != before


def _free_text(referral: Referral) -> tuple[str | None, ...]:
    return (
        referral.message,
        referral.decline_reason,
        *(text for part in referral.summary for text in (part.heading, part.text)),
        *(change.reason for change in referral.history),
    )


async def anonymise(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ClientAnonymisationRead:
    """Idempotent: a second call finds nothing left to replace and says so (`changed` 0)."""
    referrals = await repository.referrals_of_client(session, client_id)
    changed = sum(_anonymise(referral) for referral in referrals)
    await _log(session, context, "anonymise", client_id, referrals)
    return ClientAnonymisationRead(client_id=client_id, referrals=len(referrals), changed=changed)
