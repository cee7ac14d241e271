"""The employers service's vocabularies, shared by its domains, the schemas and the tables."""

from __future__ import annotations

from typing import Literal, get_args

TolSection = Literal[
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
    "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
]  # fmt: skip
SizeClass = Literal["micro", "small", "medium", "large"]
EmployerStatus = Literal["prospect", "contacted", "partner", "inactive"]
# Public (municipality, state, wellbeing services county), private (companies), third sector
# (associations, foundations, cooperatives of the social economy).
EmployerSector = Literal["public", "private", "third_sector", "unknown"]
LeadSource = Literal["ladec", "phone", "email", "walk_in", "prospecting"]
LeadStatus = Literal["new", "contacted", "in_progress", "follow_up", "closed"]
CloseReason = Literal["hired", "hired_elsewhere", "no_hire", "withdrawn"]
ActivityKind = Literal[
    "call",
    "email",
    "visit",
    "meeting",
    "ratko_workshop",
    "info_session",
    "follow_up",
    "contact",
]
OpeningKind = Literal[
    "regular", "hidden_job", "tailored_work", "work_trial", "apprenticeship", "summer_job"
]
OpeningStatus = Literal["open", "filled", "cancelled"]
RecruitmentEventKind = Literal[
    "recruitment_event", "job_fair", "info_session", "seasonal_recruiting"
]

# Staff who work in the CRM, and those who may only look at employers and openings.
CRM_ROLES = ("business_coordinator", "team_lead")
READER_ROLES = (*CRM_ROLES, "work_ability_coordinator", "coach")

OPEN_LEAD_STATUSES: tuple[LeadStatus, ...] = ("new", "contacted", "in_progress", "follow_up")
# Activities that reach the company and so count as the lead's first contact.
CONTACT_KINDS = frozenset({"contact", "call", "email", "visit", "meeting"})

EMPLOYER_TRANSITIONS: dict[str, frozenset[str]] = {
    "prospect": frozenset({"contacted", "partner", "inactive"}),
    "contacted": frozenset({"partner", "inactive"}),
    "partner": frozenset({"inactive"}),
    "inactive": frozenset({"contacted", "partner"}),
}


def values(literal: object) -> tuple[str, ...]:
    return tuple(str(v) for v in get_args(literal))
