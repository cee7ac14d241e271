"""Reference data of the clients service: the outcome catalogue and the region's municipalities.

The outcome codes are part of the external contract (CONTRACTS §3); the metrics service keeps
its own versioned copy of which outcomes count as activation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    code: str
    exit_form: bool
    counts_as_activation: bool
    label_fi: str
    label_en: str


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("employed", True, True, "Työllistyi", "Employed"),
    Outcome("education", True, True, "Koulutukseen", "Education"),
    Outcome("work_trial", True, True, "Työkokeiluun", "Work trial"),
    Outcome(
        "rehabilitative_work", True, True, "Kuntouttavaan työtoimintaan", "Rehabilitative work"
    ),
    Outcome("other_service", True, True, "Muuhun palveluun", "Other service"),
    Outcome("sick_leave", True, False, "Sairauslomalle", "Sick leave"),
    Outcome("job_search", True, False, "Jatkaa työnhakua", "Continues job search"),
    Outcome("stopped_contact", False, False, "Lopetti yhteydenpidon", "Stopped contact"),
    Outcome(
        "no_exit_form", False, False, "Päättyi ilman lopetuslomaketta", "Ended without exit form"
    ),
    Outcome("cancelled", False, False, "Peruutti tulonsa", "Cancelled"),
    Outcome("not_reached", False, False, "Ei tavoitettu", "Not reached"),
)

MUNICIPALITIES: tuple[str, ...] = (
    "Lahti",
    "Hollola",
    "Asikkala",
    "Kärkölä",
    "Orimattila",
    "Padasjoki",
)


def all_outcomes() -> tuple[Outcome, ...]:
    return OUTCOMES


def all_municipalities() -> tuple[str, ...]:
    return MUNICIPALITIES
