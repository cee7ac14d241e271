"""Bearer-token verification against the gateway's JWKS, and the caller as a Principal.

Zero trust inside: every service verifies every token itself. RS256 only, `iss`, `aud`,
`exp` and `sub` required, the key chosen by `kid`; an unknown `kid` refetches the JWKS once
(at most every few seconds, so a stream of forged kids cannot hammer the gateway).

A signature cannot be taken back, so sessions end through a revocation list the gateway
keeps (ended sessions by `sid`, and subjects whose tokens below a `ver` are void). Each
verifier holds a copy no older than a few seconds and refuses every token when it cannot
get one: a logout, a deactivation or a disabled machine client reaches every service
within `max_age_seconds`.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import structlog
from fastapi import Depends, Request
from jose import jwt
from jose.exceptions import JOSEError

from services.common.errors import Forbidden, ServiceUnavailable, Unauthorized

ALGORITHM = "RS256"
STAFF_ROLES = frozenset(
    {"coach", "work_ability_coordinator", "business_coordinator", "team_lead", "admin"}
)
COORDINATOR_ROLES = frozenset({"work_ability_coordinator", "business_coordinator"})

JwksFetcher = Callable[[], Awaitable[dict[str, Any]]]
_log = structlog.get_logger("polku.auth")


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


class SessionEnded(Unauthorized):
    slug = "session-ended"
    default_code = "session_ended"

    def __init__(self) -> None:
        super().__init__("The session has ended: sign in again.")


class RevocationsUnavailable(ServiceUnavailable):
    """Whether the token was revoked cannot be told just now: refuse rather than guess."""

    slug = "revocations-unavailable"

    def __init__(self) -> None:
        super().__init__(
            "Whether this session is still valid cannot be checked just now; try again shortly.",
            retry_after=2,
        )


@dataclass(frozen=True, slots=True)
class Revocations:
    """The gateway's answer: ended sessions, and per subject the lowest `ver` still valid."""

    sessions: frozenset[str] = frozenset()
    staff: Mapping[str, int] = field(default_factory=dict)
    machine: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> Revocations:
        return cls(
            sessions=frozenset(str(sid) for sid in body["sessions"]),
            staff={str(k): int(v) for k, v in body["staff"].items()},
            machine={str(k): int(v) for k, v in body["machine"].items()},
        )

    def revokes(self, grant: Grant) -> bool:
        if grant.session_id is not None and grant.session_id in self.sessions:
            return True
        versions = self.machine if grant.principal.is_machine else self.staff
        lowest_valid = versions.get(grant.principal.subject)
        return lowest_valid is not None and grant.version < lowest_valid


RevocationFetcher = Callable[[], Awaitable[Revocations]]


class RevocationList:
    """A copy of the revocations, refreshed lazily: a request that finds it older than
    `refresh_seconds` starts one fetch in the background and goes on with the copy it has;
    one that finds it older than `max_age_seconds` waits for that fetch, and is refused
    when there is still no fresh copy. Age counts from the start of the fetch that gave
    the copy, since the answer says nothing about what happened after it was asked for."""

    def __init__(
        self,
        fetch: RevocationFetcher,
        *,
        refresh_seconds: float = 2.0,
        max_age_seconds: float = 5.0,
        fetch_timeout_seconds: float = 2.0,
        retry_gap_seconds: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._refresh = refresh_seconds
        self._max_age = max_age_seconds
        self._fetch_timeout = fetch_timeout_seconds
        self._retry_gap = retry_gap_seconds
        self._current = Revocations()
        self._as_of = float("-inf")
        self._retry_at = float("-inf")
        self._task: asyncio.Task[None] | None = None

    async def current(self) -> Revocations:
        now = self._clock()
        age = now - self._as_of
        if age >= self._refresh and self._task is None and now >= self._retry_at:
            self._task = asyncio.get_running_loop().create_task(self._update())
        if age < self._max_age:
            return self._current
        if self._task is not None:
            # asyncio.wait neither raises the fetch's error nor cancels it on a timeout.
            await asyncio.wait({self._task}, timeout=self._fetch_timeout)
        if self._clock() - self._as_of < self._max_age:
            return self._current
        raise RevocationsUnavailable()

    async def aclose(self) -> None:
        """Stop a fetch in flight, before the lifespan closes what it reads from."""
        task = self._task
        if task is not None:
            task.cancel()
            await asyncio.wait({task})

    async def _update(self) -> None:
        started = self._clock()
        try:
            fresh = await asyncio.wait_for(self._fetch(), self._fetch_timeout)
        except Exception as exc:
            # Without a fresh list every token is refused; the log says why.
            self._retry_at = self._clock() + self._retry_gap
            _log.warning("revocations_unavailable", error=type(exc).__name__)
        else:
            self._current = fresh
            self._as_of = max(self._as_of, started)
        finally:
            self._task = None


@dataclass(frozen=True, slots=True)
class Grant:
    """A verified token: who it speaks for, until when, and what a revocation can name."""

    principal: Principal
    expires_at: float
    session_id: str | None
    version: int


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        fetch_jwks: JwksFetcher,
        revocations: RevocationList | None = None,
        refetch_interval_seconds: float = 5.0,
        cache_size: int = 2048,
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._fetch_jwks = fetch_jwks
        self._revocations = revocations
        self._keys: dict[str, dict[str, Any]] = {}
        self._last_fetch = float("-inf")
        self._refetch_interval = refetch_interval_seconds
        self._lock = asyncio.Lock()
        # Verified tokens by their exact text: RSA verification is the costly part. The
        # revocation list is consulted on every use, cached or not.
        self._verified: OrderedDict[str, Grant] = OrderedDict()
        self._cache_size = cache_size

    async def aclose(self) -> None:
        if self._revocations is not None:
            await self._revocations.aclose()

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
        grant = self._verified.get(token)
        if grant is None or time.time() >= grant.expires_at:
            self._verified.pop(token, None)
            grant = await self._verify_signature(token)
        if self._revocations is not None and (await self._revocations.current()).revokes(grant):
            raise SessionEnded()
        return grant.principal

    async def _verify_signature(self, token: str) -> Grant:
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
        grant = grant_from_claims(claims)
        self._verified[token] = grant
        if len(self._verified) > self._cache_size:
            self._verified.popitem(last=False)
        return grant


def grant_from_claims(claims: dict[str, Any]) -> Grant:
    session_id = claims.get("sid")
    version = claims.get("ver", 0)
    if (session_id is not None and not isinstance(session_id, str)) or not isinstance(version, int):
        raise Unauthorized("The token's claims are malformed.")
    return Grant(
        principal=principal_from_claims(claims),
        expires_at=float(claims["exp"]),
        session_id=session_id,
        # A token without `ver` predates every revocation of its subject.
        version=version,
    )


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
            raise Forbidden(
                f"This call needs the scope '{scope}'.",
                code="scope_required",
                params={"scope": scope},
            )
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
