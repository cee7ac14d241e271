"""Staff as the gateway's directory knows them, behind one small seam.

Every check that a named coordinator exists and holds a role goes through `staff_member`,
so tests and the import can swap the directory on `app.state.users`.
"""

from __future__ import annotations

from typing import Annotated, Protocol

from fastapi import Depends, Request

from services.common.auth import COORDINATOR_ROLES, Principal
from services.common.errors import Forbidden, Unprocessable
from services.common.users import StaffMember

SERVICE_LINE_ROLES: dict[str, str] = {
    "work_ability": "work_ability_coordinator",
    "business": "business_coordinator",
}
ROLE_SERVICE_LINES: dict[str, str] = {role: line for line, role in SERVICE_LINE_ROLES.items()}
STAFF_ROLES = (*COORDINATOR_ROLES, "team_lead", "admin")


def require_staff(principal: Principal, what: str) -> None:
    """403 `staff_only` for machine clients and coaches: `what` is for the service's staff."""
    if principal.is_machine or not principal.has_role(*STAFF_ROLES):
        raise Forbidden(f"Only staff of the service see {what}.", code="staff_only")


def require_admin(principal: Principal, what: str) -> None:
    """403 `admin_only`: data that shapes the service (`what`) changes by administrators."""
    if not principal.has_role("admin"):
        raise Forbidden(f"Only an administrator changes {what}.", code="admin_only")


class StaffDirectory(Protocol):
    async def get(self, username: str) -> StaffMember | None: ...


def staff_directory(request: Request) -> StaffDirectory:
    directory: StaffDirectory = request.app.state.users
    return directory


DirectoryDep = Annotated[StaffDirectory, Depends(staff_directory)]


async def staff_member(directory: StaffDirectory, username: str) -> StaffMember | None:
    member = await directory.get(username)
    return member if member is not None and member.active else None


async def require_coordinator(
    directory: StaffDirectory, username: str, role: str, loc: list[str | int]
) -> None:
    """422 naming `loc` unless `username` is an active staff member holding `role`."""
    if role not in COORDINATOR_ROLES:
        raise Unprocessable.field(
            loc,
            f"'{role}' is not a coordinator role.",
            code="not_a_coordinator_role",
            params={"role": role},
        )
    member = await staff_member(directory, username)
    if member is None:
        raise Unprocessable.field(
            loc,
            f"No active staff member is called '{username}'.",
            code="staff_member_not_found",
            params={"username": username},
        )
    if not member.has_role(role):
        raise Unprocessable.field(
            loc,
            f"'{username}' is not a {role.replace('_', ' ')}.",
            code="staff_member_lacks_role",
            params={"username": username, "role": role},
        )


async def require_staff_member(
    directory: StaffDirectory, username: str, loc: list[str | int]
) -> None:
    if await staff_member(directory, username) is None:
        raise Unprocessable.field(
            loc,
            f"No active staff member is called '{username}'.",
            code="staff_member_not_found",
            params={"username": username},
        )
