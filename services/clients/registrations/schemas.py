from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from services.clients.catalogue.schemas import ConsentPurpose
from services.clients.pathway.schemas import ServiceLine
from services.clients.people.schemas import ContactDetails, Name


class RegistrationCreate(ContactDetails):
    """The public self-registration form (it replaces the Webropol form)."""

    first_name: Name
    last_name: Name
    consents: list[ConsentPurpose] = Field(default_factory=list)
    preferred_service_line: ServiceLine | None = None
    personal_identity_code: str | None = Field(
        None, description="Never accepted here: it needs strong identification."
    )


class RegistrationRead(BaseModel):
    """A receipt: nothing the sender gave is echoed back."""

    id: uuid.UUID
    status: Literal["received"] = "received"
