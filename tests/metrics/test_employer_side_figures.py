"""The monitoring plan's employer-side figures (issue 16): job referrals, wage-subsidised
periods by sector, recruitment events and reach, from a small world built through the real
clients, employers and referrals APIs, with the services' clock moved to each day, and the
numbers worked out by hand.

Employers (each from a LADEC lead):
  EmpA  F  private from 15.1.2026, public from 1.6.; partner from 1.2.
  EmpB  Q  third_sector from 15.1.
  EmpC  G  (sector not recorded); partner 1.3.-1.4. (inactive from 1.4.)
Clients of bc1 (business), registered 2.2.2026: K1-K4 (K1 and K3 women, K2 and K4 men).
Of wac1 (work ability): W1 (a woman born 2000: under 30 in 2026), W2 (a man born 1980).
Openings: O1 at EmpA (2 positions), O2 at EmpB (2 positions).
Job referrals (sent by bc1):
  R1  K1 -> O1  sent 2.3., presented 10.3., hired 30.5. (day 89: counted)
  R2  K2 -> O1  sent 2.3., hired 1.6. (day 91: not counted)
  R3  K3 -> O2  sent 1.4., not hired 20.4.
  R4  K4 -> O2  sent 15.9., interview 20.9., hired 1.10. (day 16)
  R5  K3 -> O2  sent 20.11., still open (its window has not closed by 31.12.)
Wage-subsidised periods (wac1): W1 at EmpA 1.3.-31.7. (private then: the change to public
  on 1.6. does not move it), W2 at EmpA from 1.7. (public), W1 at EmpB from 1.8. (third
  sector); W2's work trial at EmpB 1.4.-30.6. is not a wage subsidy.
Recruitment events (bc1):
  Ev1  job_fair 10.9. with EmpA and EmpB; K4 came, K2 invited but did not: attended 1; K4
       hired 1.10. (within 90 days)
  Ev2  info_session 5.10. with EmpA; 12 job seekers counted, K1 came (hired before it)
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from services.common import calendar
from services.common.users import UserDirectory
from tests.clients.support import CLIENTS, seed_service_kind_rules
from tests.conftest import ServiceApi
from tests.employers.payloads import business_id, lead_push

ROLES = {
    "bc1": "business_coordinator",
    "wac1": "work_ability_coordinator",
    "lead": "team_lead",
}
CONSENTS = ("service", "esf_data")
LEADS = "/api/v1/leads"
EMPLOYERS = "/api/v1/employers"
EVENTS = "/api/v1/recruitment-events"
REFERRALS = "/api/v1/referrals"


def at(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Every service's clock at 10 o'clock Helsinki time on `day` (2026)."""
    moment = dt.datetime.fromisoformat(f"2026-{day}T10:00:00").replace(tzinfo=calendar.HELSINKI)
    monkeypatch.setattr(calendar, "clock", lambda: moment.astimezone(dt.UTC))


