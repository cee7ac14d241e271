from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Form, Query, Request, Response, status

from gateway.identity import service
from gateway.identity.schemas import (
    ClientTokenResponse,
    InternalUserRead,
    LoginRequest,
    MachineClientCreate,
    MachineClientRead,
    MachineClientSecret,
    MachineClientUpdate,
    MeRead,
    MeUpdate,
    OpenIdConfiguration,
    PasswordChange,
    RevocationsRead,
    StaffDirectoryRead,
    StaffRole,
    TokenResponse,
    UserCreate,
    UserRead,
    UserUpdate,
)
from gateway.identity.service import Identity, SessionEnded, SignedIn
from services.common.auth import (
    CurrentPrincipal,
    Principal,
    bearer_token,
    require_roles,
    require_scope,
)
from services.common.db import SessionDep

SCOPES = ["leads:write", "leads:read", "metrics:read", "events:read", "users:read", "internal"]


def get_identity(request: Request) -> Identity:
    identity: Identity = request.app.state.identity
    return identity


IdentityDep = Annotated[Identity, Depends(get_identity)]
AdminPrincipal = Annotated[Principal, Depends(require_roles("admin"))]

public = APIRouter(tags=["identity"])
admin = APIRouter(prefix="/api/v1/admin", tags=["admin"])


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _set_refresh_cookie(response: Response, identity: Identity, signed_in: SignedIn) -> None:
    response.set_cookie(
        identity.settings.refresh_cookie_name,
        signed_in.refresh_token,
        max_age=identity.settings.refresh_token_ttl_seconds,
        httponly=True,
        secure=identity.settings.cookie_secure,
        samesite="strict",
        path="/auth",
    )


@public.get("/.well-known/openid-configuration", response_model=OpenIdConfiguration)
async def openid_configuration(identity: IdentityDep) -> OpenIdConfiguration:
    """Discovery document, so an external OpenID provider can take this gateway's place."""
    issuer = identity.settings.issuer
    return OpenIdConfiguration(
        issuer=issuer,
        jwks_uri=f"{issuer}/.well-known/jwks.json",
        token_endpoint=f"{issuer}/auth/token",
        grant_types_supported=["client_credentials", "password"],
        token_endpoint_auth_methods_supported=["client_secret_post"],
        id_token_signing_alg_values_supported=["RS256"],
        scopes_supported=SCOPES,
    )


@public.get("/.well-known/jwks.json")
async def jwks(identity: IdentityDep) -> dict[str, list[dict[str, str]]]:
    """The RS256 public keys that verify Polku's access tokens."""
    return {"keys": [identity.key.public_jwk()]}


@public.post("/auth/login", response_model=TokenResponse)
async def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    identity: IdentityDep,
) -> TokenResponse:
    """Staff sign-in: an access token in the body, the refresh token in an httpOnly cookie."""
    signed_in = await service.sign_in(
        session, identity, body.username, body.password, _client_address(request)
    )
    _set_refresh_cookie(response, identity, signed_in)
    response.headers["Cache-Control"] = "no-store"
    return signed_in.tokens


@public.post("/auth/refresh", response_model=TokenResponse)
async def refresh(
    response: Response,
    session: SessionDep,
    identity: IdentityDep,
    polku_refresh: Annotated[str | None, Cookie()] = None,
) -> TokenResponse | Response:
    """A new access token from the refresh cookie (which is rotated)."""
    signed_in = await service.refresh_session(session, identity, polku_refresh)
    if isinstance(signed_in, SessionEnded):
        refusal = signed_in.response()
        refusal.delete_cookie(identity.settings.refresh_cookie_name, path="/auth")
        return refusal
    _set_refresh_cookie(response, identity, signed_in)
    response.headers["Cache-Control"] = "no-store"
    return signed_in.tokens


@public.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    response: Response,
    session: SessionDep,
    identity: IdentityDep,
    polku_refresh: Annotated[str | None, Cookie()] = None,
) -> None:
    """End the session: the refresh token is revoked, the session's access tokens stop
    working everywhere within seconds, and the cookie is cleared."""
    await service.sign_out(session, identity, polku_refresh)
    response.delete_cookie(identity.settings.refresh_cookie_name, path="/auth")


@public.post("/auth/token", response_model=ClientTokenResponse)
async def token(
    request: Request,
    response: Response,
    session: SessionDep,
    identity: IdentityDep,
    grant_type: Annotated[str, Form()],
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    scope: Annotated[str | None, Form()] = None,
) -> ClientTokenResponse:
    """OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for machine clients."""
    response.headers["Cache-Control"] = "no-store"
    return await service.client_credentials(
        session,
        identity,
        grant_type=grant_type,
        client_id=client_id,
        client_secret=client_secret,
        scope=scope,
        address=_client_address(request),
    )


@public.get("/api/v1/me", response_model=MeRead)
async def read_me(principal: CurrentPrincipal, session: SessionDep) -> MeRead:
    """Who is calling: username, display name, roles and scopes."""
    return await service.me(session, principal)


