"""Bearer-token verification against the gateway's JWKS, and the caller as a Principal.

Zero trust inside: every service verifies every token itself. RS256 only, `iss`, `aud`,
`exp` and `sub` required, the key chosen by `kid`; an unknown `kid` refetches the JWKS once
(at most every few seconds, so a stream of forged kids cannot hammer the gateway).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from jose import jwt
from jose.exceptions import JOSEError

from services.common.errors import Forbidden, Unauthorized

ALGORITHM = "RS256"
STAFF_ROLES = frozenset(
    {"coach", "work_ability_coordinator", "business_coordinator", "team_lead", "admin"}
)
COORDINATOR_ROLES = frozenset({"work_ability_coordinator", "business_coordinator"})

JwksFetcher = Callable[[], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a staff member (username) or a machine client (client id)."""

    subject: str
    roles: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    is_machine: bool = False
    display_name: str | None = None
    # A machine client's own rate limit (requests/s, burst) when it differs from the default.
    rate_limit: tuple[float | None, int | None] | None = None

    @property
    def username(self) -> str:
        return self.subject

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def role_label(self) -> str:
        """The roles as one string, for the access log."""
        return " ".join(sorted(self.roles)) or ("machine" if self.is_machine else "none")


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        fetch_jwks: JwksFetcher,
        refetch_interval_seconds: float = 5.0,
        cache_size: int = 2048,
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._fetch_jwks = fetch_jwks
        self._keys: dict[str, dict[str, Any]] = {}
        self._last_fetch = float("-inf")
        self._refetch_interval = refetch_interval_seconds
        self._lock = asyncio.Lock()
        # Verified tokens by their exact text: RSA verification is the costly part.
        self._verified: OrderedDict[str, tuple[Principal, float]] = OrderedDict()
        self._cache_size = cache_size

    async def _key_for(self, kid: str) -> dict[str, Any] | None:
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            if (
                kid not in self._keys
                and time.monotonic() - self._last_fetch >= self._refetch_interval
            ):
                self._last_fetch = time.monotonic()
                try:
                    jwks = await self._fetch_jwks()
                except Exception:
                    return None
                self._keys = {str(key["kid"]): key for key in jwks.get("keys", []) if "kid" in key}
        return self._keys.get(kid)

    async def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None:
            principal, expires_at = cached
            if time.time() < expires_at:
                return principal
            self._verified.pop(token, None)
        try:
            header = jwt.get_unverified_header(token)
        except JOSEError:
            raise Unauthorized("The token is malformed.") from None
        if header.get("alg") != ALGORITHM:
            raise Unauthorized("The token's algorithm is not accepted.")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthorized("The token names no key.")
        key = await self._key_for(kid)
        if key is None:
            raise Unauthorized("The token was signed with an unknown key.")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    "require_exp": True,
                    "require_iss": True,
                    "require_aud": True,
                    "require_sub": True,
                },
            )
        except JOSEError:
            raise Unauthorized("The token is invalid or has expired.") from None
        principal = principal_from_claims(claims)
        self._remember(token, principal, float(claims["exp"]))
        return principal

    def _remember(self, token: str, principal: Principal, expires_at: float) -> None:
        self._verified[token] = (principal, expires_at)
        if len(self._verified) > self._cache_size:
            self._verified.popitem(last=False)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = claims.get("roles") or []
    scope = claims.get("scope") or ""
    if not isinstance(roles, list) or not isinstance(scope, str):
        raise Unauthorized("The token's claims are malformed.")
    limits = claims.get("rl")
    rate_limit = None
    if isinstance(limits, list) and len(limits) == 2:
        rate_limit = (
            float(limits[0]) if limits[0] is not None else None,
            int(limits[1]) if limits[1] is not None else None,
        )
    return Principal(
        rate_limit=rate_limit,
        subject=str(claims["sub"]),
        roles=frozenset(str(r) for r in roles),
        scopes=frozenset(scope.split()),
        is_machine=claims.get("kind") == "machine",
        display_name=claims.get("name"),
    )


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized()
    return token.strip()


async def get_principal(request: Request) -> Principal:
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = await verifier.verify(bearer_token(request))
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require_scope(scope: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: a machine client (or staff token) holding `scope`."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.has_scope(scope):
            raise Forbidden(f"This call needs the scope '{scope}'.")
        return principal

    return dependency


def require_roles(*roles: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: a staff member holding any of `roles`."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.is_machine or not principal.has_role(*roles):
            raise Forbidden("Your role does not allow this.")
        return principal

    return dependency


def require_staff() -> Callable[[Principal], Awaitable[Principal]]:
    return require_roles(*STAFF_ROLES)


def roles_of(principal: Principal, allowed: Iterable[str]) -> frozenset[str]:
    return principal.roles.intersection(allowed)


StaffPrincipal = Annotated[Principal, Depends(require_staff())]
InternalCaller = Annotated[Principal, Depends(require_scope("internal"))]