@dataclass
class World:
    clients: ServiceApi
    employers: ServiceApi
    referrals: ServiceApi
    monkeypatch: pytest.MonkeyPatch
    ids: dict[str, str] = field(default_factory=dict)

    def as_(self, username: str) -> dict[str, str]:
        return self.clients.as_staff(username, ROLES[username])

    async def send(
        self, api: ServiceApi, method: str, path: str, body: Any, username: str = "bc1"
    ) -> dict[str, Any]:
        response = await api.client.request(method, path, json=body, headers=self.as_(username))
        assert response.status_code in (200, 201, 204), response.text
        return response.json() if response.content else {}

    async def client(self, name: str, coordinator: str, **details: Any) -> None:
        created = await self.send(
            self.clients,
            "POST",
            CLIENTS,
            {"first_name": name, "last_name": "Esimerkki", **details},
            coordinator,
        )
        client_id = str(created["id"])
        for purpose in CONSENTS:
            path = f"{CLIENTS}/{client_id}/consents"
            await self.send(self.clients, "POST", path, {"purpose": purpose}, coordinator)
        line = "business" if coordinator == "bc1" else "work_ability"
        body = {"service_line": line, "coordinator": coordinator, "registered_on": "2026-02-02"}
        enrolment = await self.send(
            self.clients, "POST", f"{CLIENTS}/{client_id}/enrolments", body, coordinator
        )
        self.ids[name], self.ids[f"{name}/enrolment"] = client_id, str(enrolment["id"])

    async def employer(self, name: str, industry: str, n: int) -> None:
        """A company LADEC pushes a lead for (the lead its openings come from)."""
        body = lead_push(
            business_id=business_id(900 + n),
            company_name=f"{name} Oy",
            industry=industry,
            received_at="2026-01-15T09:00:00+02:00",
        )
        headers = {
            **self.employers.as_machine("ladec", "leads:write"),
            "Idempotency-Key": uuid.uuid4().hex,
        }
        response = await self.employers.client.post(LEADS, json=body, headers=headers)
        assert response.status_code == 201, response.text
        lead = response.json()
        self.ids[name], self.ids[f"{name}/lead"] = lead["employer_id"], lead["id"]

    async def employer_change(self, name: str, **changes: Any) -> None:
        await self.send(self.employers, "PATCH", f"{EMPLOYERS}/{self.ids[name]}", changes)

    async def opening(self, name: str, employer: str) -> None:
        body = {
            "title": "Työntekijä",
            "kind": "regular",
            "positions": 2,
            "lead_id": self.ids[f"{employer}/lead"],
        }
        path = f"{EMPLOYERS}/{self.ids[employer]}/openings"
        self.ids[name] = str((await self.send(self.employers, "POST", path, body))["id"])

    async def job_referral(self, name: str, client: str, opening: str, day: str) -> None:
        at(self.monkeypatch, day)
        body = {"client_id": self.ids[client], "kind": "job", "to_opening": self.ids[opening]}
        self.ids[name] = str((await self.send(self.referrals, "POST", REFERRALS, body))["id"])

    async def act(self, referral: str, day: str, action: str, body: Any = None) -> None:
        """bc1 answers as the sender, whoever holds the lead (a job referral's sender may)."""
        at(self.monkeypatch, day)
        path = f"{REFERRALS}/{self.ids[referral]}/{action}"
        await self.send(self.referrals, "POST", path, body)

    async def hired(self, referral: str, day: str) -> None:
        await self.act(referral, day, "accept")
        await self.act(referral, day, "complete", {"result": "hired"})

    async def period(
        self, client: str, kind: str, employer: str, starts_on: str, ends_on: str | None = None
    ) -> None:
        body = {
            "kind": kind,
            "starts_on": starts_on,
            "employer_id": self.ids[employer],
            "enrolment_id": self.ids[f"{client}/enrolment"],
        }
        path = f"{CLIENTS}/{self.ids[client]}/service-periods"
        period = await self.send(self.clients, "POST", path, body, "wac1")
        if ends_on is not None:
            end = {"ends_on": ends_on}
            await self.send(self.clients, "POST", f"{path}/{period['id']}/end", end, "wac1")

    async def event(
        self, kind: str, held_on: str, employers: list[str], came: list[str], missed: list[str]
    ) -> str:
        body = {
            "name": "Rekrytapahtuma",
            "kind": kind,
            "held_on": held_on,
            "employer_ids": [self.ids[e] for e in employers],
        }
        event_id = str((await self.send(self.employers, "POST", EVENTS, body))["id"])
        for client in [*came, *missed]:
            path = f"{EVENTS}/{event_id}/clients"
            await self.send(self.employers, "POST", path, {"client_id": self.ids[client]})
        for client in came:
            path = f"{EVENTS}/{event_id}/clients/{self.ids[client]}"
            await self.send(self.employers, "PATCH", path, {"attended": True})
        return event_id


