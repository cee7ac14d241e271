"""Sign-in, tokens, refresh sessions, machine clients and the admin rules."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.config import GatewaySettings
from gateway.identity import repository
from gateway.identity.schemas import (
    ClientTokenResponse,
    InternalUserRead,
    MachineClientCreate,
    MachineClientRead,
    MachineClientSecret,
    MachineClientUpdate,
    MeRead,
    MeUpdate,
    PasswordChange,
    RevocationsRead,
    StaffDirectoryRead,
    StaffLanguage,
    StaffMemberRead,
    TokenResponse,
    UserCreate,
    UserRead,
    UserUpdate,
)
from gateway.identity.throttle import SignInThrottle
from gateway.models import MachineClient, RefreshToken, Revocation, User
from gateway.ratelimit import TokenBuckets, retry_after_seconds
from services.common.auth import Principal, Revocations
from services.common.calendar import utcnow
from services.common.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
)
from services.common.signing import SigningKey


class OAuthError(DomainError):
    """RFC 6749 §5.2 errors, carried inside a problem+json body (`error` member)."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        # The RFC's error name is the problem's code too.
        super().__init__(detail, code=error, extra={"error": error})
        self.status = status
        self.title = "Token request refused"
        self.slug = f"oauth-{error.replace('_', '-')}"
        if status == 401:
            self.headers["WWW-Authenticate"] = 'Basic realm="polku"'


@dataclass
class Identity:
    """What the identity routes share for the life of the gateway process."""

    settings: GatewaySettings
    key: SigningKey
    hasher: PasswordHasher
    sign_ins: SignInThrottle
    token_requests: TokenBuckets
    token_grants: TokenBuckets
    dummy_hash: str

    @classmethod
    def create(cls, settings: GatewaySettings, key: SigningKey) -> Identity:
        hasher = PasswordHasher(
            time_cost=settings.password_hash_time_cost,
            memory_cost=settings.password_hash_memory_kib,
        )
        return cls(
            settings=settings,
            key=key,
            hasher=hasher,
            sign_ins=SignInThrottle(
                pair_limit=settings.login_failures_per_username_and_address,
                address_limit=settings.login_failures_per_address,
                window_seconds=settings.login_failure_window_seconds,
                slowdown_after=settings.login_failures_per_username_and_address,
                slowdown_base_seconds=settings.login_slowdown_base_seconds,
                slowdown_max_seconds=settings.login_slowdown_max_seconds,
            ),
            token_requests=TokenBuckets(
                settings.token_requests_per_address_per_second,
                settings.token_request_burst_per_address,
            ),
            token_grants=TokenBuckets(
                settings.token_grants_per_client_per_second,
                settings.token_grant_burst_per_client,
            ),
            dummy_hash=hasher.hash(secrets.token_urlsafe(16)),
        )

    def hash_secret(self, secret: str) -> str:
        return self.hasher.hash(secret)

    async def verify_secret(self, stored_hash: str, secret: str) -> bool:
        # Argon2 takes tens of milliseconds on purpose: keep it off the event loop.
        def verify() -> bool:
            try:
                return self.hasher.verify(stored_hash, secret)
            except (VerificationError, InvalidHashError):
                return False

        return await asyncio.to_thread(verify)

    def access_token(
        self,
        subject: str,
        *,
        roles: list[str],
        scopes: list[str],
        kind: str,
        ttl: int,
        extra: dict[str, Any] | None = None,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.settings.issuer,
            "aud": self.settings.audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
            "roles": roles,
            "scope": " ".join(scopes),
            "kind": kind,
            **(extra or {}),
        }
        return self.key.sign(claims)


def _hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    tokens: TokenResponse
    refresh_token: str


def _staff_tokens(identity: Identity, user: User, family_id: uuid.UUID) -> TokenResponse:
    ttl = identity.settings.access_token_ttl_seconds
    token = identity.access_token(
        user.username,
        roles=list(user.roles),
        scopes=[],
        kind="staff",
        ttl=ttl,
        # The session id is the refresh family: logging out names it in the revocations.
        extra={"name": user.display_name, "sid": family_id.hex, "ver": user.token_version},
    )
    return TokenResponse(access_token=token, expires_in=ttl)


async def _new_refresh_token(
    session: AsyncSession, identity: Identity, username: str, family_id: uuid.UUID
) -> str:
    token = secrets.token_urlsafe(32)
    await repository.add(
        session,
        RefreshToken(
            token_hash=_hash_refresh_token(token),
            username=username,
            family_id=family_id,
            expires_at=utcnow() + dt.timedelta(seconds=identity.settings.refresh_token_ttl_seconds),
        ),
    )
    return token


