"""Demo data of the embedded default: the partner directory and referrals of every kind and
state among the demo staff.

The referrals point at the other services' demo objects by `demo_id` and never call those
services. Their cross-service effects (access for open referrals, the coordinator changes
of accepted transfers and consultations, a hire) are stored as pending effects, so the
running system brings the clients and employers demos in line once they are up: the
accepted transfer is a warm hand-off still running (both coordinators responsible), the
completed one has handed the client over. Transfers and consultations are between
coordinators (a coach refers by enrolment, in the clients demo). Running the command twice
changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import (
    HELSINKI,
    add_working_days,
    helsinki_date,
    helsinki_today,
    is_working_day,
)
from services.common.db import Database
from services.common.demo import demo_id
from services.common.events import emit
from services.common.settings import ServiceSettings
from services.referrals.config import ReferralsSettings
from services.referrals.events import ReferralCancelled, ReferralClosed, ReferralCompleted
from services.referrals.models import HandoverPart, Partner, Referral, outbox
from services.referrals.referrals import service as referrals

WAC, BC = "work_ability_coordinator", "business_coordinator"
ROLE_OF = {"coach": "coach", "wac1": WAC, "wac2": WAC, "bc1": BC, "bc2": BC}

# (number, name, kind, description, municipality); contact details are fictional.
PARTNERS: list[tuple[int, str, str, str, str]] = [
    (1, "Työttömien terveystarkastus, Lahden terveysasema", "health",
     "Työttömien terveystarkastus: terveydenhoitajan ja tarvittaessa lääkärin arvio "
     "terveydestä ja työkyvystä.", "Lahti"),
    (2, "Ohjaamo Lahti", "employment",
     "Matalan kynnyksen ohjaus alle 30-vuotiaille: työ, koulutus, asuminen ja arki.",
     "Lahti"),
    (3, "Työllisyyspalvelujen psykologi", "employment",
     "Työllisyyspalvelujen psykologi: ammatinvalinta, opiskelu ja työkykykysymykset.", "Lahti"),
    (4, "Kela, Lahden palvelupiste", "kela",
     "Kelan etuudet ja ammatillinen kuntoutus.", "Lahti"),
    (5, "Koulutuskeskus Salpaus", "education",
     "Ammatillinen koulutus ja oppisopimus; lyhytkoulutukset työnhakijoille.", "Lahti"),
    (6, "LAB-ammattikorkeakoulu, avoin AMK", "education",
     "Avoimen ammattikorkeakoulun opinnot.", "Lahti"),
    (7, "Päijät-Hämeen hyvinvointialue, aikuissosiaalityö", "social",
     "Aikuissosiaalityö: toimeentulotuki, elämänhallinta ja kuntouttavan työtoiminnan "
     "suunnitelmat.", "Lahti"),
    (8, "Päijät-Hämeen hyvinvointialue, mielenterveys- ja päihdepalvelut", "health",
     "Mielenterveys- ja päihdepalvelut.", "Lahti"),
    (9, "Kuntouttava työtoiminta, Hollola", "social",
     "Kuntouttava työtoiminta kunnan työpajoissa.", "Hollola"),
    (10, "Etsivä nuorisotyö, Lahti", "social",
     "Etsivä nuorisotyö työn ja koulutuksen ulkopuolella oleville nuorille.", "Lahti"),
    (11, "Työttömien yhdistys, Lahden seutu", "third_sector",
     "Vertaistukea, ruokailu ja vapaaehtoistoimintaa työttömille.", "Lahti"),
    (12, "Työpaja- ja kierrätyskeskus, Orimattila", "third_sector",
     "Yhdistyksen ylläpitämiä työkokeilupaikkoja ja työpajoja.", "Orimattila"),
]  # fmt: skip


def _contact(number: int) -> tuple[str, str]:
    return f"partner{number:02d}@example.fi", f"+358 40 000 {number:04d}"


@dataclass(frozen=True, slots=True)
class DemoReferral:
    number: int
    kind: str
    client: int
    from_user: str
    status: str
    sent_working_days_ago: int
    to_user: str | None = None
    partner: int | None = None
    opening: int | None = None
    result: str | None = None
    reason: str | None = None


REFERRALS: list[DemoReferral] = [
    DemoReferral(1, "transfer", 2, "wac1", "sent", 0, to_user="bc1"),
    DemoReferral(2, "transfer", 3, "wac1", "sent", 4, to_user="bc1"),
    DemoReferral(3, "transfer", 17, "wac2", "accepted", 6, to_user="bc2"),
    DemoReferral(4, "transfer", 32, "bc1", "completed", 15, to_user="wac1"),
    DemoReferral(5, "transfer", 5, "wac1", "declined", 8, to_user="bc1",
                 reason="Työkyvyn tuki ensin; tavataan yhdessä kuukauden päästä."),
    DemoReferral(6, "transfer", 47, "bc2", "expired", 20, to_user="wac2"),
    DemoReferral(7, "consultation", 16, "wac2", "sent", 1, to_user="bc1"),
    DemoReferral(8, "consultation", 4, "wac1", "accepted", 5, to_user="bc2"),
    DemoReferral(9, "consultation", 33, "bc1", "completed", 25, to_user="wac2"),
    DemoReferral(10, "consultation", 18, "wac2", "cancelled", 3, to_user="bc1",
                 reason="Asiakas löysi työpaikan itse."),
    DemoReferral(11, "external", 1, "wac1", "sent", 2, partner=1),
    DemoReferral(12, "external", 19, "wac2", "accepted", 7, partner=5),
    DemoReferral(13, "external", 34, "bc1", "completed", 12, partner=2),
    DemoReferral(14, "external", 20, "wac2", "declined", 9, partner=4,
                 reason="Kela pyysi ensin lääkärinlausunnon."),
    DemoReferral(15, "external", 21, "wac2", "expired", 18, partner=3),
    DemoReferral(16, "job", 35, "bc1", "sent", 1, opening=1),
    DemoReferral(17, "job", 36, "bc1", "accepted", 4, opening=2),
    DemoReferral(18, "job", 48, "bc2", "completed", 14, opening=3, result="hired"),
    DemoReferral(19, "job", 49, "bc2", "completed", 10, opening=4, result="not_hired"),
    DemoReferral(20, "job", 6, "wac1", "sent", 2, opening=5, to_user="bc1"),
    DemoReferral(21, "consultation", 46, "bc2", "sent", 1, to_user="wac1"),
]  # fmt: skip

# The demo is a Finnish city's: what coordinators write is in Finnish.
_SUMMARY = "Motivoitunut; ajokortti; etsii osa-aikatyötä läheltä kotia."
_HEALTH_SUMMARY = "Nostorajoitus selkäleikkauksen jälkeen; ei vuorotyötä."


def _working_days_back(day: dt.date, count: int) -> dt.date:
    while count:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HELSINKI).astimezone(dt.UTC)


async def _seed_partners(session: AsyncSession) -> dict[int, Partner]:
    partners: dict[int, Partner] = {}
    for number, name, kind, description, municipality in PARTNERS:
        partner = await session.get(Partner, demo_id("partner", number))
        if partner is None:
            email, phone = _contact(number)
            partner = Partner(
                id=demo_id("partner", number),
                name=name,
                kind=kind,
                description=description,
                contact_email=email,
                contact_phone=phone,
                municipality=municipality,
                active=True,
            )
            session.add(partner)
        partners[number] = partner
    return partners


def _new_referral(
    spec: DemoReferral, partners: dict[int, Partner], settings: ReferralsSettings
) -> Referral:
    sent_on = _working_days_back(helsinki_today(), spec.sent_working_days_ago)
    to_role = ROLE_OF[spec.to_user] if spec.to_user else None
    summary = [HandoverPart(id=uuid.uuid4(), position=0, heading="Työnhaku", text=_SUMMARY)]
    if to_role == WAC:
        summary.append(
            HandoverPart(
                id=uuid.uuid4(),
                position=1,
                heading="Työkyky",
                text=_HEALTH_SUMMARY,
                sensitivity="health",
            )
        )
    partner = partners[spec.partner] if spec.partner else None
    return Referral(
        id=demo_id("referral", spec.number),
        kind=spec.kind,
        client_id=demo_id("client", spec.client),
        enrolment_id=demo_id("enrolment", spec.client),
        from_user=spec.from_user,
        from_role=ROLE_OF[spec.from_user],
        to_user=spec.to_user,
        to_role=to_role,
        partner_id=partner.id if partner else None,
        partner_kind=partner.kind if partner else None,
        opening_id=demo_id("opening", spec.opening) if spec.opening else None,
        employer_id=demo_id("employer", spec.opening) if spec.opening else None,
        # Opening 3 was opened from lead 3 of the same employer: the hire closes it.
        lead_id=demo_id("lead", 3) if spec.opening == 3 else None,
        message="Katso luovutettava yhteenveto.",
        status="sent",
        sent_at=_at(sent_on, 9, 30 + spec.number),
        response_due=add_working_days(sent_on, settings.response_working_days),
        open_handoff_enrolment_id=(
            demo_id("enrolment", spec.client) if spec.kind in ("transfer", "consultation") else None
        ),
        history=[],
        effects=[],
        summary=summary,
    )


def _play(
    session: AsyncSession, referral: Referral, spec: DemoReferral, settings: ReferralsSettings
) -> None:
    """Walk the referral through its lifecycle to the demo state, emitting the same events
    live work would."""
    sent_on = referral.sent_at.astimezone(HELSINKI).date()
    addressee = referral.to_user or referral.from_user
    referrals.record_state(referral, "sent", referral.from_user, None, referral.sent_at)
    emit(session, outbox, "referral.sent", referral.id, referrals.sent_event_data(referral),
         occurred_at=referral.sent_at)  # fmt: skip
    if spec.status == "sent":
        referrals.queue_access_grant(referral)
        return
    answered = _at(add_working_days(sent_on, 1), 10)
    if spec.status in ("declined", "cancelled"):
        by = addressee if spec.status == "declined" else referral.from_user
        referrals.record_state(referral, spec.status, by, spec.reason, answered)
        referral.decline_reason = spec.reason if spec.status == "declined" else None
        referral.responded_at = answered if spec.status == "declined" else None
        referral.closed_at = answered
        # A demo cancellation withdraws a referral nobody answered: `from_status` `sent`.
        ending = (
            referrals.closing_event_data(ReferralClosed, referral, answered)
            if spec.status == "declined"
            else referrals.closing_event_data(ReferralCancelled, referral, answered,
                                              from_status="sent")
        )  # fmt: skip
        emit(session, outbox, f"referral.{spec.status}", referral.id, ending,
             occurred_at=answered)  # fmt: skip
        return
    if spec.status == "expired":
        expired = _at(
            add_working_days(referral.response_due, settings.expiry_grace_working_days + 1), 3
        )
        referrals.record_state(referral, "expired", referrals.SYSTEM_ACTOR,
                               referrals.UNANSWERED_REASON, expired,
                               reason_code="unanswered")  # fmt: skip
        referral.closed_at = expired
        emit(session, outbox, "referral.expired", referral.id,
             referrals.closing_event_data(ReferralClosed, referral, expired),
             occurred_at=expired)  # fmt: skip
        return
    referrals.record_state(referral, "accepted", addressee, None, answered)
    referral.responded_at = answered
    emit(session, outbox, "referral.accepted", referral.id,
         referrals.accepted_event_data(referral, answered), occurred_at=answered)  # fmt: skip
    # A completed consultation added the consultant and removed them again: nothing to do.
    if referral.kind == "transfer" or (
        referral.kind == "consultation" and spec.status == "accepted"
    ):
        referrals.queue_acceptance_effects(referral)
    if spec.status != "completed":
        return
    completed = _at(add_working_days(sent_on, 4), 14)
    referrals.record_state(referral, "completed", addressee, None, completed)
    referral.result = spec.result
    referral.closed_at = completed
    if referrals.is_handoff(referral):
        referrals.queue_handoff_complete(referral)
    if spec.result == "hired":
        referrals.queue_hire_effects(referral, helsinki_date(completed))
    emit(session, outbox, "referral.completed", referral.id,
         referrals.closing_event_data(ReferralCompleted, referral, completed,
                                      result=spec.result),
         occurred_at=completed)  # fmt: skip


async def seed(session: AsyncSession, settings: ReferralsSettings) -> int:
    """Add what is missing; returns how many referrals were added."""
    partners = await _seed_partners(session)
    added = 0
    for spec in REFERRALS:
        if await session.get(Referral, demo_id("referral", spec.number)) is not None:
            continue
        referral = _new_referral(spec, partners, settings)
        session.add(referral)
        _play(session, referral, spec, settings)
        added += 1
    return added


async def seed_demo(settings: ServiceSettings, _: argparse.Namespace) -> None:
    assert isinstance(settings, ReferralsSettings)
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            added = await seed(session, settings)
    finally:
        await database.dispose()
    print(f"referrals demo: {len(PARTNERS)} partners, {added} referrals added")