async def _build(world: World) -> None:
    mp = world.monkeypatch
    at(mp, "01-15")
    await world.employer("EmpA", "F", 1)
    await world.employer("EmpB", "Q", 2)
    await world.employer("EmpC", "G", 3)
    await world.employer_change("EmpA", sector="private")
    await world.employer_change("EmpB", sector="third_sector")
    at(mp, "02-01")
    await world.employer_change("EmpA", status="partner")
    at(mp, "03-01")
    await world.employer_change("EmpC", status="partner")
    at(mp, "04-01")
    await world.employer_change("EmpC", status="inactive")
    at(mp, "06-01")
    await world.employer_change("EmpA", sector="public")
    at(mp, "02-02")
    for name, gender in (("K1", "female"), ("K2", "male"), ("K3", "female"), ("K4", "male")):
        await world.client(name, "bc1", gender=gender)
    await world.client("W1", "wac1", gender="female", birth_year=2000)
    await world.client("W2", "wac1", gender="male", birth_year=1980)
    await world.opening("O1", "EmpA")
    await world.opening("O2", "EmpB")

    await world.job_referral("R1", "K1", "O1", "03-02")
    await world.job_referral("R2", "K2", "O1", "03-02")
    await world.act("R1", "03-10", "stage", {"stage": "presented"})
    await world.job_referral("R3", "K3", "O2", "04-01")
    await world.act("R3", "04-20", "accept")
    await world.act("R3", "04-20", "complete", {"result": "not_hired"})
    await world.hired("R1", "05-30")
    await world.hired("R2", "06-01")
    await world.job_referral("R4", "K4", "O2", "09-15")
    await world.act("R4", "09-20", "stage", {"stage": "interview"})
    await world.hired("R4", "10-01")
    await world.job_referral("R5", "K3", "O2", "11-20")

    monkeypatch_now = calendar.system_clock
    mp.setattr(calendar, "clock", monkeypatch_now)
    await world.period("W1", "wage_subsidy", "EmpA", "2026-03-01", ends_on="2026-07-31")
    await world.period("W2", "work_trial", "EmpB", "2026-04-01", ends_on="2026-06-30")
    await world.period("W2", "wage_subsidy", "EmpA", "2026-07-01")
    await world.period("W1", "wage_subsidy", "EmpB", "2026-08-01")

    await world.event("job_fair", "2026-09-10", ["EmpA", "EmpB"], came=["K4"], missed=["K2"])
    info = await world.event("info_session", "2026-10-05", ["EmpA"], came=["K1"], missed=[])
    await world.send(world.employers, "PATCH", f"{EVENTS}/{info}", {"jobseekers_attended": 12})


