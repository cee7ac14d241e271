"""The other services a referral touches, built per request (or per background pass).

Typed clients are cheap; they are built from `app.state` each time because the tests swap
the shared httpx client and the token source after startup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from services.common.users import StaffMember, UserDirectory
from services.referrals.clients_api import ClientsApi
from services.referrals.config import ReferralsSettings
from services.referrals.employers_api import EmployersApi


@dataclass(frozen=True, slots=True)
class Collaborators:
    clients: ClientsApi
    employers: EmployersApi
    users: UserDirectory
    settings: ReferralsSettings

    async def staff_member(self, username: str) -> StaffMember | None:
        """The one place that asks the gateway who a named person is."""
        return await self.users.get(username)


def collaborators_of(app: FastAPI) -> Collaborators:
    settings: ReferralsSettings = app.state.settings
    http, tokens = app.state.http, app.state.machine_tokens
    return Collaborators(
        clients=ClientsApi(http, settings.clients_url, tokens),
        employers=EmployersApi(http, settings.employers_url, tokens),
        users=app.state.users,
        settings=settings,
    )


def _collaborators(request: Request) -> Collaborators:
    return collaborators_of(request.app)


CollaboratorsDep = Annotated[Collaborators, Depends(_collaborators)]
