"""Demo data for the embedded default: about 60 fictional clients over the last 18 months.

Clients 1-15 belong to wac1, 16-30 to wac2 (work_ability), 31-45 to bc1, 46-60 to bc2
(business); in each block of 15 the first six are active (first meeting held, all four
consents), then come waiting (some overdue), contacted, ended, cancelled and not-reached
enrolments. Identity codes are only from the temporary 900-999 range. Idempotent.
"""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access.service import add_consent
from services.clients.catalogue.schemas import CONSENT_PURPOSES
from services.clients.config import ClientsSettings
from services.clients.models import Client, Note, ServicePlan, WorkAbilityAssessment
from services.clients.pathway import service as pathway
from services.clients.people.schemas import normalise_identity_code
from services.clients.people.service import add_client
from services.common.calendar import HELSINKI, helsinki_today
from services.common.db import Database
from services.common.demo import demo_id
from services.common.settings import ServiceSettings

FIRST_NAMES = (
    "Aino",
    "Eino",
    "Helmi",
    "Väinö",
    "Siiri",
    "Onni",
    "Kerttu",
    "Toivo",
    "Lempi",
    "Urho",
)
LAST_NAMES = (
    "Demola",
    "Kokeilu",
    "Mallinen",
    "Testinen",
    "Esimerkki",
    "Harjoitus",
    "Kuvitelma",
    "Leikkinen",
    "Näyte",
    "Sepite",
    "Tarina",
    "Uniikki",
)
OWNERS = (
    ("wac1", "work_ability"),
    ("wac2", "work_ability"),
    ("bc1", "business"),
    ("bc2", "business"),
)
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
ENDED_OUTCOMES = ("employed", "education", "job_search")


def temporary_identity_code(n: int) -> str:
    """A code with a valid check character from the temporary 900-999 individual range."""
    born = dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28)
    stem = f"{born:%d%m%y}-{900 + n:03d}"
    for character in CHECK_CHARACTERS:
        try:
            return normalise_identity_code(stem + character)
        except ValueError:
            continue
    raise AssertionError("stdnum accepts exactly one check character")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