async def _pass_sign_in_throttle(
    identity: Identity, username: str, address: str, *, code: str
) -> None:
    """Refuse (429 with `code`) or slow down a password check as the sign-in throttle says."""
    decision = identity.sign_ins.check(username, address)
    if decision.refuse_for > 0:
        raise TooManyRequests(
            "Too many wrong passwords. Try again later.",
            retry_after=retry_after_seconds(decision.refuse_for),
            code=code,
        )
    if decision.delay > 0:
        await asyncio.sleep(decision.delay)


async def sign_in(
    session: AsyncSession, identity: Identity, username: str, password: str, address: str
) -> SignedIn:
    await _pass_sign_in_throttle(identity, username, address, code="too_many_sign_in_attempts")
    user = await repository.get_user(session, username)
    # Unknown users cost the same hash check, so timing does not reveal who exists.
    stored = user.password_hash if user is not None else identity.dummy_hash
    valid = await identity.verify_secret(stored, password)
    if user is None or not valid or not user.active:
        identity.sign_ins.failed(username, address)
        raise Unauthorized("The username or password is wrong.", code="wrong_credentials")
    identity.sign_ins.succeeded(username, address)
    family_id = uuid.uuid4()
    refresh = await _new_refresh_token(session, identity, user.username, family_id)
    return SignedIn(tokens=_staff_tokens(identity, user, family_id), refresh_token=refresh)


class SessionEnded(Unauthorized):
    default_code = "session_ended"


async def refresh_session(
    session: AsyncSession, identity: Identity, refresh_token: str | None
) -> SignedIn | SessionEnded:
    """A rotated session, or the refusal to answer with (returned, not raised, when the
    refusal itself changed something that must commit)."""
    if not refresh_token:
        raise Unauthorized("No session: sign in again.", code="session_ended")
    stored = await repository.refresh_token_by_hash(session, _hash_refresh_token(refresh_token))
    now = utcnow()
    if stored is None:
        raise Unauthorized("The session has ended: sign in again.", code="session_ended")
    if stored.revoked_at is not None:
        # A rotated token used again: somebody copied it. End the whole session family,
        # its access tokens too, and let that commit even though the caller is refused.
        await _end_session(session, identity.settings, stored.family_id)
        return SessionEnded("The session has ended: sign in again.")
    if stored.expires_at <= now:
        raise Unauthorized("The session has expired: sign in again.", code="session_ended")
    user = await repository.get_user(session, stored.username)
    if user is None or not user.active:
        raise Unauthorized("The account is not active.", code="account_inactive")
    stored.revoked_at = now
    refresh = await _new_refresh_token(session, identity, user.username, stored.family_id)
    return SignedIn(tokens=_staff_tokens(identity, user, stored.family_id), refresh_token=refresh)


async def sign_out(session: AsyncSession, identity: Identity, refresh_token: str | None) -> None:
    if not refresh_token:
        return
    stored = await repository.refresh_token_by_hash(session, _hash_refresh_token(refresh_token))
    if stored is not None:
        await _end_session(session, identity.settings, stored.family_id)


# --- revocations ---------------------------------------------------------------------------


def revocation_horizon(settings: GatewaySettings) -> dt.timedelta:
    """How long a revocation matters: the longest token lifetime, and a minute for clocks."""
    longest = max(settings.access_token_ttl_seconds, settings.machine_token_ttl_seconds)
    return dt.timedelta(seconds=longest + 60)


async def _record_revocation(
    session: AsyncSession,
    settings: GatewaySettings,
    kind: Literal["session", "staff", "machine"],
    key: str,
    version: int | None = None,
) -> None:
    now = utcnow()
    await repository.forget_revocations_before(session, now - revocation_horizon(settings))
    await repository.add(
        session, Revocation(kind=kind, key=key, token_version=version, revoked_at=now)
    )


async def _end_session(
    session: AsyncSession, settings: GatewaySettings, family_id: uuid.UUID
) -> None:
    await repository.revoke_family(session, family_id, utcnow())
    await _record_revocation(session, settings, "session", family_id.hex)


