"""The typed client of the notifications service's internal API (docs/internal-api.md): the
reminders it keeps about a client, for the data-subject export and the anonymisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.clients.config import ClientsSettings
from services.clients.data_subject_api import DataSubjectApi


class NotificationsApi(DataSubjectApi):
    service_label = "notifications"


def _notifications_api(request: Request) -> NotificationsApi:
    # Built per request from app.state: the tests swap the httpx client and token source.
    settings: ClientsSettings = request.app.state.settings
    return NotificationsApi(
        request.app.state.http, settings.notifications_url, request.app.state.machine_tokens
    )


NotificationsApiDep = Annotated[NotificationsApi, Depends(_notifications_api)]
