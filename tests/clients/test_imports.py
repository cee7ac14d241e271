"""Acceptance 4: the history import (CONTRACTS §4) from a Finnish-Excel CSV."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

from tests.clients.support import CLIENTS, as_, events
from tests.conftest import ServiceApi

IMPORTS = f"{CLIENTS}/imports"
HEADER = (
    "external_ref;last_name;first_name;personal_identity_code;birth_year;gender;municipality;"
    "language;registered_on;service_line;coordinator;referred_by;first_contact_on;"
    "first_meeting_on;ended_on;outcome"
)


def finnish(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def history_csv(rows: int) -> bytes:
    lines = [HEADER]
    start = dt.date(2024, 1, 2)
    for n in range(rows):
        registered = start + dt.timedelta(days=n % 500)
        line, coordinator = ("work_ability", "wac1") if n % 2 else ("business", "bc1")
        ended = n % 3 == 0
        lines.append(
            ";".join(
                [
                    f"ACC-{n:05d}",
                    f"Sukunimi{n}",
                    "Testi",
                    "",
                    str(1960 + n % 40),
                    "female" if n % 2 else "male",
                    "Lahti" if n % 4 else "Hollola",
                    "fi",
                    finnish(registered),
                    line,
                    coordinator,
                    "coach",
                    finnish(registered + dt.timedelta(days=2)),
                    finnish(registered + dt.timedelta(days=7)),
                    finnish(registered + dt.timedelta(days=60)) if ended else "",
                    "employed" if ended else "",
                ]
            )
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


async def _start(api: ServiceApi, content: bytes, **form: str) -> str:
    response = await api.client.post(
        IMPORTS,
        files={"file": ("vienti.csv", content, "text/csv")},
        data=form,
        headers=as_(api, "lead"),
    )
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    return str(response.json()["id"])


async def _follow(api: ServiceApi, import_id: str) -> tuple[dict[str, Any], list[int]]:
    seen: list[int] = []
    for _ in range(3000):
        body = (await api.client.get(f"{IMPORTS}/{import_id}", headers=as_(api, "lead"))).json()
        seen.append(body["processed_rows"])
        if body["status"] in ("done", "failed"):
            return body, seen
        await asyncio.sleep(0.05)
    raise AssertionError("the import did not finish")


async def test_ten_thousand_rows_import_with_progress_and_reimport_changes_nothing(
    api: ServiceApi,
) -> None:
    content = history_csv(10_000)
    began = time.perf_counter()
    import_id = await _start(api, content)
    body, seen = await _follow(api, import_id)
    elapsed = time.perf_counter() - began
    print(f"10,000-row import took {elapsed:.1f} s")
    assert body["status"] == "done", body
    assert body["errors"] == []
    assert (body["total_rows"], body["processed_rows"], body["created"]) == (10_000, 10_000, 10_000)
    assert any(0 < n < 10_000 for n in seen), seen[:20]

    events_before = len(await events(api))
    again, _ = await _follow(api, await _start(api, content))
    assert again["status"] == "done"
    assert (again["created"], again["updated"], again["errors"]) == (0, 0, [])
    assert len(await events(api)) == events_before

    found = await api.client.get(CLIENTS, params={"q": "sukunimi4242"}, headers=as_(api, "lead"))
    assert [c["last_name"] for c in found.json()["items"]] == ["Sukunimi4242"]
    caseload = (await api.client.get(f"{CLIENTS}/caseload", headers=as_(api, "lead"))).json()
    assert {r["username"] for r in caseload["items"]} == {"wac1", "bc1"}


async def test_bad_rows_are_reported_by_row_and_column_while_good_rows_land(
    api: ServiceApi,
) -> None:
    rows = [
        "external_ref,last_name,first_name,personal_identity_code,birth_year,registered_on,service_line,coordinator,first_meeting_on,ended_on,outcome",
        "A-1,Virtanen,Matti,131052-308T,,2025-03-03,work_ability,wac1,2025-03-10,2025-06-01,employed",
        "A-2,Korhonen,Liisa,131052-308U,,2025-03-03,work_ability,wac1,,,",
        "A-3,Nieminen,Pekka,,,30.2.2025,business,bc1,,,",
        "A-4,Mäkinen,Anna,,,2025-03-03,business,wac1,,,",
        "A-5,Hämäläinen,Juha,,,2025-03-03,business,bc1,,2025-04-01,employed",
        "A-6,Laine,Sari,,1980,2025-03-03,business,bc1,,2025-04-01,not_reached",
    ]
    import_id = await _start(api, "\n".join(rows).encode())
    body, _ = await _follow(api, import_id)
    assert body["status"] == "done"
    problems = {(e["row"], e["column"]) for e in body["errors"]}
    assert problems == {
        (3, "personal_identity_code"),
        (4, "registered_on"),
        (5, "coordinator"),
        (6, "outcome"),
    }
    assert body["created"] == 2
    listed = (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"]
    assert sorted(c["last_name"] for c in listed) == ["Laine", "Virtanen"]
    ended = [e["data"] for e in await events(api) if e["type"] == "enrolment.ended"]
    assert sorted((e["outcome"], e["ended_on"]) for e in ended) == [
        ("employed", "2025-06-01"),
        ("not_reached", "2025-04-01"),
    ]


async def test_a_dry_run_writes_nothing(api: ServiceApi) -> None:
    import_id = await _start(api, history_csv(20), dry_run="true")
    body, _ = await _follow(api, import_id)
    assert (body["status"], body["created"]) == ("done", 20)
    assert (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"] == []


async def test_only_team_leads_and_admins_import(api: ServiceApi) -> None:
    response = await api.client.post(
        IMPORTS, files={"file": ("a.csv", history_csv(1), "text/csv")}, headers=as_(api, "wac1")
    )
    assert response.status_code == 403


async def test_cells_that_break_the_text_rules_are_reported_once_and_their_rows_skipped(
    api: ServiceApi,
) -> None:
    rows = [
        "external_ref,last_name,first_name,registered_on,service_line,coordinator,referred_by",
        "T-1,Virtanen,Matti,2025-03-03,work_ability,wac1,coach",
        "T-2,Korhonen,Liisa,2025-03-03,work_ability,nobody/../wac2,",
        "T-3,Nieminen,Pe\u202ekka,2025-03-03,work_ability,wac1,",
        "T-4,Laine,Sari,2025-03-03,work_ability,wac1,a/b",
        "T-5,Ma\u0308kinen,Anna,,,,",
    ]
    body, _ = await _follow(api, await _start(api, "\n".join(rows).encode()))
    assert body["status"] == "done", body
    assert sorted((e["row"], e["column"]) for e in body["errors"]) == [
        (3, "coordinator"),
        (4, "first_name"),
        (5, "referred_by"),
    ]
    assert "U+202E" in next(e["message"] for e in body["errors"] if e["row"] == 4)
    listed = (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"]
    assert sorted(c["last_name"] for c in listed) == ["M\u00e4kinen", "Virtanen"]
