"""In-memory stand-ins for the clients and employers services' internal API
(docs/internal-api.md), reachable through an `httpx.MockTransport` that can be switched off
to play "the service is down"."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from services.common.users import StaffMember

WAC = "work_ability_coordinator"
BC = "business_coordinator"
LINE_OF_ROLE = {WAC: "work_ability", BC: "business"}

STAFF_ROLES: dict[str, frozenset[str]] = {
    "coach": frozenset({"coach"}),
    "wac1": frozenset({WAC}),
    "wac2": frozenset({WAC}),
    "bc1": frozenset({BC}),
    "bc2": frozenset({BC}),
    "lead": frozenset({"team_lead"}),
    "admin": frozenset({"admin"}),
    "both": frozenset({WAC, BC}),
}


class FakeUserDirectory:
    """What the gateway's `GET /internal/users/{username}` would say about the demo staff."""

    async def get(self, username: str) -> StaffMember | None:
        roles = STAFF_ROLES.get(username)
        if roles is None:
            return None
        return StaffMember(username=username, display_name=username, roles=roles, active=True)


class Switchable:
    """A MockTransport in front of an ASGI app: `down = True` refuses connections;
    `lose_next_answers = n` applies the next n calls but answers 503 (a lost answer)."""

    def __init__(self, app: FastAPI) -> None:
        self.down = False
        self.lose_next_answers = 0
        self._app = httpx.ASGITransport(app)
        self.transport = httpx.MockTransport(self._handle)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        response = await self._app.handle_async_request(request)
        if self.lose_next_answers and request.method != "GET":
            self.lose_next_answers -= 1
            return httpx.Response(503, json={"detail": "answer lost"})
        return response


