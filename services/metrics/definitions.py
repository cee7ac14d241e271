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
# The client's own dimensions, offered by the indicators that select enrolments by a date.
CLIENT_DIMENSIONS = ("gender", "language", "target_group")
ENROLMENT_DIMENSIONS = (*PERSON_DIMENSIONS, *CLIENT_DIMENSIONS)
RATE_COLUMNS = ("numerator", "denominator", "value")

SUBTRACTION_NOTE = (
    " For machine clients, where a grouping's rows add up to a figure they can also ask for "
    "(the total, or a row of a coarser grouping), a lone suppressed row takes the smallest "
    "other row with it, so that no subtraction gives it away."
)
SUBTRACTION_NOTE_FI = (
    " Koneasiakkaille, kun ryhmittelyn rivit summautuvat lukuun, jonka ne voivat myös kysyä "
    "(kokonaismäärä tai karkeamman ryhmittelyn rivi), yksinään piilotettu rivi vie "
    "mukanaan pienimmän muun rivin, jottei vähennyslasku paljasta sitä."
)

# What every definition with the client dimensions says about them (the day looked at is `to`).
CLIENT_DIMENSIONS_NOTE = (
    " `gender` and `language` are the client's current ones; for machine clients a "
    "language with fewer clients in the answer than the small-cell threshold is shown as "
    "`other`. With `target_group` a client counts in every group that applies, so those "
    "rows do not add up to the total: `under_25` and `under_30` by the age reached in the "
    "year of `to` (the year of `to` minus the birth year; a recorded `under_30` counts when "
    "the birth year is unknown); `long_term_unemployed` when on `to` the client has been "
    "unemployed without a break for at least 12 months, or is in an active service that "
    "began after such 12 months, or a coordinator recorded the group; `foreign_language` "
    "(Polku's stand-in for foreigners) for a language other than Finnish or Swedish, or "
    "when recorded; `partial_work_ability` when recorded. By `gender` or `language`, for "
    "machine clients a lone suppressed row takes the smallest other row with it, so that no "
    "subtraction from a figure they can also ask for gives it away."
)
CLIENT_DIMENSIONS_NOTE_FI = (
    " `gender` ja `language` ovat asiakkaan nykyiset; koneasiakkaille kieli, jota puhuu "
    "vastauksessa vähemmän asiakkaita kuin pienten solujen raja, näytetään arvona "
    "`other`. `target_group`-ryhmittelyssä asiakas lasketaan jokaiseen ryhmään, johon hän "
    "kuuluu, joten ryhmien rivit eivät summaudu kokonaismäärään: `under_25` ja `under_30` "
    "`to`-päivän vuonna saavutetun iän mukaan (`to`-päivän vuosi miinus syntymävuosi; "
    "kirjattu `under_30` lasketaan, kun syntymävuosi ei ole tiedossa); "
    "`long_term_unemployed`, kun asiakas on `to`-päivänä ollut työttömänä yhtäjaksoisesti "
    "vähintään 12 kuukautta tai on aktiivipalvelussa, joka alkoi tällaisen 12 kuukauden "
    "jälkeen, tai koordinaattori on kirjannut ryhmän; `foreign_language` (Polun korvike "
    "ulkomaalaisille), kun kieli on muu kuin suomi tai ruotsi tai ryhmä on kirjattu; "
    "`partial_work_ability`, kun ryhmä on kirjattu. `gender`- tai `language`-ryhmittelyssä "
    "koneasiakkaille yksinään piilotettu rivi vie mukanaan pienimmän muun rivin, jottei "
    "vähennyslasku luvusta, jonka ne voivat myös kysyä, paljasta sitä."
)


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
    # The dimensions of the contract's first version, whose answers stay as they were given
    # (only small cells suppressed); None for an indicator added since.
    first_dimensions: tuple[str, ...] | None = None


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
        )
        + CLIENT_DIMENSIONS_NOTE,
        definition_version="1",
        unit="percent",
        dimensions=ENROLMENT_DIMENSIONS,
        first_dimensions=PERSON_DIMENSIONS,
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
        )
        + CLIENT_DIMENSIONS_NOTE_FI,
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
        first_dimensions=("month", "municipality", "age_group"),
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
        )
        + CLIENT_DIMENSIONS_NOTE,
        definition_version="1",
        unit="enrolments",
        dimensions=(*ENROLMENT_DIMENSIONS, "outcome"),
        first_dimensions=(*PERSON_DIMENSIONS, "outcome"),
        measures=("value",),
        kind="count",
        name_fi="Päättyneiden asiakkuuksien jatkopolut",
        description_fi=(
            "Niiden asiakkuuksien määrä, jotka päättyivät päivien `from` ja `to` "
            "välillä (`ended_on`-päivän mukaan), jatkopolun koodin mukaan "
            "(jatkopolkuluettelon kaikki 11 koodia, myös `cancelled` ja "
            "`not_reached`). Korjattu jatkopolku korvaa aiemman."
        )
        + CLIENT_DIMENSIONS_NOTE_FI,
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
        )
        + CLIENT_DIMENSIONS_NOTE,
        definition_version="1",
        unit="enrolments",
        dimensions=ENROLMENT_DIMENSIONS,
        first_dimensions=PERSON_DIMENSIONS,
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
        )
        + CLIENT_DIMENSIONS_NOTE_FI,
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
        )
        + CLIENT_DIMENSIONS_NOTE,
        definition_version="1",
        unit="percent",
        dimensions=ENROLMENT_DIMENSIONS,
        first_dimensions=PERSON_DIMENSIONS,
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
        )
        + CLIENT_DIMENSIONS_NOTE_FI,
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
        first_dimensions=PERSON_DIMENSIONS,
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
        first_dimensions=("direction", "coordinator", "coordinator_role", "month"),
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
        first_dimensions=("coordinator", "month", "municipality", "industry", "source"),
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
        first_dimensions=("industry", "municipality", "month"),
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
        )
        + CLIENT_DIMENSIONS_NOTE,
        definition_version="1",
        unit="grade",
        dimensions=ENROLMENT_DIMENSIONS,
        first_dimensions=PERSON_DIMENSIONS,
        measures=("answers", "mean_grade"),
        kind="measures",
        name_fi="Asiakastyytyväisyys",
        description_fi=(
            "Asiakaspalaute, joka annettiin päivien `from` ja `to` välillä: "
            "vastausten määrä ja arvosanojen keskiarvo kouluarvosana-asteikolla 4-10 "
            "(yksi desimaali). `coordinator` on se koordinaattori, jota palaute "
            "koskee; muut ulottuvuudet tulevat asiakkuudesta."
        )
        + CLIENT_DIMENSIONS_NOTE_FI,
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
        first_dimensions=PERSON_DIMENSIONS,
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
    Indicator(
        id="enrolment_duration",
        name="Duration of enrolments",
        description=(
            "Every enrolment that ended between `from` and `to` (by `ended_on`), whatever "
            "its outcome: `count`, and from `registered_on` to `ended_on` the `median_days` "
            "and `mean_days` (calendar days, one decimal) and the `median_working_days` "
            "(Finnish working days). This is the monitoring plan's average duration of job "
            "search as far as Polku can see it: the time in Polku's service, not the whole "
            "job search registered at the employment office. `coordinator` and "
            "`coordinator_role` are those responsible at the end."
        )
        + CLIENT_DIMENSIONS_NOTE
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="days",
        dimensions=ENROLMENT_DIMENSIONS,
        measures=("count", "median_days", "mean_days", "median_working_days"),
        kind="measures",
        name_fi="Asiakkuuksien kesto",
        description_fi=(
            "Jokainen asiakkuus, joka päättyi päivien `from` ja `to` välillä "
            "(`ended_on`-päivän mukaan) jatkopolusta riippumatta: `count` sekä "
            "`registered_on`-päivästä `ended_on`-päivään `median_days` ja `mean_days` "
            "(kalenteripäivinä, yksi desimaali) ja `median_working_days` (suomalaisina "
            "arkipäivinä). Tämä on seurantasuunnitelman työnhaun keskimääräinen kesto siltä "
            "osin kuin Polku sen näkee: aika Polun palvelussa, ei koko työvoimatoimistoon "
            "rekisteröityä työnhakua. `coordinator` ja `coordinator_role` ovat päättyessä "
            "vastuussa olleet."
        )
        + CLIENT_DIMENSIONS_NOTE_FI
        + SUBTRACTION_NOTE_FI,
    ),
    Indicator(
        id="long_term_unemployment",
        name="Share of the long-term unemployed",
        description=(
            "On the count day (`to`, or with `group_by=month` the last working day of each "
            "month not after `to`): clients whose current unemployment has lasted at least "
            "12 months without a break / unemployed clients * 100, from the labour-market "
            "status episodes. A client is unemployed on a day with an `unemployed` episode "
            "and no `active_service` one; consecutive unemployed episodes make one spell, "
            "and an active service ends it. This is the share of the long-term unemployed, "
            "not the monitoring plan's risk figure, which needs data Polku does not hold. "
            "`age_group` is the age reached in the count day's year; `municipality`, "
            "`gender` and `language` the client's current ones (for machine clients a "
            "language with fewer clients in the answer than the small-cell threshold is "
            "shown as `other`)."
        )
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="percent",
        dimensions=("month", "municipality", "age_group", "gender", "language"),
        measures=RATE_COLUMNS,
        kind="rate",
        name_fi="Pitkäaikaistyöttömien osuus",
        description_fi=(
            "Laskentapäivänä (`to`, tai `group_by=month`-ryhmittelyssä kunkin kuukauden "
            "viimeinen arkipäivä, ei `to`-päivän jälkeen): asiakkaat, joiden nykyinen "
            "työttömyys on kestänyt yhtäjaksoisesti vähintään 12 kuukautta / työttömät "
            "asiakkaat * 100 työmarkkinatilanteen jaksoista. Asiakas on päivänä työtön, kun "
            "hänellä on `unemployed`-jakso eikä `active_service`-jaksoa; peräkkäiset "
            "työttömyysjaksot muodostavat yhden työttömyyden, ja aktiivipalvelu päättää "
            "sen. Tämä on pitkäaikaistyöttömien osuus, ei seurantasuunnitelman riskilukua, "
            "joka vaatisi tietoja, joita Polussa ei ole. `age_group` on laskentapäivän "
            "vuonna saavutettu ikä; `municipality`, `gender` ja `language` asiakkaan "
            "nykyiset (koneasiakkaille kieli, jota puhuu vastauksessa vähemmän asiakkaita "
            "kuin pienten solujen raja, näytetään arvona `other`)."
        )
        + SUBTRACTION_NOTE_FI,
    ),
    Indicator(
        id="plan_debt",
        name="Service plans overdue",
        description=(
            "On the count day (`to`, or with `group_by=month` the last working day of each "
            "month not after `to`): the active enrolments whose service plan was not "
            "reviewed within the last 90 days (`enrolments`: those `plan_currency` does not "
            "count as up to date), and `days_overdue`, the days summed over them since each "
            "plan was last up to date (the count day minus the 89th day after the last "
            "review; for a plan never reviewed, the days since `registered_on`, that day "
            "included). `coordinator` is the one responsible on the count day."
        )
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="enrolments",
        dimensions=PERSON_DIMENSIONS,
        measures=("enrolments", "days_overdue"),
        kind="measures",
        name_fi="Vanhentuneet asiakassuunnitelmat",
        description_fi=(
            "Laskentapäivänä (`to`, tai `group_by=month`-ryhmittelyssä kunkin kuukauden "
            "viimeinen arkipäivä, ei `to`-päivän jälkeen): aktiiviset asiakkuudet, joiden "
            "asiakassuunnitelmaa ei ole käyty läpi viimeisten 90 päivän aikana "
            "(`enrolments`: ne, joita `plan_currency` ei laske ajantasaisiksi), sekä "
            "`days_overdue`, niiden päivät yhteensä siitä, kun kukin suunnitelma oli "
            "viimeksi ajan tasalla (laskentapäivä miinus viimeistä läpikäyntiä seuraava "
            "89. päivä; suunnitelmalle, jota ei ole koskaan käyty läpi, päivät "
            "`registered_on`-päivästä, se mukaan lukien). `coordinator` on laskentapäivänä "
            "vastuussa oleva koordinaattori."
        )
        + SUBTRACTION_NOTE_FI,
        default_group_by=("coordinator",),
    ),
    Indicator(
        id="wellbeing_change",
        name="Change in clients' well-being",
        description=(
            "Clients with at least two work-ability self-assessments up to `to`, the latest "
            "of them between `from` and `to`: `clients`, `mean_change` (the mean of the "
            "latest overall score minus the first, on the 0-10 scale, one decimal) and "
            "`improved_percent` (the % whose latest score is above their first). Only the "
            "overall score leaves the clients service. `month` is the latest assessment's; "
            "`age_group` is the age reached in the year of `to`; `municipality`, `gender` and `language` the client's "
            "current ones. A coordinator sees the clients of the enrolments they are "
            "responsible for."
        )
        + CLIENT_DIMENSIONS_NOTE
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="score",
        dimensions=("month", "municipality", "age_group", *CLIENT_DIMENSIONS),
        measures=("clients", "mean_change", "improved_percent"),
        kind="measures",
        name_fi="Asiakkaiden hyvinvoinnin muutos",
        description_fi=(
            "Asiakkaat, joilla on vähintään kaksi työkyvyn itsearviota `to`-päivään "
            "mennessä ja joista viimeisin on päivien `from` ja `to` välillä: `clients`, "
            "`mean_change` (viimeisimmän ja ensimmäisen kokonaispistemäärän erotuksen "
            "keskiarvo asteikolla 0-10, yksi desimaali) ja `improved_percent` (se "
            "prosenttiosuus, jonka viimeisin pistemäärä on ensimmäistä suurempi). "
            "Asiakaspalvelusta lähtee vain kokonaispistemäärä. `month` on viimeisimmän "
            "arvion kuukausi; `age_group` on "
            "`to`-päivän vuonna saavutettu ikä; `municipality`, `gender` ja `language` "
            "asiakkaan nykyiset. Koordinaattori näkee niiden asiakkuuksien asiakkaat, "
            "joista hän vastaa."
        )
        + CLIENT_DIMENSIONS_NOTE_FI
        + SUBTRACTION_NOTE_FI,
    ),
    Indicator(
        id="job_referrals",
        name="Job referrals and hires",
        description=(
            "Job referrals (a client referred to an employer's opening) sent between `from` "
            "and `to` (by the Helsinki date sent): `referrals`; `presented`, those that "
            "reached the employer (a presentation or an interview was recorded, or the "
            "client was hired); distinct `clients` and `openings`. Of the referrals whose "
            "90-day window has closed (sent at least 90 days before `to`, or hired by `to`): "
            "`closed_windows`, `hired_within_90_days` (hired at most 90 calendar days after "
            "sending: day 90 counts, day 91 does not) and `hired_percent`. `coordinator` and "
            "`coordinator_role` are the sender's; a coordinator sees the referrals they sent."
        )
        + CLIENT_DIMENSIONS_NOTE
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="referrals",
        dimensions=("coordinator", "coordinator_role", "month", *CLIENT_DIMENSIONS),
        measures=(
            "referrals",
            "presented",
            "clients",
            "openings",
            "closed_windows",
            "hired_within_90_days",
            "hired_percent",
        ),
        kind="measures",
        name_fi="Työpaikkaohjaukset",
        description_fi=(
            "Työpaikkaohjaukset (asiakas ohjattu työnantajan avoimeen paikkaan), jotka "
            "lähetettiin päivien `from` ja `to` välillä (lähetyspäivän Helsingin ajan "
            "päivämäärän mukaan): `referrals`; `presented`, ne jotka etenivät "
            "työnantajalle (esittely tai haastattelu kirjattiin, tai asiakas palkattiin); "
            "eri asiakkaat `clients` ja eri paikat `openings`. Niistä ohjauksista, joiden "
            "90 päivän ikkuna on sulkeutunut (lähetetty vähintään 90 päivää ennen "
            "`to`-päivää tai palkattu viimeistään `to`-päivänä): `closed_windows`, "
            "`hired_within_90_days` (palkattu enintään 90 kalenteripäivää lähettämisen "
            "jälkeen: 90. päivä lasketaan, 91. ei) ja `hired_percent`. `coordinator` ja "
            "`coordinator_role` ovat lähettäjän; koordinaattori näkee lähettämänsä "
            "ohjaukset."
        )
        + CLIENT_DIMENSIONS_NOTE_FI
        + SUBTRACTION_NOTE_FI,
    ),
    Indicator(
        id="wage_subsidy_periods",
        name="Wage-subsidised periods by the employer's sector",
        description=(
            "Wage-subsidised periods (active-service periods of kind `wage_subsidy`) that "
            "started between `from` and `to`: `periods` and distinct `clients`, by the "
            "employer's `sector` on the day the period started (`public`, `private`, "
            "`third_sector`, `unknown`; a later change of sector does not move a period) "
            "and its `industry` (TOL 2008 section, the employer's current one). A period "
            "without an employer, or at an employer whose sector was not recorded, is "
            "`unknown`. `month` is the month the period started. A coordinator sees the "
            "periods of the enrolments they are responsible for."
        )
        + CLIENT_DIMENSIONS_NOTE
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="periods",
        dimensions=("sector", "industry", "month", *CLIENT_DIMENSIONS),
        measures=("periods", "clients"),
        kind="measures",
        name_fi="Palkkatukijaksot sektoreittain",
        description_fi=(
            "Palkkatuetut jaksot (aktiivipalvelujaksot, joiden laji on `wage_subsidy`), "
            "jotka alkoivat päivien `from` ja `to` välillä: `periods` ja eri asiakkaat "
            "`clients`, työnantajan sektorin `sector` mukaan jakson alkamispäivänä "
            "(`public`, `private`, `third_sector`, `unknown`; myöhempi sektorin muutos ei "
            "siirrä jaksoa) ja toimialan `industry` mukaan (TOL 2008 -pääluokka, "
            "työnantajan nykyinen). Jakso ilman työnantajaa tai työnantajalla, jonka "
            "sektoria ei ole kirjattu, on `unknown`. `month` on jakson alkamiskuukausi. "
            "Koordinaattori näkee niiden asiakkuuksien jaksot, joista hän vastaa."
        )
        + CLIENT_DIMENSIONS_NOTE_FI
        + SUBTRACTION_NOTE_FI,
        default_group_by=("sector",),
    ),
    Indicator(
        id="recruitment_events",
        name="Recruitment events",
        description=(
            "Recruitment events held between `from` and `to`: `events`, distinct "
            "participating `employers`, `attended` (per event the organiser's recorded "
            "head count of job seekers, or the clients marked attended if they are more) "
            "and `hires_within_90_days`: distinct hires of clients marked attended, dated "
            "from the event's day to 90 days after it, at any employer. `month` is the "
            "event's month. Events are the unit's: a coordinator sees them all."
        )
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="events",
        dimensions=("month", "kind"),
        measures=("events", "employers", "attended", "hires_within_90_days"),
        kind="measures",
        name_fi="Rekrytointitapahtumat",
        description_fi=(
            "Päivien `from` ja `to` välillä pidetyt rekrytointitapahtumat: `events`, eri "
            "osallistuneet työnantajat `employers`, `attended` (tapahtumittain järjestäjän "
            "kirjaama työnhakijoiden määrä tai osallistuneiksi merkityt asiakkaat, jos "
            "heitä on enemmän) ja `hires_within_90_days`: osallistuneiksi merkittyjen "
            "asiakkaiden eri palkkaukset tapahtumapäivästä 90 päivään sen jälkeen, mihin "
            "tahansa työnantajaan. `month` on tapahtuman kuukausi. Tapahtumat ovat "
            "yksikön: koordinaattori näkee ne kaikki."
        )
        + SUBTRACTION_NOTE_FI,
        default_group_by=("kind",),
    ),
    Indicator(
        id="reach",
        name="Reach against the goals",
        description=(
            "Distinct `clients` with an enrolment between `from` and `to` (registered by "
            "`to` and not ended before `from`) that reached them (not ended `not_reached` or "
            "`cancelled`), and distinct `partner_employers`, the employers whose status was "
            "`partner` on at least one of those days, each against the goal kept as data "
            "for the period (`clients_goal`, `employers_goal`: the goal whose span holds "
            "`to`, the latest to start if several; seeded with the KUNTO project's 450 "
            "clients and 108 companies) and as a % of it. The goals are the whole area's "
            "and the whole period's: rows by `municipality` (the enrolment's, the "
            "employer's) or by `month` carry none. By `month`, `clients` are those whose "
            "enrolment began in the month (newly reached) and `partner_employers` those that "
            "were partners on some day of the month. "
            "A coordinator sees their own clients and the employers they have worked with."
        )
        + SUBTRACTION_NOTE,
        definition_version="1",
        unit="clients",
        dimensions=("month", "municipality"),
        measures=(
            "clients",
            "clients_goal",
            "clients_percent",
            "partner_employers",
            "employers_goal",
            "employers_percent",
        ),
        kind="measures",
        name_fi="Tavoittavuus ja tavoitteet",
        description_fi=(
            "Eri asiakkaat `clients`, joilla oli asiakkuus päivien `from` ja `to` välillä "
            "(rekisteröity viimeistään `to`-päivänä eikä päättynyt ennen `from`-päivää) ja "
            "jotka se tavoitti (ei päättynyt `not_reached` tai `cancelled`), ja eri "
            "yhteistyöyritykset "
            "`partner_employers`, työnantajat joiden tila oli `partner` vähintään yhtenä "
            "niistä päivistä, kumpikin suhteessa jakson tavoitteeseen, joka pidetään "
            "tietona (`clients_goal`, `employers_goal`: tavoite, jonka voimassaoloon "
            "`to`-päivä kuuluu, useista viimeisimpänä alkanut; alkuarvona KUNTO-hankkeen "
            "450 asiakasta ja 108 yritystä) ja prosentteina siitä. Tavoitteet ovat koko "
            "alueen ja koko jakson: kunnittaisilla `municipality` (asiakkuuden, "
            "työnantajan kunta) ja kuukausittaisilla `month` riveillä ei ole tavoitetta. "
            "Kuukausittain `clients` ovat ne, joiden asiakkuus alkoi kuukauden aikana "
            "(uudet tavoitetut), ja `partner_employers` ne, jotka olivat yhteistyöyrityksiä "
            "jonakin kuukauden päivänä. Koordinaattori "
            "näkee omat asiakkaansa ja ne työnantajat, joiden kanssa hän on toiminut."
        )
        + SUBTRACTION_NOTE_FI,
    ),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}

ROLE_TARGETS: dict[str, int] = {"work_ability_coordinator": 25, "business_coordinator": 20}


def columns(indicator: Indicator, group_by: tuple[str, ...]) -> tuple[str, ...]:
    """The row columns, the same in JSON and CSV, also when there are no rows."""
    return (*group_by, *indicator.measures, "suppressed")