async def _seed_client(session: AsyncSession, settings: ClientsSettings, n: int) -> None:
    coordinator, line = OWNERS[(n - 1) // 15]
    role = "work_ability_coordinator" if line == "work_ability" else "business_coordinator"
    slot = (n - 1) % 15
    today = helsinki_today()
    client = add_client(
        session,
        {
            "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
            "last_name": LAST_NAMES[n % len(LAST_NAMES)],
            "personal_identity_code": temporary_identity_code(n) if n % 3 else None,
            "birth_year": 1965 + n % 35,
            "gender": ("female", "male", "other")[n % 3] if n % 7 else "unknown",
            "municipality": ("Lahti", "Hollola", "Orimattila", "Asikkala", "Kärkölä")[n % 5],
            "language": "fi" if n % 4 else "en",
            "target_groups": ["long_term_unemployed"] if n % 2 else ["under_30"],
        },
        source="coach",
        created_by="coach",
        client_id=demo_id("client", n),
    )
    await session.flush()
    if slot < 6:
        for purpose in CONSENT_PURPOSES:
            add_consent(session, client.id, purpose, coordinator)
    # Ended ones reach back up to 18 months; open ones are recent.
    registered_on = today - dt.timedelta(days=540 - 30 * (slot - 9) if slot >= 9 else 20 + 8 * slot)
    if slot in (6, 7):
        registered_on = today - dt.timedelta(days=12 + slot)  # overdue first contacts
    if slot == 8:
        registered_on = today - dt.timedelta(days=1)
    enrolment = pathway.apply_enrolment(
        session,
        settings,
        client,
        service_line=line,
        coordinators=[(coordinator, role)],
        referred_by="coach",
        registered_on=registered_on,
        source="coach",
        created_by="coach",
        enrolment_id=demo_id("enrolment", n),
    )
    await session.flush()
    if slot in (6, 7, 8):
        return
    if slot == 14:
        pathway.apply_contact(
            session,
            enrolment,
            channel="phone",
            reached=False,
            at=_at(registered_on + dt.timedelta(days=1)),
            recorded_by=coordinator,
        )
        await pathway.apply_end(
            session,
            client,
            enrolment,
            outcome="not_reached",
            ended_on=registered_on + dt.timedelta(days=21),
            exit_status=None,
            qualification_gained=None,
            ended_by=coordinator,
        )
        return
    first_contact = registered_on + dt.timedelta(days=1 + n % 3)
    pathway.apply_contact(
        session,
        enrolment,
        channel=("phone", "sms", "whatsapp")[n % 3],
        reached=True,
        at=_at(first_contact),
        recorded_by=coordinator,
    )
    if slot in (9, 13):
        if slot == 13:
            await pathway.apply_end(
                session,
                client,
                enrolment,
                outcome="cancelled",
                ended_on=first_contact + dt.timedelta(days=3),
                exit_status=None,
                qualification_gained=None,
                ended_by=coordinator,
            )
        return
    first_meeting = first_contact + dt.timedelta(days=5)
    last_meeting = today if slot < 6 else first_meeting + dt.timedelta(days=70)
    meeting_day = first_meeting
    kind = "first"
    while meeting_day < last_meeting - dt.timedelta(days=(20 if slot == 5 else 0)):
        pathway.apply_meeting(
            session,
            enrolment,
            kind=kind,
            at=_at(meeting_day, 9 + n % 6),
            status="held",
            recorded_by=coordinator,
            place="Palvelutori, Trio",
        )
        kind = "follow_up"
        meeting_day += dt.timedelta(days=12)
    if slot < 6:
        pathway.apply_meeting(
            session,
            enrolment,
            kind="follow_up",
            at=_at(today + dt.timedelta(days=3 + slot)),
            status="scheduled",
            recorded_by=coordinator,
        )
    session.add(
        Note(
            client_id=client.id,
            enrolment_id=enrolment.id,
            sensitivity="normal",
            text="Kartoitettiin elämäntilanne ja työnhaun tavoitteet.",
            author=coordinator,
            author_roles=role,
            created_at=_at(first_meeting),
        )
    )
    if line == "work_ability":
        session.add(
            Note(
                client_id=client.id,
                enrolment_id=enrolment.id,
                sensitivity="health",
                text="Kuvitteellinen terveystieto: selkävaivat rajoittavat nostamista.",
                author=coordinator,
                author_roles=role,
                created_at=_at(first_meeting, 11),
            )
        )
        for months, overall in ((0, 4 + n % 3), (2, 6 + n % 3)):
            session.add(
                WorkAbilityAssessment(
                    client_id=client.id,
                    recorded_on=first_meeting + dt.timedelta(days=30 * months),
                    instrument_version="2023",
                    language="fi",
                    overall=overall,
                    domain_scores={
                        d: min(10, overall + i % 3)
                        for i, d in enumerate(
                            (
                                "health_and_functioning",
                                "competence",
                                "values_and_motivation",
                                "work_and_community",
                                "life_situation",
                            )
                        )
                    },
                    recorded_by=coordinator,
                    created_at=_at(first_meeting),
                )
            )
    session.add(
        ServicePlan(
            client_id=client.id,
            enrolment_id=enrolment.id,
            goals=[
                "Työkokeilu kaupan alalla"
                if line == "work_ability"
                else "Työpaikka kevääseen mennessä"
            ],
            actions=[
                {
                    "text": "Hakemus kahteen paikkaan",
                    "owner": "client",
                    "due_on": None,
                    "done": False,
                }
            ],
            reviewed_on=first_meeting
            + dt.timedelta(days=7 if slot == 4 else 60 if slot >= 10 else 0)
            if slot != 4
            else first_meeting,
            updated_by=coordinator,
        )
    )
    if slot >= 10:
        outcome = ENDED_OUTCOMES[n % len(ENDED_OUTCOMES)]
        await pathway.apply_end(
            session,
            client,
            enrolment,
            outcome=outcome,
            ended_on=meeting_day,
            exit_status=None
            if slot == 12
            else ("employed" if outcome == "employed" else "job_seeking"),
            qualification_gained=None if slot == 12 else False,
            ended_by=coordinator,
        )


async def seed_demo(settings: ServiceSettings, _: argparse.Namespace) -> None:
    assert isinstance(settings, ClientsSettings)
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            for n in range(1, 61):
                if await session.get(Client, demo_id("client", n)) is None:
                    await _seed_client(session, settings, n)
    finally:
        await database.dispose()