@dataclass
class FakeClients:
    clients: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    consents: dict[uuid.UUID, set[str]] = field(default_factory=dict)
    grants: dict[tuple[uuid.UUID, str], str] = field(default_factory=dict)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    calls_by_key: Counter[str] = field(default_factory=Counter)
    applied_keys: set[str] = field(default_factory=set)
    names: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)
    # Each names call: (on behalf of, the client ids asked).
    name_calls: list[tuple[str | None, list[str]]] = field(default_factory=list)
    # Each names call with whether it asked only for the clients the reader may open.
    name_calls_visible: list[tuple[str | None, list[str], bool]] = field(default_factory=list)
    # Set to answer the names call with this status instead (e.g. 500, 404).
    names_status: int | None = None
    # Set to answer the names call 200 with this raw body instead.
    names_body: str | None = None
    # Seconds the names call takes (a clients service that hangs).
    names_delay: float = 0.0
    # Every coordinators call as it arrived: the body and `on_behalf_of`.
    coordinator_calls: list[dict[str, Any]] = field(default_factory=list)

    def add_client(
        self,
        coordinators: list[tuple[str, str]],
        consents: set[str] | None = None,
        *,
        state: str = "active",
        created_by: str = "coach",
        referred_by: str | None = None,
        name: tuple[str, str] | None = None,
    ) -> tuple[uuid.UUID, uuid.UUID]:
        client_id, enrolment_id = uuid.uuid4(), uuid.uuid4()
        self.names[client_id] = name or ("Testi", f"Asiakas-{len(self.names) + 1}")
        line = (
            LINE_OF_ROLE.get(coordinators[0][1], "work_ability") if coordinators else "work_ability"
        )
        self.clients[client_id] = {
            "id": str(client_id),
            "municipality": "Lahti",
            "created_by": created_by,
            "coordinator_named": bool(coordinators),
            "enrolments": [
                {
                    "id": str(enrolment_id),
                    "service_line": line,
                    "state": state,
                    "referred_by": referred_by,
                    "coordinators": [
                        {"username": u, "role": r, "reason": "responsible"} for u, r in coordinators
                    ],
                    "handoff_referral_id": None,
                }
            ],
        }
        self.consents[client_id] = set(
            consents
            if consents is not None
            else {"service", "esf_data", "share_with_health_services", "share_work_ability_summary"}
        )
        return client_id, enrolment_id

    def enrolment(self, enrolment_id: uuid.UUID) -> dict[str, Any]:
        for client in self.clients.values():
            for enrolment in client["enrolments"]:
                if enrolment["id"] == str(enrolment_id):
                    return dict(enrolment)
        raise KeyError(enrolment_id)

    def coordinators(self, enrolment_id: uuid.UUID) -> list[tuple[str, str]]:
        return [(c["username"], c["role"]) for c in self.enrolment(enrolment_id)["coordinators"]]

    def app(self) -> FastAPI:
        app = FastAPI()

        def find_enrolment(enrolment_id: uuid.UUID) -> dict[str, Any] | None:
            for client in self.clients.values():
                for enrolment in client["enrolments"]:
                    if enrolment["id"] == str(enrolment_id):
                        return enrolment  # type: ignore[no-any-return]
            return None

        @app.middleware("http")
        async def needs_token(request: Request, call_next: Any) -> Any:
            if not request.headers.get("authorization", "").startswith("Bearer "):
                return JSONResponse({"detail": "no token"}, status_code=401)
            return await call_next(request)

        @app.get("/internal/clients/{client_id}")
        async def get_client(client_id: uuid.UUID) -> Response:
            if client_id not in self.clients:
                return JSONResponse({"detail": "No such client."}, status_code=404)
            return JSONResponse(self.clients[client_id])

        @app.post("/internal/clients/names")
        async def names(request: Request) -> Response:
            body = await request.json()
            reader = request.headers.get("x-on-behalf-of")
            self.name_calls.append((reader, body["client_ids"]))
            self.name_calls_visible.append(
                (reader, body["client_ids"], body.get("visible_only", False))
            )
            await asyncio.sleep(self.names_delay)
            if self.names_status is not None:
                return JSONResponse({"detail": "names refused"}, status_code=self.names_status)
            if self.names_body is not None:
                return Response(self.names_body, media_type="application/json")
            items = []
            for client_id in body["client_ids"]:
                if (known := self.names.get(uuid.UUID(client_id))) is not None:
                    first, last = known
                    items.append({"client_id": client_id, "first_name": first, "last_name": last})
            return JSONResponse({"items": items})

        @app.get("/internal/clients/{client_id}/consents/check")
        async def check(client_id: uuid.UUID, purposes: str) -> Response:
            wanted = [p for p in purposes.split(",") if p]
            missing = [p for p in wanted if p not in self.consents.get(client_id, set())]
            return JSONResponse({"covered": not missing, "missing": missing})

        @app.post("/internal/clients/{client_id}/access-grants", status_code=204)
        async def grant(client_id: uuid.UUID, request: Request) -> Response:
            body = await request.json()
            self.grants[(client_id, body["referral_id"])] = body["username"]
            return Response(status_code=204)

        @app.delete("/internal/clients/{client_id}/access-grants/{referral_id}")
        async def revoke(client_id: uuid.UUID, referral_id: str) -> Response:
            self.grants.pop((client_id, referral_id), None)
            return Response(status_code=204)

        @app.post("/internal/enrolments/{enrolment_id}/coordinators")
        async def change(enrolment_id: uuid.UUID, request: Request) -> Response:
            body = await request.json()
            key = body["effect_key"]
            self.calls_by_key[key] += 1
            self.coordinator_calls.append(
                {**body, "on_behalf_of": request.headers.get("x-on-behalf-of")}
            )
            enrolment = find_enrolment(enrolment_id)
            if enrolment is None:
                return JSONResponse({"detail": "No such enrolment."}, status_code=404)
            if key in self.applied_keys:
                return JSONResponse(enrolment)
            people = enrolment["coordinators"]
            action = body["action"]
            responsible = any(c["username"] == body.get("from_user") for c in people)
            if action in ("transfer", "handoff_start", "handoff_complete") and not responsible:
                return JSONResponse({"detail": "from_user is not responsible."}, status_code=409)
            receiver = {"username": body["to_user"], "role": body["to_role"]}
            if action == "transfer":
                people[:] = [c for c in people if c["username"] != body["from_user"]]
                people.append({**receiver, "reason": "responsible"})
                enrolment["service_line"] = LINE_OF_ROLE[body["to_role"]]
            elif action == "handoff_start":
                # Both responsible; the line stays the sender's until the hand-off completes.
                people.append({**receiver, "reason": "responsible"})
                enrolment["handoff_referral_id"] = body.get("referral_id")
            elif action == "handoff_complete":
                if enrolment["handoff_referral_id"] != body.get("referral_id"):
                    return JSONResponse({"detail": "No hand-off is open."}, status_code=409)
                people[:] = [c for c in people if c["username"] != body["from_user"]]
                enrolment["service_line"] = LINE_OF_ROLE[body["to_role"]]
                enrolment["handoff_referral_id"] = None
            elif action == "add":
                people.append({**receiver, "reason": body.get("reason", "consultation")})
            else:
                people[:] = [c for c in people if c["username"] != body["to_user"]]
                if enrolment["handoff_referral_id"] == body.get("referral_id"):
                    enrolment["handoff_referral_id"] = None
            self.applied_keys.add(key)
            return JSONResponse(enrolment)

        @app.post("/internal/enrolments/{enrolment_id}/outcome-suggestion", status_code=204)
        async def suggest(enrolment_id: uuid.UUID, request: Request) -> Response:
            body = await request.json()
            self.calls_by_key[body["effect_key"]] += 1
            if body["effect_key"] not in self.applied_keys:
                self.applied_keys.add(body["effect_key"])
                self.suggestions.append({"enrolment_id": enrolment_id, **body})
            return Response(status_code=204)

        return app


