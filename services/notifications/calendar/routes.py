from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from services.common.auth import StaffPrincipal
from services.common.db import SessionDep
from services.notifications.calendar import service
from services.notifications.calendar.schemas import CalendarFeedRead
from services.notifications.clock import Now

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@router.get("/calendar", response_model=CalendarFeedRead)
async def read_calendar_feed(
    request: Request, session: SessionDep, principal: StaffPrincipal, now: Now
) -> CalendarFeedRead:
    """The signed-in person's private calendar feed (`webcal://…`), made on first asking.
    Only a hash of its secret token is kept, so `url` is given once, when the feed is made;
    to see an address again, revoke the feed and ask for a new one."""
    return await service.read_feed(
        session, principal.username, request.app.state.settings.app_url, now
    )


@router.delete("/calendar", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_calendar_feed(session: SessionDep, principal: StaffPrincipal) -> Response:
    """Revoke one's own feed: its address answers 404 from now on (none: no change)."""
    await service.revoke_feed(session, principal.username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar feed"}},
)
async def read_calendar(token: str, request: Request, session: SessionDep, now: Now) -> Response:
    """The feed itself, for calendar programs, which send no bearer token: the secret in the
    address is the credential. The owner's meetings from 30 days back on, without client
    names, and without a place under non-disclosure. Unknown or revoked: 404
    `calendar_feed_not_found`."""
    body = await service.feed_calendar(session, request.app.state, token, now)
    # A feed is personal: no shared cache may keep it.
    return Response(body, media_type=CALENDAR_TYPE, headers={"Cache-Control": "private, no-store"})
