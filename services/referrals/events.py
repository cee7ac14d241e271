"""The events the referrals service emits: one model per type, the only definition of its
data (docs/events.md explains them; `make openapi` exports their JSON Schemas)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from services.common.events import EventData
from services.referrals.partners.schemas import PartnerKind
from services.referrals.referrals.schemas import JobResult, JobStage, ReferralKind


class ReferralSent(EventData):
    """Ids, roles, codes and dates: never the message or the handover summary."""

    referral_id: uuid.UUID
    kind: ReferralKind
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    from_user: str
    from_role: str
    to_user: str | None
    to_role: str | None
    partner_id: uuid.UUID | None
    partner_kind: PartnerKind | None
    opening_id: uuid.UUID | None
    sent_at: dt.datetime
    sent_on: dt.date
    response_due: dt.date


class ReferralAccepted(EventData):
    referral_id: uuid.UUID
    kind: ReferralKind
    from_role: str
    to_role: str | None
    accepted_at: dt.datetime
    accepted_on: dt.date
    working_days_to_accept: int


class ReferralClosed(EventData):
    """`referral.declined` and `referral.expired`; the other endings add a field to it."""

    referral_id: uuid.UUID
    kind: ReferralKind
    at: dt.datetime
    on: dt.date


class ReferralReopened(ReferralClosed):
    """The clients service refused the change of responsibility the acceptance asked for."""

    reason: Literal["effect_refused"]


class ReferralCancelled(ReferralClosed):
    """`sent`: withdrawn before an answer; `accepted`: a warm hand-off abandoned by its sender."""

    from_status: Literal["sent", "accepted"]


class ReferralCompleted(ReferralClosed):
    result: JobResult | None


class ReferralStageChanged(EventData):
    """A job referral's step with the employer; its status is unchanged."""

    referral_id: uuid.UUID
    stage: JobStage


EVENTS: dict[str, type[EventData]] = {
    "referral.sent": ReferralSent,
    "referral.accepted": ReferralAccepted,
    "referral.reopened": ReferralReopened,
    "referral.declined": ReferralClosed,
    "referral.cancelled": ReferralCancelled,
    "referral.expired": ReferralClosed,
    "referral.stage_changed": ReferralStageChanged,
    "referral.completed": ReferralCompleted,
}
