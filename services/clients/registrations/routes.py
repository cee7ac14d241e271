from __future__ import annotations

from fastapi import APIRouter, Request, status

from services.clients.registrations import service
from services.clients.registrations.schemas import RegistrationCreate, RegistrationRead
from services.common.audit import AccessContext
from services.common.db import SessionDep
from services.common.observability import current_request_id

router = APIRouter(prefix="/api/v1/registrations", tags=["registrations"])


def _sender(request: Request) -> str:
    # The request context has put the address the gateway vouches for here, and only when
    # the caller is a trusted proxy (POLKU_TRUSTED_PROXIES): a direct caller's own
    # X-Forwarded-For is its own claim and never names the bucket.
    return request.client.host if request.client else "unknown"


@router.post("", response_model=RegistrationRead, status_code=status.HTTP_201_CREATED)
async def register(
    data: RegistrationCreate, request: Request, session: SessionDep
) -> RegistrationRead:
    """Public self-registration (no token, rate-limited per address): background data and
    consents, never an identity code. The registration waits in the coordinators' triage list."""
    limiter: service.RateLimiter = request.app.state.registration_limiter
    limiter.take(_sender(request))
    context = AccessContext(
        principal=service.ANONYMOUS, reason=None, request_id=current_request_id()
    )
    return await service.register(session, context, data)
