"""Input types shared by the domains' schemas: Y-tunnus, phone numbers, short texts (the
common text rules: services/common/text.py)."""

from __future__ import annotations

from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError
from stdnum.fi import ytunnus

from services.common import text


def canonical_business_id(value: str) -> str:
    """`1572860-0` however it was typed (`15728600`, ` 1572860-0 `); a bad one is refused."""
    try:
        return str(ytunnus.format(ytunnus.validate(value)))
    except ytunnus.ValidationError:
        raise PydanticCustomError(
            "invalid_business_id", "not a valid Y-tunnus (business id)"
        ) from None


def canonical_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        raise PydanticCustomError("invalid_phone", "not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("invalid_phone", "not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain or " " in value:
        raise PydanticCustomError("invalid_email", "not an e-mail address")
    return value


BusinessId = Annotated[str, AfterValidator(canonical_business_id)]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(canonical_phone)
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(_email),
    AfterValidator(text.name),
]
Name = Annotated[str, text.name_rules(max_length=200)]
ShortText = Annotated[str, text.name_rules(min_length=None, max_length=200)]
Municipality = Annotated[str, text.name_rules(max_length=60)]
LongText = Annotated[str, text.free_text_rules(max_length=10_000)]
Positions = Annotated[int, Field(ge=1, le=1000)]
Username = text.Username
EffectKey = Annotated[str, text.name_rules(max_length=200)]