@public.patch("/api/v1/me", response_model=MeRead)
async def update_me(body: MeUpdate, principal: CurrentPrincipal, session: SessionDep) -> MeRead:
    """Change one's own e-mail address (null removes it) and language (`fi` or `en`), which
    the notifications service uses for mail; staff only."""
    return await service.update_me(session, principal, body)


@public.post("/api/v1/me/password", status_code=status.HTTP_204_NO_CONTENT, tags=["identity"])
async def change_my_password(
    body: PasswordChange,
    request: Request,
    principal: CurrentPrincipal,
    session: SessionDep,
    identity: IdentityDep,
) -> None:
    """Change one's own password (staff only): the current password is checked, the new one
    follows the admin form's rule (12 to 200 characters), and the person's sessions on other
    devices end; this one stays signed in. Wrong current passwords count as failed sign-ins."""
    await service.change_own_password(
        session,
        identity,
        principal,
        service.session_of(bearer_token(request)),
        body,
        _client_address(request),
    )


@public.get("/api/v1/staff", response_model=StaffDirectoryRead, tags=["staff"])
async def read_staff_directory(
    principal: CurrentPrincipal,
    session: SessionDep,
    role: Annotated[StaffRole | None, Query(description="Only staff holding this role")] = None,
    active: Annotated[bool, Query(description="Active accounts (default) or inactive")] = True,
) -> StaffDirectoryRead:
    """The staff directory for pickers: username, display name and roles, sorted by display
    name. Staff tokens only (403 for a machine client); no password data."""
    return await service.staff_directory(session, principal, role=role, active=active)


@public.get("/internal/users/{username}", response_model=InternalUserRead)
async def read_internal_user(
    username: str,
    session: SessionDep,
    _: Annotated[Principal, Depends(require_scope("users:read"))],
) -> InternalUserRead:
    """For the services: a staff member's roles and whether the account is active."""
    return await service.internal_user(session, username)


# Under /internal/users/ (the gateway's own internal API); `-` stands for every subject and
# can never be a username, so this path cannot shadow one.
@public.get("/internal/users/-/revocations", response_model=RevocationsRead)
async def read_revocations(
    session: SessionDep,
    identity: IdentityDep,
    _: Annotated[Principal, Depends(require_scope("users:read"))],
) -> RevocationsRead:
    """For the services' token verifiers: ended sessions and voided token versions, as far
    back as a token can live."""
    return await service.revocations(session, identity.settings)


@admin.get("/users", response_model=list[UserRead])
async def list_users(session: SessionDep, _: AdminPrincipal) -> list[UserRead]:
    """All staff accounts."""
    return await service.list_users(session)


@admin.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
async def create_user(
    body: UserCreate, session: SessionDep, identity: IdentityDep, _: AdminPrincipal
) -> UserRead:
    """Create a staff account."""
    return await service.create_user(session, identity, body)


@admin.get("/users/{username}", response_model=UserRead)
async def read_user(username: str, session: SessionDep, _: AdminPrincipal) -> UserRead:
    """One staff account."""
    return await service.get_user(session, username)


@admin.patch("/users/{username}", response_model=UserRead)
async def update_user(
    username: str,
    body: UserUpdate,
    session: SessionDep,
    identity: IdentityDep,
    _: AdminPrincipal,
) -> UserRead:
    """Change roles, name, password or deactivate (which ends the user's sessions)."""
    return await service.update_user(session, identity, username, body)


@admin.get("/machine-clients", response_model=list[MachineClientRead])
async def list_machine_clients(session: SessionDep, _: AdminPrincipal) -> list[MachineClientRead]:
    """All machine clients (partners' and the services' own)."""
    return await service.list_machine_clients(session)


@admin.post(
    "/machine-clients", response_model=MachineClientSecret, status_code=status.HTTP_201_CREATED
)
async def create_machine_client(
    body: MachineClientCreate, session: SessionDep, identity: IdentityDep, _: AdminPrincipal
) -> MachineClientSecret:
    """Create a machine client; its secret is shown this once."""
    return await service.create_machine_client(session, identity, body)


@admin.patch("/machine-clients/{client_id}", response_model=MachineClientRead)
async def update_machine_client(
    client_id: str,
    body: MachineClientUpdate,
    session: SessionDep,
    identity: IdentityDep,
    _: AdminPrincipal,
) -> MachineClientRead:
    """Change scopes, rate limit, or deactivate a machine client (deactivating it, or taking
    a scope away, ends its tokens within seconds)."""
    return await service.update_machine_client(session, identity, client_id, body)


@admin.post("/machine-clients/{client_id}/secret", response_model=MachineClientSecret)
async def rotate_secret(
    client_id: str, session: SessionDep, identity: IdentityDep, _: AdminPrincipal
) -> MachineClientSecret:
    """Issue a new secret (the old one stops working); shown this once."""
    return await service.rotate_machine_client_secret(session, identity, client_id)
