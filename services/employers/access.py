"""Who may do what in the employers service, as route dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.common.auth import Principal, require_roles
from services.common.client_names import ClientNamesApi
from services.common.errors import Unprocessable
from services.common.users import StaffMember, UserDirectory
from services.employers.codes import CRM_ROLES, READER_ROLES
from services.employers.config import EmployersSettings

CrmStaff = Annotated[Principal, Depends(require_roles(*CRM_ROLES))]
EmployerReader = Annotated[Principal, Depends(require_roles(*READER_ROLES))]
TeamLead = Annotated[Principal, Depends(require_roles("team_lead"))]


def user_directory(request: Request) -> UserDirectory:
    directory: UserDirectory = request.app.state.users
    return directory


Directory = Annotated[UserDirectory, Depends(user_directory)]


async def business_coordinator(
    directory: UserDirectory, username: str, loc: list[str | int]
) -> StaffMember:
    """The named, active business coordinator, or 422 naming the field."""
    member = await directory.get(username)
    if member is None or not member.active or not member.has_role("business_coordinator"):
        raise Unprocessable.field(
            loc,
            f"'{username}' is not an active business coordinator.",
            code="not_a_business_coordinator",
            params={"username": username},
        )
    return member


def employers_settings(request: Request) -> EmployersSettings:
    settings: EmployersSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[EmployersSettings, Depends(employers_settings)]


def client_names_api(request: Request) -> ClientNamesApi:
    """Built per request from `app.state`: the tests swap the http client after startup."""
    settings: EmployersSettings = request.app.state.settings
    return ClientNamesApi(
        request.app.state.http, settings.clients_url, request.app.state.machine_tokens
    )


ClientNamesDep = Annotated[ClientNamesApi, Depends(client_names_api)]