async def _void_tokens(
    session: AsyncSession, settings: GatewaySettings, subject: User | MachineClient
) -> None:
    """Every access token the subject holds now stops working; new ones carry the new version."""
    subject.token_version += 1
    if isinstance(subject, User):
        await _record_revocation(
            session, settings, "staff", subject.username, subject.token_version
        )
    else:
        await _record_revocation(
            session, settings, "machine", subject.client_id, subject.token_version
        )


async def revocations(session: AsyncSession, settings: GatewaySettings) -> RevocationsRead:
    rows = await repository.revocations_since(session, utcnow() - revocation_horizon(settings))
    sessions: set[str] = set()
    versions: dict[str, dict[str, int]] = {"staff": {}, "machine": {}}
    for row in rows:
        if row.kind == "session":
            sessions.add(row.key)
        elif row.kind in versions and row.token_version is not None:
            lowest_valid = versions[row.kind]
            lowest_valid[row.key] = max(lowest_valid.get(row.key, 0), row.token_version)
    return RevocationsRead(
        sessions=sorted(sessions), staff=versions["staff"], machine=versions["machine"]
    )


def as_revocations(read: RevocationsRead) -> Revocations:
    return Revocations(
        sessions=frozenset(read.sessions), staff=dict(read.staff), machine=dict(read.machine)
    )


async def client_credentials(
    session: AsyncSession,
    identity: Identity,
    *,
    grant_type: str,
    client_id: str | None,
    client_secret: str | None,
    scope: str | None,
    address: str,
) -> ClientTokenResponse:
    # Every request costs a hash check, so an address gets only so many; a client id is
    # limited only in the tokens it is granted, which a guesser of its secret cannot spend.
    wait = identity.token_requests.take(address)
    if wait:
        raise TooManyRequests(
            "Too many token requests from this address.", retry_after=retry_after_seconds(wait)
        )
    if grant_type != "client_credentials":
        raise OAuthError(400, "unsupported_grant_type", "Only client_credentials is supported.")
    if not client_id or not client_secret:
        raise OAuthError(401, "invalid_client", "client_id and client_secret are required.")
    client = await repository.get_machine_client(session, client_id)
    stored = client.secret_hash if client is not None else identity.dummy_hash
    valid = await identity.verify_secret(stored, client_secret)
    if client is None or not valid or not client.active:
        raise OAuthError(401, "invalid_client", "The client is unknown or the secret is wrong.")
    held = list(client.scopes)
    asked = scope.split() if scope else held
    not_held = sorted(set(asked) - set(held))
    if not_held:
        raise OAuthError(400, "invalid_scope", f"The client does not hold: {' '.join(not_held)}.")
    wait = identity.token_grants.take(client.client_id)
    if wait:
        raise TooManyRequests(
            "This client asks for tokens too often: keep a token until it nearly expires.",
            retry_after=retry_after_seconds(wait),
        )
    ttl = identity.settings.machine_token_ttl_seconds
    extra: dict[str, Any] = {"ver": client.token_version}
    if client.rate_per_second or client.burst:
        extra["rl"] = [client.rate_per_second, client.burst]
    token = identity.access_token(
        client.client_id, roles=[], scopes=asked, kind="machine", ttl=ttl, extra=extra
    )
    return ClientTokenResponse(access_token=token, expires_in=ttl, scope=" ".join(asked))


async def me(session: AsyncSession, principal: Principal) -> MeRead:
    if principal.is_machine:
        client = await repository.get_machine_client(session, principal.subject)
        name = client.name if client else principal.subject
    else:
        user = await repository.get_user(session, principal.subject)
        if user is None or not user.active:
            raise Unauthorized("The account is not active.", code="account_inactive")
        return MeRead(
            username=principal.subject,
            display_name=user.display_name,
            roles=sorted(principal.roles),
            scopes=sorted(principal.scopes),
            email=user.email,
            language=_language(user.language),
        )
    return MeRead(
        username=principal.subject,
        display_name=name,
        roles=sorted(principal.roles),
        scopes=sorted(principal.scopes),
    )


def _language(value: str) -> StaffLanguage:
    return "en" if value == "en" else "fi"


def _apply_contact_details(user: User, data: MeUpdate | UserUpdate) -> None:
    # `email` given as null clears the address, left out keeps it (hence fields_set).
    if "email" in data.model_fields_set:
        user.email = data.email
    if data.language is not None:
        user.language = data.language


async def update_me(session: AsyncSession, principal: Principal, data: MeUpdate) -> MeRead:
    """A staff member's own e-mail address and language."""
    if principal.is_machine:
        raise Forbidden("Only a person has contact details.", code="staff_only")
    user = await repository.get_user(session, principal.subject)
    if user is None or not user.active:
        raise Unauthorized("The account is not active.", code="account_inactive")
    _apply_contact_details(user, data)
    await session.flush()
    return await me(session, principal)