@pytest.fixture
async def metrics(
    seeded_metrics_api: ServiceApi,
    clients_api: ServiceApi,
    employers_api: ServiceApi,
    referrals_api: ServiceApi,
    gateway_api: ServiceApi,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[ServiceApi]:
    # The clients app checks a period's employer with the real employers app, which asks the
    # real clients app whom an invited client is.
    clients_api.app.state.test_employers.target = employers_api.app
    await seed_service_kind_rules(clients_api)
    app, settings = employers_api.app, employers_api.app.state.settings
    previous = app.state.http
    app.state.http = httpx.AsyncClient(
        mounts={
            "http://gateway.test": httpx.ASGITransport(gateway_api.app),
            settings.clients_url: httpx.ASGITransport(clients_api.app),
        }
    )
    app.state.users = UserDirectory(app.state.http, settings.gateway_url, app.state.machine_tokens)
    await _build(World(clients_api, employers_api, referrals_api, monkeypatch))
    monkeypatch.setattr(calendar, "clock", calendar.system_clock)
    response = await seeded_metrics_api.client.post(
        "/api/v1/metrics/catch-up", headers=seeded_metrics_api.as_staff("admin", "admin")
    )
    assert response.status_code == 200, response.text
    yield seeded_metrics_api
    await app.state.http.aclose()
    app.state.http = previous


async def _rows(
    api: ServiceApi,
    indicator: str,
    group_by: str = "",
    start: str = "2026-01-01",
    end: str = "2026-12-31",
    headers: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    params = {"from": start, "to": end, "group_by": group_by}
    response = await api.client.get(
        f"/api/v1/metrics/{indicator}",
        params=params,
        headers=headers or api.as_staff("lead", "team_lead"),
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return rows


def _values(rows: list[dict[str, Any]], key: str | None, *measures: str) -> dict[Any, Any]:
    return {(r[key] if key else None): tuple(r[m] for m in measures) for r in rows}


JOB = (
    "referrals",
    "presented",
    "clients",
    "openings",
    "closed_windows",
    "hired_within_90_days",
    "hired_percent",
)


async def test_job_referrals_hired_on_day_89_count_and_on_day_91_do_not(
    metrics: ServiceApi,
) -> None:
    # R1-R5: presented R1 (stage), R2 (hired), R4 (interview); four clients, two openings.
    # Closed windows by 31.12.: R1, R2, R3 (sent by 2.10.) and R4 (hired); R5 is open.
    # Hired within 90 days: R1 (day 89) and R4 (day 16), not R2 (day 91): 2 of 4.
    assert _values(await _rows(metrics, "job_referrals"), None, *JOB) == {
        None: (5, 3, 4, 2, 4, 2, 50.0)
    }
    assert _values(await _rows(metrics, "job_referrals", "month"), "month", *JOB) == {
        "2026-03": (2, 2, 2, 1, 2, 1, 50.0),
        "2026-04": (1, 0, 1, 1, 1, 0, 0.0),
        "2026-09": (1, 1, 1, 1, 1, 1, 100.0),
        "2026-11": (1, 0, 1, 1, 0, 0, None),
    }
    # Women: R1, R3, R5 (K1, K3); men: R2, R4 (K2, K4).
    assert _values(await _rows(metrics, "job_referrals", "gender"), "gender", *JOB) == {
        "female": (3, 1, 2, 2, 2, 1, 50.0),
        "male": (2, 2, 2, 2, 2, 1, 50.0),
    }
    # Up to 31.5.: R3's window (sent 1.4.) is still open, R2's hire on 1.6. not yet known.
    assert _values(await _rows(metrics, "job_referrals", end="2026-05-31"), None, *JOB) == {
        None: (3, 1, 3, 2, 2, 1, 50.0)
    }


async def test_wage_subsidy_periods_count_by_the_sector_at_their_start(
    metrics: ServiceApi,
) -> None:
    by_sector = await _rows(metrics, "wage_subsidy_periods", "sector")
    assert _values(by_sector, "sector", "periods", "clients") == {
        "private": (1, 1),
        "public": (1, 1),
        "third_sector": (1, 1),
    }
    by_industry = await _rows(metrics, "wage_subsidy_periods", "industry")
    assert _values(by_industry, "industry", "periods", "clients") == {"F": (2, 2), "Q": (1, 1)}
    total = await _rows(metrics, "wage_subsidy_periods")
    assert _values(total, None, "periods", "clients") == {None: (3, 2)}
    # W1, 26 in 2026, is under 30 with both of her periods; W2 is in no target group.
    by_group = await _rows(metrics, "wage_subsidy_periods", "target_group")
    assert _values(by_group, "target_group", "periods", "clients") == {"under_30": (2, 1)}


async def test_recruitment_events_with_attendance_and_hires_within_90_days(
    metrics: ServiceApi,
) -> None:
    measures = ("events", "employers", "attended", "hires_within_90_days")
    assert _values(await _rows(metrics, "recruitment_events", "kind"), "kind", *measures) == {
        "job_fair": (1, 2, 1, 1),
        "info_session": (1, 1, 12, 0),
    }
    assert _values(await _rows(metrics, "recruitment_events"), None, *measures) == {
        None: (2, 2, 13, 1)
    }


async def test_reach_against_the_kunto_goals(metrics: ServiceApi) -> None:
    measures = (
        "clients",
        "clients_goal",
        "clients_percent",
        "partner_employers",
        "employers_goal",
        "employers_percent",
    )
    # Six clients and two partners (EmpA, and EmpC for March) of 450 and 108.
    assert _values(await _rows(metrics, "reach"), None, *measures) == {
        None: (6, 450, 1.3, 2, 108, 1.9)
    }
    # By month: all six were reached in February; EmpA is a partner from February, EmpC in
    # March only.
    by_month = await _rows(metrics, "reach", "month", end="2026-04-30")
    assert _values(by_month, "month", "clients", "partner_employers", "clients_goal") == {
        "2026-02": (6, 1, None),
        "2026-03": (0, 2, None),
        "2026-04": (0, 1, None),
    }


async def test_a_machine_client_sees_small_cells_suppressed_the_team_lead_does_not(
    metrics: ServiceApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics.app.state.settings, "min_cell", 3)
    bi = metrics.as_machine("bi", "metrics:read")
    by_month = await _rows(metrics, "job_referrals", "month", headers=bi)
    assert {r["month"]: r["suppressed"] for r in by_month} == {
        "2026-03": True,
        "2026-04": True,
        "2026-09": True,
        "2026-11": True,
    }
    assert all(r["referrals"] is None for r in by_month)
    [total] = await _rows(metrics, "job_referrals", headers=bi)
    assert (total["suppressed"], total["referrals"]) == (False, 5)
    [events] = await _rows(metrics, "recruitment_events", "", headers=bi)
    assert (events["suppressed"], events["attended"]) == (False, 13)
    lead = await _rows(metrics, "job_referrals", "month")
    assert not any(r["suppressed"] for r in lead)


NEW_INDICATORS = ("job_referrals", "wage_subsidy_periods", "recruitment_events", "reach")
# Who asks, and what each gets from every new indicator: the status, and for job_referrals
# the total row's referrals (a coordinator sees the ones they sent; the BI's total of four
# clients is under the threshold of five).
WHO_GETS_WHAT: list[tuple[str, int, list[int | None]]] = [
    ("lead", 200, [5]),
    ("bc1", 200, [5]),
    ("wac1", 200, []),
    ("bi", 200, [None]),
    ("coach", 403, []),
    ("ladec", 403, []),
    ("nobody", 401, []),
]


def _headers(api: ServiceApi, who: str) -> dict[str, str]:
    roles = {"lead": "team_lead", "bc1": "business_coordinator", "coach": "coach"}
    roles["wac1"] = "work_ability_coordinator"
    if who == "bi":
        return api.as_machine("bi", "metrics:read")
    if who == "ladec":
        return api.as_machine("ladec", "leads:write", "leads:read")
    if who == "nobody":
        return {}
    return api.as_staff(who, roles[who])


@pytest.mark.parametrize(("who", "status", "referrals"), WHO_GETS_WHAT)
async def test_who_reads_the_new_figures(
    metrics: ServiceApi, who: str, status: int, referrals: list[int | None]
) -> None:
    for indicator in NEW_INDICATORS:
        response = await metrics.client.get(
            f"/api/v1/metrics/{indicator}",
            params={"from": "2026-01-01", "to": "2026-12-31", "group_by": ""},
            headers=_headers(metrics, who),
        )
        assert response.status_code == status, (indicator, response.text)
    if status == 200:
        rows = await _rows(metrics, "job_referrals", headers=_headers(metrics, who))
        assert [r["referrals"] for r in rows] == referrals


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/metrics/job_referrals%00", {}, 404),
        ("/api/v1/metrics/..%2Freach", {}, 404),
        ("/api/v1/metrics/reach", {"group_by": "month\u0000"}, 422),
        ("/api/v1/metrics/wage_subsidy_periods", {"group_by": "sector,\u202eindustry"}, 422),
        ("/api/v1/metrics/recruitment_events", {"group_by": "shoe," * 5000}, 422),
        ("/api/v1/metrics/job_referrals", {"from": "2026-13-01"}, 422),
    ],
)
async def test_forged_and_oversized_queries_are_refused(
    metrics: ServiceApi, path: str, params: dict[str, str], status: int
) -> None:
    response = await metrics.client.get(
        path, params=params, headers=metrics.as_staff("lead", "team_lead")
    )
    assert response.status_code == status, response.text
    # A repeated unknown dimension is named once, not echoed back five thousand times.
    assert len(response.content) < 2000
