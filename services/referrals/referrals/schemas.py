from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.common.text import Username, free_text_rules, name_rules
from services.referrals.effects.schemas import EffectRead

ReferralKind = Literal["transfer", "consultation", "external", "job"]
ReferralStatus = Literal["sent", "accepted", "declined", "expired", "completed", "cancelled"]
Box = Literal["inbox", "outbox"]
Sensitivity = Literal["normal", "health"]
CoordinatorRole = Literal["work_ability_coordinator", "business_coordinator"]
JobResult = Literal["hired", "not_hired"]
JobStage = Literal["presented", "interview"]
Reason = Annotated[str, free_text_rules(max_length=2000)]


class HandoverPartCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: Annotated[str, name_rules(min_length=None, max_length=200)] | None = None
    text: Annotated[str, free_text_rules(min_length=1, max_length=5000)]
    sensitivity: Sensitivity = Field(
        "normal", description="`health` parts reach only a work-ability coordinator."
    )


class HandoverPartRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    heading: str | None
    text: str
    sensitivity: Sensitivity


class ReferralCreate(BaseModel):
    """A referral: `to_user` for a transfer or consultation (optional for `job`),
    `to_partner` for `external`, `to_opening` for `job`."""

    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID
    kind: ReferralKind
    to_user: Username | None = None
    to_role: CoordinatorRole | None = Field(
        None, description="Needed only when `to_user` holds both coordinator roles."
    )
    to_partner: uuid.UUID | None = None
    to_opening: uuid.UUID | None = None
    enrolment_id: uuid.UUID | None = Field(
        None, description="Required for `transfer` and `consultation`."
    )
    message: Annotated[str, free_text_rules(max_length=4000)] | None = None
    summary: list[HandoverPartCreate] = Field(default_factory=list, max_length=20)


class ReferralDecline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, free_text_rules(min_length=1, max_length=2000)]


class ReferralCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason | None = None


class ReferralComplete(BaseModel):
    """A transfer completes its warm hand-off (the sender or the receiver), a consultation
    ends its period (either coordinator), other kinds end with the addressee."""

    model_config = ConfigDict(extra="forbid")

    result: JobResult | None = Field(None, description="Required for a `job` referral.")
    stepping_out: Username | None = Field(
        None,
        description="Consultation only: the coordinator who steps out (default: the receiver).",
    )


class ReferralStageSet(BaseModel):
    """Where a job referral is with the employer, beside its unchanged `status`."""

    model_config = ConfigDict(extra="forbid")

    stage: JobStage = Field(
        description="`presented` to the employer, or invited to an `interview`."
    )


# The reasons Polku itself gives for a step (by `system`): no answer in time, or the other
# service refused the change of responsibility the acceptance asked for.
SystemReason = Literal["unanswered", "change_refused"]


class StateChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: dt.datetime
    by: str
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    reason: str | None = Field(description="A person's words; for a system step, for the logs")
    reason_code: SystemReason | None = Field(
        None, description="Set on a step Polku took itself; the app says it in words"
    )


class ReferralRead(BaseModel):
    id: uuid.UUID
    kind: ReferralKind
    client_id: uuid.UUID
    client_name: str | None = Field(
        description="`First Last` as the clients service names the client to the reader; "
        "null when it gives no name (or cannot be reached). Not stored here."
    )
    enrolment_id: uuid.UUID | None
    from_user: str
    from_role: str
    to_user: str | None
    to_role: str | None
    partner_id: uuid.UUID | None
    partner_kind: str | None
    opening_id: uuid.UUID | None
    employer_id: uuid.UUID | None
    lead_id: uuid.UUID | None
    message: str | None
    status: ReferralStatus = Field(
        description="An accepted transfer is a warm hand-off still running: both "
        "coordinators are responsible until one of them completes it."
    )
    decline_reason: str | None
    result: str | None
    stage: JobStage | None = Field(
        None,
        description="A job referral's step with the employer (`presented`, `interview`); "
        "null until one is recorded and for other kinds.",
    )
    opening_kind: str | None = Field(
        None, description="The kind of the job referral's opening when it was sent."
    )
    sent_at: dt.datetime
    response_due: dt.date = Field(description="Helsinki date by which the addressee answers.")
    overdue: bool = Field(description="Still unanswered after `response_due`.")
    responded_at: dt.datetime | None
    closed_at: dt.datetime | None
    effects: list[EffectRead] = Field(
        description="Changes in other services; `pending` ones are applied when it is back."
    )


class ReferralDetailRead(ReferralRead):
    summary: list[HandoverPartRead] = Field(
        description="The hand-over summary; `health` parts only for a work-ability coordinator."
    )
    history: list[StateChangeRead]
    viewer_answers: bool = Field(
        False,
        description="A job referral: whether the reader answers it (accept, decline, stage, "
        "complete): its sender, its addressee or the holder of its opening's lead.",
    )
