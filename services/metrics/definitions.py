"""The indicators of CONTRACTS §3: what each one means, its unit, dimensions and columns.

The `description` is the definition the city publishes; a change of meaning bumps the
`definition_version` (the outcome catalogue has its own version, as data). `name_fi` and
`description_fi` say the same in Finnish: a translation of the same versioned definition, so
a change to either language's wording that changes the meaning bumps the version too.
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
    name_fi: str
    description_fi: str
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
        name_fi="Aktivointiaste (projektin määritelmä)",
        description_fi=(
            "Niistä asiakkuuksista, jotka päättyivät päivien `from` ja `to` välillä "
            "(Helsingin ajan päivämäärän `ended_on` mukaan) lopetuslomakkeen "
            "jatkopolulla eli jatkopolulla, jonka `ended_on`-päivänä voimassa ollut "
            "jatkopolkuluettelo merkitsee `exit_form`, se prosenttiosuus, jonka "
            "jatkopolku lasketaan aktivoitumiseksi (`counts_as_activation`: työ, "
            "koulutus tai muu palvelu, joka pienentää kunnan osuutta "
            "työmarkkinatuesta). `coordinator` ja `coordinator_role` ovat asiakkuuden "
            "päättyessä vastuussa olleen koordinaattorin, joten kesken asiakkuuden "
            "siirretty asiakas lasketaan vastaanottaneelle roolille. numerator = "
            "aktivoituneet, denominator = lopetuslomakkeen jatkopolulla päättyneet, "
            "value = % (yksi desimaali)."
        ),
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
        name_fi="Aktivointiaste (TEM:n tilaston määritelmä)",
        description_fi=(
            "Työnvälitystilaston määritelmä Polun omiin asiakkaisiin sovellettuna "
            "laskentapäivänä: aktiivipalveluissa olevat asiakkaat / (työttömät "
            "asiakkaat + aktiivipalveluissa olevat asiakkaat) * 100 asiakkaiden "
            "työmarkkinatilanteen jaksoista (jakso kattaa päivät "
            "`starts_on`..`ends_on` molemmat mukaan lukien; avoin, kun `ends_on` on "
            "tyhjä). Laskentapäivä on `to`, tai `group_by=month`-ryhmittelyssä kunkin "
            "kuukauden viimeinen arkipäivä (ei `to`-päivän jälkeen). Asiakas, joka on "
            "samana päivänä sekä työtön että aktiivipalvelussa, lasketaan kerran, "
            "aktiivisena. `age_group` on laskentapäivän vuonna saavutettu ikä; "
            "`municipality` asiakkaan nykyinen kunta."
        ),
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
        name_fi="Päättyneiden asiakkuuksien jatkopolut",
        description_fi=(
            "Niiden asiakkuuksien määrä, jotka päättyivät päivien `from` ja `to` "
            "välillä (`ended_on`-päivän mukaan), jatkopolun koodin mukaan "
            "(jatkopolkuluettelon kaikki 11 koodia, myös `cancelled` ja "
            "`not_reached`). Korjattu jatkopolku korvaa aiemman."
        ),
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
        name_fi="Asiakkuuksien eteneminen",
        description_fi=(
            "Asiakkuuksista, jotka rekisteröitiin päivien `from` ja `to` välillä "
            "(`registered_on`-päivän mukaan): montako rekisteröitiin, montaa on "
            "tavoitettu (ensimmäinen yhteydenotto, jossa asiakas tavoitettiin), "
            "monellako on pidetty ensitapaaminen, montako on päättynyt ja "
            "päättyneistä montako peruttiin (`cancelled`) ennen ensitapaamista tai "
            "jäi tavoittamatta (`not_reached`)."
        ),
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
        name_fi="Ensimmäinen yhteydenotto määräajassa",
        description_fi=(
            "Niistä päivien `from` ja `to` välillä (`registered_on`-päivän mukaan) "
            "rekisteröidyistä asiakkuuksista, joiden yhteydenoton määräpäivä "
            "`contact_due` on mennyt tai joihin on otettu yhteys, se prosenttiosuus, "
            "johon otettiin ensimmäinen yhteys viimeistään `contact_due`-päivänä (1-5 "
            "arkipäivää rekisteröinnistä). Asiakkuus, johon ei ole otettu yhteyttä, "
            "lasketaan myöhästyneeksi, kun sen määräpäivä on mennyt. "
            "`median_working_days` on suomalaisten arkipäivien määrän mediaani "
            "rekisteröinnistä ensimmäiseen yhteydenottoon, jossa asiakas "
            "tavoitettiin, tavoitettujen kesken."
        ),
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
        name_fi="Asiakasmäärä koordinaattoria kohden",
        description_fi=(
            "Aktiiviset asiakkuudet vastuukoordinaattoria kohden laskentapäivänä "
            "(`to`, tai `group_by=month`-ryhmittelyssä kunkin kuukauden viimeinen "
            "arkipäivä, ei `to`-päivän jälkeen): rekisteröity viimeistään tuona "
            "päivänä eikä päättynyt siihen mennessä. Asiakkuus, jota kaksi "
            "koordinaattoria palvelee yhtä aikaa, lasketaan kummallekin. `target` on "
            "rivin koordinaattorien roolien tavoitteiden summa "
            "(työkykykoordinaattorilla 25, yrityskoordinaattorilla 20); "
            "`load_percent` = active_enrolments / target * 100."
        ),
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
        name_fi="Siirrot koordinaattorien välillä",
        description_fi=(
            "Siirtolähetteet, jotka lähetettiin päivien `from` ja `to` välillä "
            "(lähetyspäivän Helsingin ajan päivämäärän mukaan), suunnan `direction` "
            "(lähettäjän ja vastaanottajan rooli muodossa `<from role>-><to role>`) "
            "mukaan: montako lähetettiin ja hyväksyttiin sekä arkipäivien määrän mediaani "
            "lähettämisestä hyväksymiseen. `coordinator` ja `coordinator_role` ovat "
            "lähettäjän."
        ),
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
        name_fi="Rekrypisteen liidien käsittely",
        description_fi=(
            "Rekrytointiliidit, jotka vastaanotettiin päivien `from` ja `to` välillä "
            "(`received_at`-hetken Helsingin ajan päivämäärän mukaan): montako, "
            "montako ja kuinka suuri osuus (%) sai ensimmäisen yhteydenoton "
            "viimeistään `contact_due`-päivänä (3 arkipäivää), montako ja kuinka "
            "suuri osuus (%) sai kolmen viikon seurannan, sekä suljetut sulkemisen "
            "syyn mukaan. Solut kuvaavat yrityksiä eivätkä henkilöitä, joten mitään "
            "ei piiloteta."
        ),
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
        name_fi="Työnantajakontaktit ja yhteistyöyritykset",
        description_fi=(
            "TOL 2008 -toimialan pääluokan mukaan: `contacted` = eri työnantajat, "
            "joista on kirjattu vähintään yksi toimenpide päivien `from` ja `to` "
            "välillä (sen Helsingin ajan päivämäärän mukaan); `partners` = "
            "työnantajat, joiden tila oli laskentapäivänä `partner` (`to`, tai "
            "`group_by=month`-ryhmittelyssä kunkin kuukauden viimeinen arkipäivä, ei "
            "`to`-päivän jälkeen). Koordinaattori näkee ne työnantajat, joiden kanssa "
            "hän on toiminut."
        ),
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
        name_fi="Asiakastyytyväisyys",
        description_fi=(
            "Asiakaspalaute, joka annettiin päivien `from` ja `to` välillä: "
            "vastausten määrä ja arvosanojen keskiarvo kouluarvosana-asteikolla 4-10 "
            "(yksi desimaali). `coordinator` on se koordinaattori, jota palaute "
            "koskee; muut ulottuvuudet tulevat asiakkuudesta."
        ),
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
        name_fi="Ajantasaiset asiakassuunnitelmat",
        description_fi=(
            "Laskentapäivänä (`to`, tai `group_by=month`-ryhmittelyssä kunkin "
            "kuukauden viimeinen arkipäivä, ei `to`-päivän jälkeen) aktiivisista "
            "asiakkuuksista se prosenttiosuus, jonka asiakassuunnitelma on käyty läpi "
            "viimeisten 90 päivän aikana (laskentapäivänä tai sitä edeltävinä 89 "
            "päivänä). `coordinator` on laskentapäivänä vastuussa oleva "
            "koordinaattori."
        ),
    ),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}

ROLE_TARGETS: dict[str, int] = {"work_ability_coordinator": 25, "business_coordinator": 20}


def columns(indicator: Indicator, group_by: tuple[str, ...]) -> tuple[str, ...]:
    """The row columns, the same in JSON and CSV, also when there are no rows."""
    return (*group_by, *indicator.measures, "suppressed")
