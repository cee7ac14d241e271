"""The indicators of CONTRACTS §3: what each one means, its unit, dimensions and columns.

The `description` is the definition the city publishes; a change of meaning bumps the
`definition_version` (the outcome catalogue has its own version, as data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["rate", "count", "measures"]

PERSON_DIMENSIONS = (
    "coordinator_role",
    "coordinator",
    "municipality",
    "month",
    "service_line",
    "age_group",
)
RATE_COLUMNS = ("numerator", "denominator", "value")


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    description: str
    definition_version: str
    unit: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    kind: Kind
    # Cells describe persons (suppressed under the threshold for machine clients).
    about_persons: bool = True
    default_group_by: tuple[str, ...] = ()
    # The answer changes with today's date (pending deadlines), not only with the data.
    depends_on_today: bool = False


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="activation_rate",
        name="Activation rate (project definition)",
        description=(
            "Of the enrolments that ended between `from` and `to` (by the Helsinki date "
            "`ended_on`) with an exit outcome, i.e. an outcome that the outcome catalogue in "
            "effect on `ended_on` marks `exit_form`, the percentage whose outcome counts as "
            "activation (`counts_as_activation`: work, education or another service that "
            "reduces the municipality's share of the labour-market subsidy). `coordinator` "
            "and `coordinator_role` are those responsible when the enrolment ended, so a "
            "client transferred mid-enrolment counts for the receiving role. numerator = "
            "activated, denominator = ended with an exit outcome, value = % (one decimal)."
        ),
        definition_version="1",
        unit="percent",
        dimensions=PERSON_DIMENSIONS,
        measures=RATE_COLUMNS,
        kind="rate",
    ),
    Indicator(
        id="official_activation_rate",
        name="Activation rate (TEM statistics definition)",
        description=(
            "The employment-service statistics definition applied to Polku's own clients on "
            "a count day: clients in active services / (unemployed clients + clients in "
            "active services) * 100, from the clients' labour-market status episodes (an "
            "episode covers `starts_on`..`ends_on` inclusive; open when `ends_on` is empty). "
            "The count day is `to`, or with `group_by=month` the last working day of each "
            "month (not after `to`). A client both unemployed and in an active service on "
            "the day counts once, as active. `age_group` is the age reached in the count "
            "day's year; `municipality` the client's current one."
        ),
        definition_version="1",
        unit="percent",
        dimensions=("month", "municipality", "age_group"),
        measures=RATE_COLUMNS,
        kind="rate",
    ),
    Indicator(
        id="outcomes",
        name="Outcomes of ended enrolments",
        description=(
            "The number of enrolments that ended between `from` and `to` (by `ended_on`), "
            "by outcome code (all 11 codes of the catalogue, `cancelled` and `not_reached` "
            "included). A corrected outcome replaces the earlier one."
        ),
        definition_version="1",
        unit="enrolments",
        dimensions=(*PERSON_DIMENSIONS, "outcome"),
        measures=("value",),
        kind="count",
        default_group_by=("outcome",),
    ),
    Indicator(
        id="funnel",
        name="Client funnel",
        description=(
            "Of the enrolments registered between `from` and `to` (by `registered_on`): how "
            "many were registered, have been contacted (a reached first contact), have had "
            "the first meeting, have ended, and of the ended how many were `cancelled` "
            "before the first meeting or `not_reached`."
        ),
        definition_version="1",
        unit="enrolments",
        dimensions=PERSON_DIMENSIONS,
        measures=("registered", "contacted", "first_meeting", "ended", "cancelled", "not_reached"),
        kind="measures",
    ),
    Indicator(
        id="contact_sla",
        name="First contact within the deadline",
        description=(
            "Of the enrolments registered between `from` and `to` (by `registered_on`) whose "
            "contact deadline `contact_due` has passed or who have been contacted, the "
            "percentage first contacted on or before `contact_due` (1-5 working days after "
            "registration). An enrolment never contacted counts as late once its deadline "
            "has passed. `median_working_days` is the median number of Finnish working days "
            "from registration to the first reached contact, among those contacted."
        ),
        definition_version="1",
        unit="percent",
        dimensions=PERSON_DIMENSIONS,
        measures=(*RATE_COLUMNS, "median_working_days"),
        kind="rate",
        depends_on_today=True,
    ),
    Indicator(
        id="caseload",
        name="Caseload per coordinator",
        description=(
            "Active enrolments per responsible coordinator on the count day (`to`, or with "
            "`group_by=month` the last working day of each month not after `to`): registered "
            "on or before the day and not ended by it. An enrolment served by two "
            "coordinators at once counts for both. `target` is the sum of the role targets "
            "of the coordinators in the row (25 for a work-ability coordinator, 20 for a "
            "business coordinator); `load_percent` = active_enrolments / target * 100."
        ),
        definition_version="1",
        unit="enrolments",
        dimensions=PERSON_DIMENSIONS,
        measures=("active_enrolments", "coordinators", "target", "load_percent"),
        kind="measures",
        default_group_by=("coordinator",),
    ),
    Indicator(
        id="transfers",
        name="Transfers between coordinators",
        description=(
            "Transfer referrals sent between `from` and `to` (by the Helsinki date sent), by "
            "`direction` (`<from role>-><to role>`): how many were sent and accepted, and "
            "the median number of working days from sending to acceptance. `coordinator` "
            "and `coordinator_role` are the sender's."
        ),
        definition_version="1",
        unit="referrals",
        dimensions=("direction", "coordinator", "coordinator_role", "month"),
        measures=("sent", "accepted", "median_working_days_to_accept"),
        kind="measures",
        default_group_by=("direction",),
    ),
    Indicator(
        id="lead_response",
        name="Rekrypiste lead response",
        description=(
            "Recruitment leads received between `from` and `to` (by the Helsinki date of "
            "`received_at`): how many, the number and % first contacted on or before "
            "`contact_due` (3 working days), the number and % with the 3-week follow-up "
            "done, and the closed ones by reason. Cells describe companies, not persons, "
            "so nothing is suppressed."
        ),
        definition_version="1",
        unit="leads",
        dimensions=("coordinator", "month", "municipality", "industry", "source"),
        measures=(
            "received",
            "contacted_by_due",
            "contacted_by_due_percent",
            "followed_up",
            "followed_up_percent",
            "closed_hired",
            "closed_hired_elsewhere",
            "closed_no_hire",
            "closed_withdrawn",
        ),
        kind="measures",
        about_persons=False,
    ),
    Indicator(
        id="employers",
        name="Employers contacted and partner employers",
        description=(
            "By TOL 2008 section: `contacted` = distinct employers with at least one "
            "recorded activity between `from` and `to` (by its Helsinki date); `partners` = "
            "employers whose status was `partner` on the count day (`to`, or with "
            "`group_by=month` the last working day of each month not after `to`). A "
            "coordinator sees the employers they have worked with."
        ),
        definition_version="1",
        unit="employers",
        dimensions=("industry", "municipality", "month"),
        measures=("contacted", "partners"),
        kind="measures",
        about_persons=False,
        default_group_by=("industry",),
    ),
    Indicator(
        id="satisfaction",
        name="Client satisfaction",
        description=(
            "Client feedback given between `from` and `to`: the number of answers and the "
            "mean grade on the Finnish school scale 4-10 (one decimal). `coordinator` is "
            "the one the feedback is about; the other dimensions come from the enrolment."
        ),
        definition_version="1",
        unit="grade",
        dimensions=PERSON_DIMENSIONS,
        measures=("answers", "mean_grade"),
        kind="measures",
    ),
    Indicator(
        id="plan_currency",
        name="Service plans up to date",
        description=(
            "Of the enrolments active on the count day (`to`, or with `group_by=month` the "
            "last working day of each month not after `to`), the percentage whose service "
            "plan was reviewed within the last 90 days (on the count day or the 89 days "
            "before it). `coordinator` is the one responsible on the count day."
        ),
        definition_version="1",
        unit="percent",
        dimensions=PERSON_DIMENSIONS,
        measures=RATE_COLUMNS,
        kind="rate",
    ),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}

ROLE_TARGETS: dict[str, int] = {"work_ability_coordinator": 25, "business_coordinator": 20}


def columns(indicator: Indicator, group_by: tuple[str, ...]) -> tuple[str, ...]:
    """The row columns, the same in JSON and CSV, also when there are no rows."""
    return (*group_by, *indicator.measures, "suppressed")
