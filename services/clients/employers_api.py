"""The typed client of the employers service's internal API (docs/internal-api.md): that an
employer named as the place of an active-service period exists."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict

from services.clients.config import ClientsSettings
from services.common.http import ServiceClient
from services.common.remote import refuse_unless_ok


class EmployerInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    name: str
    status: str


class EmployersApi(ServiceClient):
    service_label = "employers"

    async def get_employer(self, employer_id: uuid.UUID) -> EmployerInfo | None:
        response = await self.request("GET", f"/internal/employers/{employer_id}")
        if response.status_code == 404:
            return None
        refuse_unless_ok(self.service_label, response)
        return EmployerInfo.model_validate(response.json())


def _employers_api(request: Request) -> EmployersApi:
    # Built per request from app.state: the tests swap the httpx client and token source.
    settings: ClientsSettings = request.app.state.settings
    return EmployersApi(
        request.app.state.http, settings.employers_url, request.app.state.machine_tokens
    )


EmployersApiDep = Annotated[EmployersApi, Depends(_employers_api)]