def session_of(verified_token: str) -> uuid.UUID | None:
    """The session (refresh family) a staff access token belongs to. Only for a token that
    the caller's verifier has already accepted: its claims are read, not checked again."""
    sid = jwt.get_unverified_claims(verified_token).get("sid")
    return uuid.UUID(hex=sid) if isinstance(sid, str) else None


async def change_own_password(
    session: AsyncSession,
    identity: Identity,
    principal: Principal,
    current_session: uuid.UUID | None,
    data: PasswordChange,
    address: str,
) -> None:
    """A staff member's own new password. The current password is asked under the sign-in
    throttle, since a stolen screen could otherwise guess it here; the sessions on other
    devices end, the one that asked stays signed in."""
    if principal.is_machine:
        raise Forbidden("Only a person has a password to change.", code="staff_only")
    await _pass_sign_in_throttle(
        identity, principal.subject, address, code="too_many_password_attempts"
    )
    user = await repository.get_user(session, principal.subject)
    if user is None or not user.active:
        raise Unauthorized("The account is not active.", code="account_inactive")
    if not await identity.verify_secret(user.password_hash, data.current_password):
        identity.sign_ins.failed(principal.subject, address)
        raise Unprocessable.field(
            ["body", "current_password"],
            "The current password is wrong.",
            code="wrong_current_password",
        )
    identity.sign_ins.succeeded(principal.subject, address)
    if data.new_password == data.current_password:
        raise Unprocessable.field(
            ["body", "new_password"],
            "The new password is the same as the current one.",
            code="password_unchanged",
        )
    user.password_hash = await asyncio.to_thread(identity.hash_secret, data.new_password)
    for family_id in await repository.live_session_families(session, user.username):
        if family_id != current_session:
            await _end_session(session, identity.settings, family_id)
    await session.flush()


async def staff_directory(
    session: AsyncSession, principal: Principal, *, role: str | None, active: bool
) -> StaffDirectoryRead:
    """Staff by display name, for the pickers; staff tokens only (a machine has no use for
    names, and the services ask `/internal/users/…` instead)."""
    if principal.is_machine:
        raise Forbidden("The staff directory is for staff.", code="staff_only")
    users = await repository.list_staff(session, active=active)
    chosen = [u for u in users if role is None or role in u.roles]
    chosen.sort(key=lambda u: (u.display_name.casefold(), u.username))
    return StaffDirectoryRead(items=[StaffMemberRead.model_validate(u) for u in chosen])


async def internal_user(session: AsyncSession, username: str) -> InternalUserRead:
    user = await repository.get_user(session, username)
    if user is None:
        raise NotFound("No such user.", code="user_not_found")
    return InternalUserRead.model_validate(user)


async def list_users(session: AsyncSession) -> list[UserRead]:
    return [UserRead.model_validate(u) for u in await repository.list_users(session)]


async def get_user(session: AsyncSession, username: str) -> UserRead:
    user = await repository.get_user(session, username)
    if user is None:
        raise NotFound("No such user.", code="user_not_found")
    return UserRead.model_validate(user)


async def create_user(session: AsyncSession, identity: Identity, data: UserCreate) -> UserRead:
    if await repository.get_user(session, data.username) is not None:
        raise Conflict(
            f"The username '{data.username}' is taken.",
            code="username_taken",
            params={"username": data.username},
        )
    password_hash = await asyncio.to_thread(identity.hash_secret, data.password)
    user = User(
        username=data.username,
        display_name=data.display_name,
        roles=list(data.roles),
        password_hash=password_hash,
        active=True,
        email=data.email,
        language=data.language,
    )
    await repository.add(session, user)
    return UserRead.model_validate(user)


async def update_user(
    session: AsyncSession, identity: Identity, username: str, data: UserUpdate
) -> UserRead:
    user = await repository.get_user(session, username)
    if user is None:
        raise NotFound("No such user.", code="user_not_found")
    if data.display_name is not None:
        user.display_name = data.display_name
    _apply_contact_details(user, data)
    # Roles travel in the token, so a change voids the tokens held; the session stays and
    # its next refresh carries the new roles. A new password or a deactivation ends sessions.
    void = data.roles is not None and sorted(set(data.roles)) != sorted(user.roles)
    if data.roles is not None:
        user.roles = sorted(set(data.roles))
    if data.password is not None:
        user.password_hash = await asyncio.to_thread(identity.hash_secret, data.password)
        await repository.revoke_all_for_user(session, username, utcnow())
        void = True
    if data.active is not None:
        if not data.active:
            await repository.revoke_all_for_user(session, username, utcnow())
            void = void or user.active
        user.active = data.active
    if void:
        await _void_tokens(session, identity.settings, user)
    await session.flush()
    return UserRead.model_validate(user)


