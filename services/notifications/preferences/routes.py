from __future__ import annotations

from fastapi import APIRouter, Request

from services.common.auth import StaffPrincipal
from services.common.db import SessionDep
from services.notifications.preferences import service
from services.notifications.preferences.schemas import PreferencesRead, PreferencesUpdate

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


@router.get("/preferences", response_model=PreferencesRead)
async def read_preferences(
    request: Request, session: SessionDep, principal: StaffPrincipal
) -> PreferencesRead:
    """The signed-in person's choices for every kind (default: in the app and in the daily
    e-mail digest), the e-mail mode and the digest's Helsinki hour."""
    state = request.app.state
    return await service.read(session, principal, state.users, state.settings.default_digest_hour)


@router.put("/preferences", response_model=PreferencesRead)
async def update_preferences(
    data: PreferencesUpdate, request: Request, session: SessionDep, principal: StaffPrincipal
) -> PreferencesRead:
    """Change one's own choices; what is left out stays as it was."""
    state = request.app.state
    return await service.update(
        session, principal, state.users, data, state.settings.default_digest_hour
    )
