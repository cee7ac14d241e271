"""The kinds of notification, and how a person may choose to receive each."""

from __future__ import annotations

from typing import Literal

NotificationKind = Literal[
    "referral_received",
    "referral_answered",
    "referral_expiring",
    "lead_assigned",
    "handoff_waiting",
    "import_finished",
    "contact_due",
    "lead_contact_due",
    "follow_up_due",
    "plan_review_due",
]
KINDS: tuple[str, ...] = NotificationKind.__args__  # type: ignore[attr-defined]

# off: not shown; app: in the app only; app_email: in the app and by e-mail.
DeliveryMode = Literal["off", "app", "app_email"]
EmailMode = Literal["immediate", "digest"]

# Without a choice of their own a person sees everything in the app and gets it by e-mail
# in the daily digest (when they have an address).
DEFAULT_MODE: DeliveryMode = "app_email"
DEFAULT_EMAIL_MODE: EmailMode = "digest"
