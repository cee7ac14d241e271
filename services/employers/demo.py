"""`python -m services.employers seed-demo`: fictional employers, leads, openings and events.

Idempotent: every object has a `demo_id`, and one that exists is left alone. Everything goes
through the domain services, so the demo emits the same events as live work.
"""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from stdnum.fi import ytunnus

from services.common.auth import Principal
from services.common.calendar import utcnow
from services.common.db import Database
from services.common.demo import demo_id
from services.common.settings import ServiceSettings
from services.employers.activities import service as activities
from services.employers.activities.schemas import ActivityCreate
from services.employers.config import EmployersSettings
from services.employers.employers import repository as employer_rows
from services.employers.employers import service as employers
from services.employers.employers.schemas import EmployerCreate
from services.employers.leads import repository as lead_rows
from services.employers.leads import service as leads
from services.employers.leads.schemas import LeadClose, LeadContact
from services.employers.models import EmployerContact, Opening, RecruitmentEvent
from services.employers.openings import service as openings
from services.employers.openings.schemas import OpeningCreate, OpeningUpdate
from services.employers.recruitment_events import service as recruitment_events
from services.employers.recruitment_events.schemas import RecruitmentEventCreate

# (name, TOL section, size class, municipality, status, interested in tailored work)
EMPLOYERS: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("Rakennus Kivijalka Oy", "F", "small", "Lahti", "partner", False),
    ("Kauppa Vesijärvi Oy", "G", "medium", "Lahti", "partner", True),
    ("Kiinteistöhuolto Salpa Oy", "N", "small", "Hollola", "partner", True),
    ("Hotelli Harju Oy", "I", "medium", "Lahti", "contacted", False),
    ("Ravintola Pikku Pata Oy", "I", "micro", "Lahti", "prospect", False),
    ("Siivouspalvelu Kirkas Oy", "N", "small", "Orimattila", "partner", True),
    ("Taksi Päijät Oy", "H", "micro", "Lahti", "prospect", False),
    ("Metallituote Nastola Oy", "C", "medium", "Lahti", "partner", True),
    ("Hoivakoti Kotiranta Oy", "Q", "small", "Asikkala", "contacted", True),
    ("Henkilöstöpalvelu Tekijä Oy", "N", "medium", "Lahti", "partner", False),
    ("Puusepänliike Lastu Oy", "C", "micro", "Kärkölä", "prospect", True),
    ("Lähikauppa Kuusikko Ky", "G", "micro", "Hollola", "contacted", False),
    ("Kahvila Sininen Hetki Oy", "I", "micro", "Lahti", "prospect", False),
    ("Maalaus ja Remontti Sävy Oy", "F", "micro", "Orimattila", "contacted", False),
    ("Logistiikka Salpausselkä Oy", "H", "large", "Lahti", "partner", False),
    ("Kotipalvelu Apuna Oy", "Q", "small", "Lahti", "prospect", True),
    ("Autokorjaamo Mutteri Oy", "G", "micro", "Hollola", "inactive", False),
    ("Pesula Puhdas Oy", "S", "micro", "Lahti", "prospect", True),
    ("Tilitoimisto Tase Oy", "M", "micro", "Lahti", "contacted", False),
    ("Huvila ja Matkailu Päijänne Oy", "I", "small", "Padasjoki", "prospect", False),
    ("Elementtitehdas Runko Oy", "C", "large", "Orimattila", "partner", False),
    ("Vartiointi Turva Oy", "N", "medium", "Lahti", "prospect", False),
    ("Kukkakauppa Kielo Ky", "G", "micro", "Asikkala", "prospect", True),
    ("Lounasravintola Herkku Oy", "I", "small", "Lahti", "contacted", False),
    ("Putkiliike Virta Oy", "F", "small", "Hollola", "prospect", False),
    ("Muovituote Kärkölä Oy", "C", "medium", "Kärkölä", "prospect", True),
    ("Fysioterapia Liike Oy", "Q", "micro", "Lahti", "prospect", False),
    ("Kuljetus Myllymäki Oy", "H", "small", "Orimattila", "prospect", False),
    ("Kierrätyskeskus Uusio ry", "E", "small", "Lahti", "partner", True),
    ("Vaatekauppa Tyyli Oy", "G", "small", "Lahti", "prospect", False),
)