async def list_machine_clients(session: AsyncSession) -> list[MachineClientRead]:
    return [
        MachineClientRead.model_validate(c) for c in await repository.list_machine_clients(session)
    ]


async def create_machine_client(
    session: AsyncSession, identity: Identity, data: MachineClientCreate
) -> MachineClientSecret:
    if await repository.get_machine_client(session, data.client_id) is not None:
        raise Conflict(
            f"The client id '{data.client_id}' is taken.",
            code="client_id_taken",
            params={"client_id": data.client_id},
        )
    secret = secrets.token_urlsafe(32)
    client = MachineClient(
        client_id=data.client_id,
        name=data.name,
        scopes=sorted(set(data.scopes)),
        secret_hash=await asyncio.to_thread(identity.hash_secret, secret),
        active=True,
        rate_per_second=data.rate_per_second,
        burst=data.burst,
    )
    await repository.add(session, client)
    return MachineClientSecret(
        **MachineClientRead.model_validate(client).model_dump(), client_secret=secret
    )


async def update_machine_client(
    session: AsyncSession, identity: Identity, client_id: str, data: MachineClientUpdate
) -> MachineClientRead:
    client = await repository.get_machine_client(session, client_id)
    if client is None:
        raise NotFound("No such machine client.", code="machine_client_not_found")
    changes = data.model_dump(exclude_unset=True)
    if "scopes" in changes and changes["scopes"] is not None:
        changes["scopes"] = sorted(set(changes["scopes"]))
    # Disabling a client, or taking a scope from it, voids the tokens it holds.
    void = (changes.get("active") is False and client.active) or (
        changes.get("scopes") is not None and changes["scopes"] != sorted(client.scopes)
    )
    for field, value in changes.items():
        if value is not None or field in ("rate_per_second", "burst"):
            setattr(client, field, value)
    if void:
        await _void_tokens(session, identity.settings, client)
    await session.flush()
    return MachineClientRead.model_validate(client)


async def rotate_machine_client_secret(
    session: AsyncSession, identity: Identity, client_id: str
) -> MachineClientSecret:
    client = await repository.get_machine_client(session, client_id)
    if client is None:
        raise NotFound("No such machine client.", code="machine_client_not_found")
    secret = secrets.token_urlsafe(32)
    client.secret_hash = await asyncio.to_thread(identity.hash_secret, secret)
    await _void_tokens(session, identity.settings, client)
    await session.flush()
    return MachineClientSecret(
        **MachineClientRead.model_validate(client).model_dump(), client_secret=secret
    )


async def ensure_user(
    session: AsyncSession,
    identity: Identity,
    username: str,
    display_name: str,
    roles: list[str],
    password: str,
) -> None:
    """Create the account when missing (demo seeding); an existing one is left as it is."""
    if await repository.get_user(session, username) is None:
        await repository.add(
            session,
            User(
                username=username,
                display_name=display_name,
                roles=roles,
                password_hash=identity.hash_secret(password),
                active=True,
            ),
        )


async def ensure_machine_client(
    session: AsyncSession,
    identity: Identity,
    client_id: str,
    name: str,
    scopes: list[str],
    secret: str,
) -> None:
    """Create the client, or reset its secret and scopes to the configured ones."""
    client = await repository.get_machine_client(session, client_id)
    if client is None:
        await repository.add(
            session,
            MachineClient(
                client_id=client_id,
                name=name,
                scopes=scopes,
                secret_hash=identity.hash_secret(secret),
                active=True,
            ),
        )
        return
    # The configured secret wins: rotating it in the settings takes effect on the next seed,
    # and voids the tokens the old secret got. An unchanged seed leaves the tokens alone.
    new_secret = not await identity.verify_secret(client.secret_hash, secret)
    if new_secret:
        client.secret_hash = identity.hash_secret(secret)
    if new_secret or sorted(client.scopes) != sorted(scopes):
        client.scopes = scopes
        await _void_tokens(session, identity.settings, client)
