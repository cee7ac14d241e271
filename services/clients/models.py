"""The tables of the clients service's own database."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from services.common.audit import define_access_log
from services.common.db import new_metadata
from services.common.events import define_outbox


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = define_outbox(Base.metadata)
access_log = define_access_log(Base.metadata)