# Lead n belongs to employer n: (source, days since it came in, state, days to first contact)
LEADS: tuple[tuple[str, int, str, int | None], ...] = (
    ("ladec", 10, "new", None),  # contact overdue
    ("phone", 1, "new", None),
    ("ladec", 8, "new", None),  # contact overdue
    ("email", 0, "new", None),
    ("ladec", 5, "contacted", 1),
    ("prospecting", 6, "contacted", 2),
    ("ladec", 40, "contacted", 2),  # follow-up overdue
    ("phone", 12, "contacted", 1),
    ("ladec", 15, "in_progress", 1),
    ("email", 45, "in_progress", 3),  # follow-up overdue
    ("ladec", 20, "in_progress", 2),
    ("ladec", 35, "follow_up", 1),
    ("phone", 30, "follow_up", 2),
    ("ladec", 28, "follow_up", 1),
    ("ladec", 60, "closed:hired", 1),
    ("email", 70, "closed:hired_elsewhere", 2),
    ("ladec", 50, "closed:no_hire", 1),
    ("prospecting", 40, "closed:withdrawn", None),
    ("ladec", 90, "closed:hired", 2),
    ("phone", 75, "closed:hired", 1),
)

OPENINGS: tuple[tuple[str, str, bool], ...] = (
    ("Rakennusapulainen", "work_trial", True),
    ("Myyjä", "regular", False),
    ("Kiinteistöhuollon apulainen", "tailored_work", True),
    ("Hotellisiivooja", "summer_job", False),
    ("Kokki", "hidden_job", False),
    ("Siivooja", "tailored_work", True),
    ("Taksinkuljettaja", "regular", False),
    ("Hitsaaja", "apprenticeship", True),
    ("Hoiva-avustaja", "work_trial", True),
    ("Varastotyöntekijä", "regular", False),
    ("Puusepän apulainen", "tailored_work", True),
    ("Kaupan apulainen", "summer_job", False),
    ("Tarjoilija", "hidden_job", False),
    ("Maalari", "work_trial", True),
    ("Trukinkuljettaja", "regular", True),
)


def demo_business_id(n: int) -> str:
    """A valid, fictional Y-tunnus; the library finds the check digit."""
    stem = 3100000 + n
    while True:
        for digit in range(10):
            candidate = f"{stem:07d}-{digit}"
            if ytunnus.is_valid(candidate):
                return candidate
        stem += 100  # a stem whose check digit would be 10 is never issued


def _staff(username: str, role: str) -> Principal:
    return Principal(subject=username, roles=frozenset({role}))


async def _seed_employers(session: AsyncSession, bc: Principal) -> None:
    for n, (name, section, size, municipality, status, tailored) in enumerate(EMPLOYERS, 1):
        employer_id = demo_id("employer", n)
        if await employer_rows.get_employer(session, employer_id) is not None:
            continue
        data = EmployerCreate(
            business_id=demo_business_id(n),
            name=name,
            industry=section,
            size_class=size,
            # Every demo employer is a company (Oy, Ky): the private sector.
            sector="private",
            municipality=municipality,
            status=status,
            network_member=status == "partner",
            tailored_work_interest=tailored,
        )
        await employers.create_employer(session, data, bc, employer_id=employer_id)
        await employer_rows.add(
            session,
            EmployerContact(
                id=demo_id("employer_contact", n),
                employer_id=employer_id,
                name=f"Yhteyshenkilö {n}",
                role="toimitusjohtaja" if size == "micro" else "HR-päällikkö",
                email=f"rekry{n}@example.fi",
                active=True,
                created_by=bc.subject,
                updated_by=bc.subject,
            ),
        )
        if tailored and status == "partner":
            workshop = ActivityCreate(
                kind="ratko_workshop",
                at=utcnow() - dt.timedelta(days=20 + n),
                agreed="Työtehtävien muokkaus: kaksi eriytettävää tehtävää",
            )
            employer = await employers.get_employer(session, employer_id)
            await activities.record_activity(session, employer, workshop, bc.subject)


