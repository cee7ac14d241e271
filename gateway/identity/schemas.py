from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from services.common.text import Username, name_rules, username

StaffRole = Literal[
    "coach", "work_ability_coordinator", "business_coordinator", "team_lead", "admin"
]
MachineScope = Literal[
    "leads:write", "leads:read", "metrics:read", "events:read", "users:read", "internal"
]
DisplayName = Annotated[str, name_rules(max_length=200)]
# The one rule a new password meets wherever it is set: the admin's forms and one's own page.
NewPassword = Annotated[str, Field(min_length=12, max_length=200)]
StaffLanguage = Literal["fi", "en"]


def _email(value: str) -> str:
    # Shape only: the mail server is the judge of whether the mailbox exists.
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain.strip(".") or " " in value or "@" in domain:
        raise PydanticCustomError("invalid_email", "not an e-mail address")
    return value


StaffEmail = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_email)
]


def _sign_in_name(value: str) -> str:
    # Held to the pattern before it reaches the throttle or the database, but as typed:
    # `WAC1` stays a wrong sign-in (401) that the case-blind throttle counts for wac1.
    username(value.lower())
    return value


class LoginRequest(BaseModel):
    username: Annotated[str, AfterValidator(_sign_in_name)]
    password: str = Field(min_length=1, max_length=200)


class PasswordChange(BaseModel):
    """One's own new password; the current one proves it is the owner at the keyboard."""

    current_password: str = Field(min_length=1, max_length=200)
    new_password: NewPassword


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int


class ClientTokenResponse(TokenResponse):
    scope: str


class MeRead(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    scopes: list[str]
    # Null for a machine client, which has neither.
    email: str | None = None
    language: StaffLanguage | None = None


class MeUpdate(BaseModel):
    """One's own contact details; `email: null` removes the address."""

    email: StaffEmail | None = None
    language: StaffLanguage | None = None


class StaffMemberRead(BaseModel):
    """One person in the staff directory: what a picker shows and sends."""

    model_config = ConfigDict(from_attributes=True)

    username: str
    display_name: str
    roles: list[str]


class StaffDirectoryRead(BaseModel):
    items: list[StaffMemberRead]


class InternalUserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    username: str
    display_name: str
    roles: list[str]
    active: bool
    email: str | None
    language: StaffLanguage


class UserRead(InternalUserRead):
    pass


class UserCreate(BaseModel):
    username: Username
    display_name: DisplayName
    roles: list[StaffRole] = Field(min_length=1)
    password: NewPassword
    email: StaffEmail | None = None
    language: StaffLanguage = "fi"

    @field_validator("roles")
    @classmethod
    def _unique(cls, roles: list[StaffRole]) -> list[StaffRole]:
        return sorted(set(roles))


class UserUpdate(BaseModel):
    display_name: DisplayName | None = None
    roles: list[StaffRole] | None = Field(None, min_length=1)
    active: bool | None = None
    password: NewPassword | None = None
    # Sent as null, the address is removed; left out, it stays.
    email: StaffEmail | None = None
    language: StaffLanguage | None = None


class MachineClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    client_id: str
    name: str
    scopes: list[str]
    active: bool
    rate_per_second: float | None
    burst: int | None


class MachineClientCreate(BaseModel):
    client_id: Username
    name: DisplayName
    scopes: list[MachineScope] = Field(min_length=1)
    rate_per_second: float | None = Field(None, gt=0, le=10_000)
    burst: int | None = Field(None, ge=1, le=10_000)


class MachineClientUpdate(BaseModel):
    name: DisplayName | None = None
    scopes: list[MachineScope] | None = Field(None, min_length=1)
    active: bool | None = None
    rate_per_second: float | None = Field(None, gt=0, le=10_000)
    burst: int | None = Field(None, ge=1, le=10_000)


class MachineClientSecret(MachineClientRead):
    """Returned once, when the client is created or its secret rotated."""

    client_secret: str


class OpenIdConfiguration(BaseModel):
    issuer: str
    jwks_uri: str
    token_endpoint: str
    grant_types_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    scopes_supported: list[str]


class RevocationsRead(BaseModel):
    """What every token verifier must refuse: the ended sessions (`sid`), and for each
    subject whose tokens were voided the lowest token version (`ver`) still valid."""

    sessions: list[str]
    staff: dict[str, int]
    machine: dict[str, int]