@dataclass
class FakeEmployers:
    openings: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    leads: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    calls_by_key: Counter[str] = field(default_factory=Counter)
    # Each hire recorded, with the person it was recorded for.
    hires: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add_opening(
        self,
        *,
        status: str = "open",
        with_lead: bool = True,
        kind: str = "regular",
        lead_holder: str = "bc2",
    ) -> uuid.UUID:
        opening_id, employer_id = uuid.uuid4(), uuid.uuid4()
        lead_id = uuid.uuid4() if with_lead else None
        if lead_id:
            self.leads[lead_id] = {
                "id": str(lead_id),
                "status": "in_progress",
                "close_reason": None,
                "coordinator": lead_holder,
            }
        self.openings[opening_id] = {
            "id": str(opening_id),
            "employer_id": str(employer_id),
            "lead_id": str(lead_id) if lead_id else None,
            "status": status,
            "title": "Warehouse worker",
            "kind": kind,
        }
        return opening_id

    def reassign_lead(self, opening_id: uuid.UUID, coordinator: str) -> None:
        lead_id = uuid.UUID(self.openings[opening_id]["lead_id"])
        self.leads[lead_id]["coordinator"] = coordinator

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/internal/openings/{opening_id}")
        async def get_opening(opening_id: uuid.UUID) -> Response:
            if opening_id not in self.openings:
                return JSONResponse({"detail": "No such opening."}, status_code=404)
            return JSONResponse(self.openings[opening_id])

        @app.get("/internal/hires/openings/{opening_id}")
        async def hire_opening(opening_id: uuid.UUID) -> Response:
            if opening_id not in self.openings:
                return JSONResponse({"detail": "No such opening."}, status_code=404)
            opening = self.openings[opening_id]
            lead = self.leads.get(uuid.UUID(opening["lead_id"])) if opening["lead_id"] else None
            return JSONResponse({**opening, "lead_holder": lead and lead["coordinator"]})

        @app.post("/internal/hires")
        async def hire(request: Request) -> Response:
            body = await request.json()
            self.calls_by_key[body["effect_key"]] += 1
            opening_id = uuid.UUID(body["opening_id"])
            if opening_id not in self.openings:
                return JSONResponse({"detail": "No such opening."}, status_code=404)
            if body["referral_id"] not in self.hires:
                self.hires[body["referral_id"]] = {
                    **body,
                    "recorded_by": request.headers.get("x-on-behalf-of"),
                }
                opening = self.openings[opening_id]
                opening["status"] = "filled"
                if opening["lead_id"]:
                    self.leads[uuid.UUID(opening["lead_id"])].update(
                        status="closed", close_reason="hired"
                    )
            return JSONResponse(self.hires[body["referral_id"]])

        @app.post("/internal/leads/{lead_id}/close")
        async def close(lead_id: uuid.UUID, request: Request) -> Response:
            body = await request.json()
            self.calls_by_key[body["effect_key"]] += 1
            if lead_id not in self.leads:
                return JSONResponse({"detail": "No such lead."}, status_code=404)
            lead = self.leads[lead_id]
            if lead["status"] != "closed":
                lead.update(status="closed", close_reason=body["reason"])
            return JSONResponse(lead)

        @app.post("/internal/openings/{opening_id}/fill")
        async def fill(opening_id: uuid.UUID, request: Request) -> Response:
            body = await request.json()
            self.calls_by_key[body["effect_key"]] += 1
            if opening_id not in self.openings:
                return JSONResponse({"detail": "No such opening."}, status_code=404)
            self.openings[opening_id]["status"] = "filled"
            return JSONResponse(self.openings[opening_id])

        return app