async def _seed_leads(session: AsyncSession, settings: EmployersSettings) -> None:
    now = utcnow()
    team_lead = _staff("lead", "team_lead")
    for n, (source, age_days, state, days_to_contact) in enumerate(LEADS, 1):
        lead_id = demo_id("lead", n)
        if await lead_rows.get_lead(session, lead_id) is not None:
            continue
        coordinator = "bc1" if n % 2 else "bc2"
        bc = _staff(coordinator, "business_coordinator")
        received_at = now - dt.timedelta(days=age_days, hours=2)
        employer = await employers.get_employer(session, demo_id("employer", n))
        new = leads.NewLead(
            source=source,
            external_id=f"LADEC-DEMO-{n:04d}" if source == "ladec" else None,
            need=f"{1 + n % 3} työntekijää, työkokeilu mahdollinen",
            positions=1 + n % 3,
            municipality=employer.municipality,
            industry=employer.industry,
            contact=LeadContact(name=f"Yhteyshenkilö {n}", email=f"rekry{n}@example.fi"),
            received_at=received_at,
            lead_id=lead_id,
        )
        by = "ladec" if source == "ladec" else coordinator
        await leads.open_lead(session, settings, employer, new, by=by, coordinator=coordinator)
        if days_to_contact is not None:
            contacted_at = received_at + dt.timedelta(days=days_to_contact)
            contact = ActivityCreate(kind="call", at=contacted_at, summary="Tarvekartoitus")
            await leads.record_lead_activity(session, settings, lead_id, contact, bc)
            if state in ("in_progress", "follow_up") or state.startswith("closed"):
                visit = ActivityCreate(
                    kind="visit", at=contacted_at + dt.timedelta(days=1), agreed="Haastattelut"
                )
                await leads.record_lead_activity(session, settings, lead_id, visit, bc)
            if state == "follow_up" or state.startswith("closed"):
                follow_up_at = min(contacted_at + dt.timedelta(days=21), now)
                follow_up = ActivityCreate(kind="follow_up", at=follow_up_at)
                await leads.record_lead_activity(session, settings, lead_id, follow_up, bc)
        if state.startswith("closed:"):
            closed_at = min(received_at + dt.timedelta(days=age_days - 1), now)
            closer = team_lead if n == 18 else bc
            close = LeadClose(reason=state.removeprefix("closed:"), at=closed_at)
            await leads.close_lead(session, lead_id, close, closer)


async def _seed_openings(session: AsyncSession, bc: Principal) -> None:
    for n, (title, kind, wage_subsidy) in enumerate(OPENINGS, 1):
        opening_id = demo_id("opening", n)
        if await session.get(Opening, opening_id) is not None:
            continue
        employer_id = demo_id("employer", n)
        data = OpeningCreate(
            title=title,
            kind=kind,
            wage_subsidy=wage_subsidy,
            positions=1 + n % 2,
            lead_id=demo_id("lead", n) if n >= 9 else None,
        )
        await openings.create_opening(session, employer_id, data, bc, opening_id=opening_id)
        status = {14: "cancelled", 15: "filled"}.get(n)
        if status is not None:
            update = OpeningUpdate(status=status)
            await openings.update_opening(session, employer_id, opening_id, update, bc)


async def _seed_recruitment_events(session: AsyncSession, bc: Principal) -> None:
    today = utcnow().date()
    events = (
        RecruitmentEventCreate(
            name="Tiistairekry",
            kind="recruitment_event",
            held_on=today - dt.timedelta(days=14),
            place="Palvelutori, kauppakeskus Trio",
            employer_ids=[demo_id("employer", n) for n in range(1, 7)],
            jobseekers_attended=48,
        ),
        RecruitmentEventCreate(
            name="DuuniWork",
            kind="job_fair",
            held_on=today - dt.timedelta(days=30),
            place="Lahden messukeskus",
            employer_ids=[demo_id("employer", n) for n in range(5, 15)],
            jobseekers_attended=210,
        ),
    )
    for n, data in enumerate(events, 1):
        event_id = demo_id("recruitment_event", n)
        if await session.get(RecruitmentEvent, event_id) is None:
            await recruitment_events.create_event(session, data, bc, event_id=event_id)


async def seed_demo(settings: ServiceSettings, args: argparse.Namespace) -> None:
    del args
    assert isinstance(settings, EmployersSettings)
    database = Database(settings.database_url)
    bc = _staff("bc1", "business_coordinator")
    try:
        async with database.transaction() as session:
            await _seed_employers(session, bc)
            await _seed_leads(session, settings)
            await _seed_openings(session, bc)
            await _seed_recruitment_events(session, bc)
    finally:
        await database.dispose()
