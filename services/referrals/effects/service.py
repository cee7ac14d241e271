"""Changes in other services caused by referrals, without half-done states.

An effect is a row written in the same transaction as the referral's state change. The
request tries it at once; if the other service is down the row stays `pending` and the
background retrier applies it later with back-off. Effects of one referral apply in order
(a grant before its revoke). Each carries an `effect_key` that the receiving side treats
idempotently, so a retry after a lost answer never applies a change twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.audit import AccessLogEntry
from services.common.calendar import utcnow
from services.common.db import Database
from services.common.errors import Conflict, ServiceUnavailable
from services.common.pagination import Page, decode_cursor, encode_cursor
from services.common.remote import RemoteRefusal
from services.referrals.collaborators import Collaborators
from services.referrals.config import ReferralsSettings
from services.referrals.effects import repository
from services.referrals.effects.schemas import EffectAdminRead, EffectKind, EffectStatus
from services.referrals.models import AccessReport, PendingEffect, Referral

_log = structlog.get_logger("polku.referrals.effects")


@dataclass(frozen=True, slots=True)
class _Call:
    """What an attempt needs, copied out so no transaction is open during the remote call."""

    id: uuid.UUID
    kind: str
    effect_key: str
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: EffectStatus
    error: str | None = None
    refusal: RemoteRefusal | None = None


Handler = Callable[[Collaborators, str, dict[str, Any]], Awaitable[None]]


SYSTEM_ACTOR = "system"


async def _grant(c: Collaborators, _: str, p: dict[str, Any]) -> None:
    await c.clients.grant_access(
        uuid.UUID(p["client_id"]),
        p["username"],
        p["referral_id"],
        on_behalf_of=p.get("on_behalf_of"),
    )


async def _revoke(c: Collaborators, _: str, p: dict[str, Any]) -> None:
    await c.clients.revoke_access(
        uuid.UUID(p["client_id"]), p["referral_id"], on_behalf_of=p.get("on_behalf_of")
    )


async def _coordinators(c: Collaborators, key: str, p: dict[str, Any]) -> None:
    await c.clients.change_coordinators(
        uuid.UUID(p["enrolment_id"]),
        effect_key=key,
        action=p["action"],
        to_user=p["to_user"],
        to_role=p["to_role"],
        from_user=p.get("from_user"),
        referral_id=p.get("referral_id"),
        reason=p.get("reason"),
        on_behalf_of=p.get("on_behalf_of"),
    )


async def _outcome_suggestion(c: Collaborators, key: str, p: dict[str, Any]) -> None:
    await c.clients.suggest_outcome(
        uuid.UUID(p["enrolment_id"]), effect_key=key, outcome=p["outcome"]
    )


async def _hire(c: Collaborators, key: str, p: dict[str, Any]) -> None:
    await c.employers.record_hire(
        effect_key=key,
        referral_id=uuid.UUID(p["referral_id"]),
        opening_id=uuid.UUID(p["opening_id"]),
        client_id=uuid.UUID(p["client_id"]),
        hired_on=dt.date.fromisoformat(p["hired_on"]),
        on_behalf_of=p.get("on_behalf_of"),
    )


# `lead_close` and `opening_fill` were queued by hires before `hire` recorded them one by
# one; such effects still pending in a database after the upgrade apply as they were meant.
async def _lead_close(c: Collaborators, key: str, p: dict[str, Any]) -> None:
    await c.employers.close_lead(uuid.UUID(p["lead_id"]), effect_key=key, reason=p["reason"])


async def _opening_fill(c: Collaborators, key: str, p: dict[str, Any]) -> None:
    await c.employers.fill_opening(uuid.UUID(p["opening_id"]), effect_key=key)


_EMPLOYERS_KINDS = frozenset({"hire", "lead_close", "opening_fill"})


def _service_of(kind: str) -> str:
    return "employers" if kind in _EMPLOYERS_KINDS else "clients"


_HANDLERS: dict[str, Handler] = {
    "access_grant": _grant,
    "access_revoke": _revoke,
    "coordinators_transfer": _coordinators,
    "coordinators_add": _coordinators,
    "coordinators_remove": _coordinators,
    "coordinators_handoff_start": _coordinators,
    "coordinators_handoff_complete": _coordinators,
    "outcome_suggestion": _outcome_suggestion,
    "hire": _hire,
    "lead_close": _lead_close,
    "opening_fill": _opening_fill,
}


# What a refused effect does to its referral (e.g. an accept returns to `sent`); given by
# the referrals domain so that this module stays free of its rules.
OnRefused = Callable[[AsyncSession, uuid.UUID, str, RemoteRefusal], Awaitable[None]]


def crash_point(settings: ReferralsSettings, name: str) -> None:
    """Test only: die here, as a process killed at this step would (SIGKILL, no cleanup)."""
    if settings.env == "test" and name in settings.crash_at:
        os.kill(os.getpid(), signal.SIGKILL)


def _effect_key(referral: Referral, kind: str) -> str:
    # A repeat of a kind (an accept again after a refused one reopened the referral) is a
    # new effect; the referral id comes first, as the receiving side reads it from the key.
    repeat = sum(1 for e in referral.effects if e.kind == kind)
    return f"{referral.id}:{kind}" + (f":{repeat}" if repeat else "")


def queue(referral: Referral, kind: EffectKind, payload: dict[str, Any]) -> PendingEffect:
    """Add an effect to the referral (its `effects` must be loaded); it commits with it."""
    now = utcnow()
    # The person whose answer caused the effect: the other service logs them, not us.
    caused_by = referral.history[-1].by if referral.history else None
    if caused_by and caused_by != SYSTEM_ACTOR:
        payload = {**payload, "on_behalf_of": caused_by}
    effect = PendingEffect(
        id=uuid.uuid4(),
        referral_id=referral.id,
        position=len(referral.effects),
        effect_key=_effect_key(referral, kind),
        kind=kind,
        payload=payload,
        status="pending",
        attempts=0,
        created_at=now,
        next_attempt_at=now,
    )
    referral.effects.append(effect)
    return effect


def has_effect(referral: Referral, kind: EffectKind) -> bool:
    return any(e.kind == kind for e in referral.effects)


async def _attempt(call: _Call, collaborators: Collaborators) -> _Outcome:
    try:
        await _HANDLERS[call.kind](collaborators, call.effect_key, call.payload)
    except ServiceUnavailable as exc:
        return _Outcome("pending", str(exc)[:500])
    except RemoteRefusal as exc:
        return _Outcome("failed", str(exc)[:500], exc)
    return _Outcome("applied")


def _retry_at(attempts: int, now: dt.datetime, settings: ReferralsSettings) -> dt.datetime:
    delay = settings.effect_retry_initial_seconds * 2 ** max(attempts - 1, 0)
    return now + dt.timedelta(seconds=min(delay, settings.effect_retry_max_seconds))


def _call_of(effect: PendingEffect) -> _Call:
    return _Call(effect.id, effect.kind, effect.effect_key, dict(effect.payload), effect.attempts)


async def apply_now(
    referral: Referral,
    collaborators: Collaborators,
    *,
    must_succeed: frozenset[str] = frozenset(),
) -> None:
    """Try the referral's pending effects in order, inside the caller's transaction.

    A refusal of an effect in `must_succeed` aborts the whole change (nothing is stored);
    an unreachable service leaves the effect and those after it pending.
    """
    for effect in sorted(referral.effects, key=lambda e: e.position):
        if effect.status != "pending":
            continue
        outcome = await _attempt(_call_of(effect), collaborators)
        now = utcnow()
        effect.attempts += 1
        effect.last_error = outcome.error
        if outcome.status == "applied":
            effect.status, effect.applied_at = "applied", now
            continue
        if outcome.status == "pending":
            effect.next_attempt_at = _retry_at(effect.attempts, now, collaborators.settings)
            _log.info("effect_pending", effect_key=effect.effect_key, attempts=effect.attempts)
            return
        if outcome.refusal is not None and effect.kind in must_succeed:
            raise Conflict(
                f"The {outcome.refusal.service} service refused the change: "
                f"{outcome.refusal.remote_detail}",
                code="responsibility_change_refused",
                params={"service": outcome.refusal.service},
            )
        effect.status = "failed"
        _log.warning("effect_refused", effect_key=effect.effect_key)


async def apply_pending(
    database: Database,
    collaborators: Collaborators,
    referral_id: uuid.UUID,
    on_refused: OnRefused | None = None,
) -> RemoteRefusal | None:
    """Apply the referral's pending effects after its state has committed, each attempt
    recorded in its own transaction, so no effect is applied for a change that did not
    commit. Returns the first refusal, if any."""
    refusals: list[RemoteRefusal] = []
    await _drain(database, collaborators, referral_id, set(), on_refused, refusals)
    return refusals[0] if refusals else None


async def apply_due_effects(
    database: Database,
    collaborators: Collaborators,
    *,
    batch: int = 100,
    on_refused: OnRefused | None = None,
) -> int:
    """One pass of the retrier over every referral whose first pending effect is due;
    returns how many effects it applied. A service found down is not called again in the
    same pass, so an outage costs one timeout per pass, not one per referral."""
    async with database.transaction() as session:
        referral_ids = await repository.referrals_with_due_effects(session, utcnow(), batch)
    applied = 0
    down: set[str] = set()
    for referral_id in referral_ids:
        applied += await _drain(database, collaborators, referral_id, down, on_refused, [])
    return applied


async def _drain(
    database: Database,
    collaborators: Collaborators,
    referral_id: uuid.UUID,
    down: set[str],
    on_refused: OnRefused | None,
    refusals: list[RemoteRefusal],
) -> int:
    applied = 0
    while True:
        async with database.transaction() as session:
            effect = await repository.first_pending(session, referral_id)
            if effect is None or effect.next_attempt_at > utcnow():
                return applied
            if _service_of(effect.kind) in down:
                return applied
            call = _call_of(effect)
        crash_point(collaborators.settings, f"effect.before_call:{call.kind}")
        outcome = await _attempt(call, collaborators)
        crash_point(collaborators.settings, f"effect.after_call:{call.kind}")
        now = utcnow()
        attempts = call.attempts + 1
        async with database.transaction() as session:
            recorded = await repository.record_outcome(
                session,
                call.id,
                status=outcome.status,
                attempts=attempts,
                next_attempt_at=(
                    _retry_at(attempts, now, collaborators.settings)
                    if outcome.status == "pending"
                    else now
                ),
                applied_at=now if outcome.status == "applied" else None,
                last_error=outcome.error,
            )
            if recorded and outcome.refusal is not None:
                refusals.append(outcome.refusal)
                if on_refused is not None:
                    await on_refused(session, referral_id, call.kind, outcome.refusal)
        _log.info("effect_attempted", effect_key=call.effect_key, status=outcome.status)
        if outcome.status == "pending":
            down.add(_service_of(call.kind))
            return applied
        if outcome.status == "applied":
            applied += 1


async def effect_page(
    session: AsyncSession, *, status: EffectStatus | None, cursor: str | None, limit: int
) -> Page[EffectAdminRead]:
    position = decode_cursor(cursor)
    after = (
        (dt.datetime.fromisoformat(str(position[0])), uuid.UUID(str(position[1])))
        if position
        else None
    )
    effects = await repository.list_unsettled(session, status=status, after=after, limit=limit + 1)
    items = [EffectAdminRead.model_validate(e) for e in effects[:limit]]
    next_cursor = (
        encode_cursor(effects[limit - 1].created_at.isoformat(), effects[limit - 1].id)
        if len(effects) > limit
        else None
    )
    return Page[EffectAdminRead](items=items, next_cursor=next_cursor)


# --- the clients' access log -------------------------------------------------------------


def report_access(
    session: AsyncSession, entry: AccessLogEntry, client_ids: list[uuid.UUID]
) -> None:
    """Keep a read of client data for the clients service's access log; it commits with the
    read and is delivered by `deliver_access_reports` (at least once, idempotent there)."""
    session.add(
        AccessReport(
            **dataclasses.asdict(entry), client_ids=[str(c) for c in dict.fromkeys(client_ids)]
        )
    )


_ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(AccessLogEntry))


async def deliver_access_reports(
    database: Database, collaborators: Collaborators, *, batch: int = 200
) -> int:
    """Send waiting reads to the clients service, oldest first; returns how many."""
    delivered = 0
    while True:
        async with database.transaction() as session:
            reports = await repository.oldest_access_reports(session, batch)
            entries = [
                {
                    **{field: getattr(r, field) for field in _ENTRY_FIELDS},
                    "id": str(r.id),
                    "at": r.at.isoformat(),
                    "client_ids": list(r.client_ids),
                }
                for r in reports
            ]
        if not entries:
            return delivered
        await collaborators.clients.report_access(entries)
        async with database.transaction() as session:
            await repository.forget_access_reports(session, [r.id for r in reports])
        delivered += len(entries)
        if len(entries) < batch:
            return delivered
