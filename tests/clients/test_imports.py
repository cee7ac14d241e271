"""Acceptance 4: the history import (CONTRACTS §4) from a Finnish-Excel CSV."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from openpyxl import Workbook

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


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(rows: Iterable[Sequence[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx(sheet_bytes: int) -> bytes:
    """A small, otherwise valid XLSX whose sheet XML unpacks to `sheet_bytes`: one header
    and the same row over and over, which deflate squeezes about 250-fold."""
    template = zipfile.ZipFile(io.BytesIO(xlsx([HEADER.split(";")])))
    sheet_name = next(n for n in template.namelist() if n.startswith("xl/worksheets/sheet"))
    head, tail = template.read(sheet_name).split(b"</sheetData>")
    head = head.replace(b"<sheetData/>", b"<sheetData>")
    row = (
        b'<row><c t="inlineStr"><is><t>X-1</t></is></c><c t="inlineStr"><is><t>V</t></is></c></row>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for name in template.namelist():
            if name != sheet_name:
                bomb.writestr(name, template.read(name))
        with bomb.open(sheet_name, "w", force_zip64=True) as sheet:
            sheet.write(head)
            block, written = row * 10_000, 0
            while written < sheet_bytes:
                sheet.write(block)
                written += len(block)
            sheet.write(b"</sheetData>" + tail)
    return buffer.getvalue()


async def _post(api: ServiceApi, content: bytes, name: str = "vienti.csv", **form: str) -> Any:
    kind = XLSX_TYPE if name.endswith(".xlsx") else "text/csv"
    return await api.client.post(
        IMPORTS, files={"file": (name, content, kind)}, data=form, headers=as_(api, "lead")
    )


async def _start(api: ServiceApi, content: bytes, name: str = "vienti.csv", **form: str) -> str:
    response = await _post(api, content, name, **form)
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

    events_before = await events(api)
    again_id = await _start(api, content)
    again, _ = await _follow(api, again_id)
    assert again["status"] == "done"
    assert (again["created"], again["updated"], again["errors"]) == (0, 0, [])
    # Nothing about a client changed; only the import's own end is told.
    told = (await events(api))[len(events_before) :]
    assert [(e["type"], e["data"]["import_id"], e["data"]["created"]) for e in told] == [
        ("import.finished", again_id, 0)
    ]

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


async def test_an_xlsx_history_imports_like_a_csv(api: ServiceApi) -> None:
    table = [line.split(";") for line in history_csv(3).decode("utf-8-sig").splitlines()]
    body, _ = await _follow(api, await _start(api, xlsx(table), "vienti.xlsx"))
    assert (body["status"], body["errors"], body["created"]) == ("done", [], 3), body
    assert body["total_rows"] == body["processed_rows"] == 3


@pytest.fixture
def limits(api: ServiceApi, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The service's settings, to lower a cap for one test."""
    settings = api.app.state.settings

    def lower(**caps: int) -> None:
        for name, value in caps.items():
            monkeypatch.setattr(settings, name, value)

    return lower


def _code(response: Any) -> str:
    body = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["errors"][0]["loc"] == ["body", "file"]
    assert body["errors"][0]["code"] == body["code"]
    return str(body["code"])


async def test_a_csv_over_the_row_cap_is_refused_at_once(api: ServiceApi, limits: Any) -> None:
    """Finding 11: a file over the cap was accepted whatever its size."""
    limits(import_max_rows=100)
    response = await _post(api, history_csv(101))
    assert response.status_code == 422, response.text
    assert _code(response) == "import_too_many_rows"
    assert "100 rows" in response.json()["detail"]
    assert (await _post(api, history_csv(100), dry_run="true")).status_code == 202


async def test_blank_lines_are_not_rows(api: ServiceApi, limits: Any) -> None:
    limits(import_max_rows=20)
    content = history_csv(20) + b"\r\n" * 5_000
    body, _ = await _follow(api, await _start(api, content, dry_run="true"))
    assert (body["status"], body["total_rows"], body["created"]) == ("done", 20, 20)


