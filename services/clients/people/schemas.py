"""Clients and consents. Field names follow the import's columns (CONTRACTS §4, §6)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu

from services.clients.catalogue.schemas import ConsentPurpose
from services.clients.pathway.schemas import CoordinatorRead, EnrolmentRead, ServiceLine
from services.common.calendar import helsinki_today
from services.common.pagination import DEFAULT_LIMIT, MAX_LIMIT
from services.common.text import Username, name, name_rules

Gender = Literal["female", "male", "other", "unknown"]
EducationLevel = Literal["isced_0_2", "isced_3_4", "isced_5_8", "unknown"]
TargetGroup = Literal[
    "under_30", "foreign_language", "partial_work_ability", "long_term_unemployed"
]


def normalise_identity_code(value: str) -> str:
    """The compact form of a valid personal identity code (2023 century signs and the
    temporary 900-999 range included); refused as `invalid_identity_code`."""
    try:
        return str(hetu.validate(value, allow_temporary=True))
    except StdnumError:
        raise PydanticCustomError(
            "invalid_identity_code", "not a valid personal identity code"
        ) from None


def birth_year_of(code: str) -> int:
    century = {"+": 1800, "-": 1900, "A": 2000}
    sign = code[6]
    base = century.get(sign, 1900 if sign in "YXWVU" else 2000)
    return base + int(code[4:6])


def mask_identity_code(code: str | None) -> str | None:
    return f"{code[:7]}***{code[10]}" if code else None


def normalise_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        raise PydanticCustomError("invalid_phone", "not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("invalid_phone", "not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_birth_year(value: int) -> int:
    if value > helsinki_today().year:
        raise PydanticCustomError(
            "birth_year_in_future", "the year of birth cannot be in the future"
        )
    return value


Name = Annotated[str, name_rules(max_length=100)]
Municipality = Annotated[str, name_rules(min_length=None, max_length=60)]
Address = Annotated[str, name_rules(min_length=None, max_length=300)]
RegisterRef = Annotated[str, name_rules(min_length=None, max_length=50)]
SearchText = Annotated[str, name_rules(min_length=None, max_length=100)]
IdentityCode = Annotated[str, Field(max_length=20), AfterValidator(normalise_identity_code)]
Phone = Annotated[str, Field(max_length=40), AfterValidator(normalise_phone)]
Email = Annotated[
    str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), AfterValidator(name)
]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1")]
BirthYear = Annotated[int, Field(ge=1900), AfterValidator(check_birth_year)]


class ContactDetails(BaseModel):
    """Background a client, a coach or the registration form may give."""

    birth_year: BirthYear | None = None
    gender: Gender | None = None
    municipality: Municipality | None = None
    language: Language | None = None
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None
    education_level: EducationLevel | None = None
    target_groups: list[TargetGroup] = Field(default_factory=list)
    interpreter_needed: bool = False


class ClientCreate(ContactDetails):
    first_name: Name
    last_name: Name
    personal_identity_code: IdentityCode | None = None
    national_register_ref: RegisterRef | None = None
    non_disclosure: bool = False


class ClientUpdate(BaseModel):
    first_name: Name | None = None
    last_name: Name | None = None
    personal_identity_code: IdentityCode | None = None
    birth_year: BirthYear | None = None
    gender: Gender | None = None
    municipality: Municipality | None = None
    language: Language | None = None
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None
    education_level: EducationLevel | None = None
    target_groups: list[TargetGroup] | None = None
    interpreter_needed: bool | None = None
    national_register_ref: RegisterRef | None = None
    non_disclosure: bool | None = None


class ClientSummaryRead(BaseModel):
    """A list row: the identity code masked, no contact details."""

    id: uuid.UUID
    first_name: str
    last_name: str
    personal_identity_code: str | None
    birth_year: int | None
    municipality: str | None
    awaiting_triage: bool
    possible_duplicates: list[uuid.UUID]


# One vocabulary of a client's state on every page: the state of the client's current
# enrolment (the newest open one, else the newest), `ended` for every closed one
# (ended, cancelled, not_reached); without an enrolment, `triage` for a self-registration
# waiting for a coordinator and `no_enrolment` otherwise.
ClientState = Literal["triage", "no_enrolment", "registered", "contacted", "active", "ended"]
CLIENT_STATES: tuple[str, ...] = ClientState.__args__  # type: ignore[attr-defined]
ClientSort = Literal["name", "registered_on", "contact_due", "state"]


class ClientListItem(ClientSummaryRead):
    """A row of the client list: the summary and the pathway's state (all null for a caller
    who may not see the client's enrolments)."""

    state: ClientState | None = None
    service_line: str | None = None
    enrolment_id: uuid.UUID | None = Field(None, description="The current enrolment")
    registered_on: dt.date | None = None
    coordinators: list[CoordinatorRead] = Field(default_factory=list)
    contact_due: dt.date | None = None
    overdue_working_days: int | None = Field(
        None, description="Working days past `contact_due` while the client awaits contact"
    )


class ClientListQuery(BaseModel):
    """The client list's filters and order; the filters on the pathway's state select only
    clients whose enrolments the caller sees."""

    q: SearchText | None = Field(None, description="A name, or an exact identity code")
    mine: bool = Field(False, description="Only the clients the caller is responsible for")
    state: ClientState | None = None
    service_line: ServiceLine | None = None
    coordinator: Username | None = Field(None, description="Named on the current enrolment")
    overdue: bool = Field(False, description="Only clients not contacted by `contact_due`")
    sort: ClientSort = "name"
    order: Literal["asc", "desc"] = "asc"
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page")
    cursor: str | None = Field(
        None, max_length=500, description="`next_cursor` of the previous page"
    )


class ClientListPage(BaseModel):
    items: list[ClientListItem]
    next_cursor: str | None = None
    total: int = Field(description="Rows matching the filters, over every page")


class ClientLookup(BaseModel):
    personal_identity_code: IdentityCode


class ClientLookupRead(BaseModel):
    """Only that the person is a client, and whether they may be referred now."""

    client_id: uuid.UUID
    may_refer: bool = Field(description="No open enrolment: an enrolment may be started")


class ClientRead(ClientSummaryRead):
    gender: str | None
    language: str | None
    phone: str | None
    email: str | None
    address: str | None
    contact_details_hidden: bool
    education_level: str | None
    target_groups: list[str]
    interpreter_needed: bool
    national_register_ref: str | None
    non_disclosure: bool
    source: str
    created_by: str
    created_at: dt.datetime
    responsible: list[str]
    enrolments: list[EnrolmentRead]


class ConsentCreate(BaseModel):
    purpose: ConsentPurpose


class ConsentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    purpose: str
    granted_at: dt.datetime
    granted_by: str
    withdrawn_at: dt.datetime | None
    withdrawn_by: str | None
