from __future__ import annotations

from pydantic import BaseModel, Field


class GatewayMessage(BaseModel):
    """The JSON body the HTTP adapter posts to the SMS gateway (`POLKU_NOTIFICATIONS_SMS_URL`,
    with `Authorization: Bearer <SMS_TOKEN>`): the shape of a typical Finnish gateway's
    REST call. Any 2xx answer is success."""

    sender: str = Field(description="The name the phone shows (`SMS_SENDER`)")
    destination: str = Field(description="The client's number in E.164 form")
    text: str


class TextRunRead(BaseModel):
    """What one round of text reminders did: sent, or failed and left for the next round."""

    sent: int
    failed: int