async def test_a_zip_bomb_is_refused_before_its_sheet_is_parsed(
    api: ServiceApi, limits: Any
) -> None:
    """Finding 11: 0.4 MB of XLSX holding 125 MB of sheet XML blocked the service."""
    limits(import_max_unpacked_bytes=2 * 1024 * 1024)
    bomb = zip_bomb_xlsx(20 * 1024 * 1024)
    assert len(bomb) < 200_000
    began = time.perf_counter()
    response = await _post(api, bomb, "vienti.xlsx")
    assert response.status_code == 422, response.text
    assert _code(response) == "import_file_unpacks_too_large"
    # Refused from the sizes the archive declares, before unpacking: the time is a bench figure.
    print(f"zip bomb refused in {time.perf_counter() - began:.2f} s")


def _understate_sizes(content: bytes, name: str) -> bytes:
    """The same archive with the sheet's declared unpacked size rewritten to 1 KB."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    data = bytearray(content)
    encoded = name.encode()
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = data.find(signature + b"", 0)
        while start != -1:
            name_at = 46 if signature == b"PK\x01\x02" else 30
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                data[start + size_at : start + size_at + 4] = (1024).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    assert info.file_size > 1024
    return bytes(data)


async def test_a_zip_that_understates_its_sizes_is_refused(api: ServiceApi) -> None:
    content = xlsx([HEADER.split(";"), *[[f"R-{n}", "V", "M"] for n in range(2_000)]])
    sheet = next(n for n in zipfile.ZipFile(io.BytesIO(content)).namelist() if "sheet" in n)
    response = await _post(api, _understate_sizes(content, sheet), "vienti.xlsx")
    assert response.status_code == 422, response.text
    assert _code(response) == "import_file_unreadable"


async def test_an_xlsx_over_the_row_cap_fails_with_the_reason(api: ServiceApi, limits: Any) -> None:
    limits(import_max_rows=50)
    rows = [HEADER.split(";"), *[[f"R-{n}", "Virtanen", "Matti"] for n in range(51)]]
    body, _ = await _follow(api, await _start(api, xlsx(rows), "vienti.xlsx"))
    assert body["status"] == "failed"
    assert body["failure"] == (
        "The file has more than 50 rows; import at most 50 rows at a time (split the file)."
    )
    assert body["created"] == 0


async def test_an_upload_over_the_size_limit_is_refused(api: ServiceApi, limits: Any) -> None:
    limits(import_max_bytes=100_000)
    response = await _post(api, history_csv(2_000))
    assert response.status_code == 413, response.text
    assert _code(response) == "import_file_too_large"
    streamed = await api.client.post(
        IMPORTS,
        content=_chunks(
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
            + b"x" * 300_000
            + b"\r\n--b--\r\n"
        ),
        headers={**as_(api, "lead"), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert streamed.status_code == 413, "a body without a declared length is counted"


async def _chunks(data: bytes) -> Any:
    for start in range(0, len(data), 16_384):
        yield data[start : start + 16_384]


async def test_the_service_keeps_answering_while_an_xlsx_is_read(api: ServiceApi) -> None:
    """Finding 11: the sheet is parsed and the rows checked off the event loop, so other
    requests are answered while it runs. How long the longest gap is, is a figure of
    `make bench` (a timed assertion here would fail on a loaded machine, not on a bug)."""
    table = [line.split(";") for line in history_csv(4_000).decode("utf-8-sig").splitlines()]
    content = xlsx(table)
    answered = 0
    done = asyncio.Event()

    async def probe() -> None:
        nonlocal answered
        while not done.is_set():
            await asyncio.sleep(0.02)
            assert (await api.client.get("/healthz")).status_code == 200
            answered += 1

    prober = asyncio.create_task(probe())
    body, _ = await _follow(api, await _start(api, content, "vienti.xlsx", dry_run="true"))
    done.set()
    await prober
    assert (body["status"], body["created"]) == ("done", 4_000)
    # A loop blocked for the whole parse would answer nothing until the import had finished.
    assert answered >= 2


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
    # The app says each by its rule's code, with the values the text needs.
    assert sorted((e["row"], e["code"], e.get("params")) for e in body["errors"]) == [
        (3, "invalid_username", None),
        (4, "forbidden_character", {"character": "U+202E", "position": 2}),
        (5, "invalid_username", None),
    ]
    listed = (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"]
    assert sorted(c["last_name"] for c in listed) == ["M\u00e4kinen", "Virtanen"]
