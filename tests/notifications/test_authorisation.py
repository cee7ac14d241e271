"""Who may do what with notifications: each case's expected answer is stated in a table of
its own, then every case is tried against one world."""

from __future__ import annotations

from typing import Any

from tests.notifications.conftest import NOTIFICATIONS, Desk

# A fixed id that no notification has (fixed: xdist workers must collect the same tests).
FORGED_ID = "5d0c1f44-7a43-4c4b-9e55-0f3d8c2b7e01"
OVERSIZED_KINDS = {f"kind_{n:05d}": "app" for n in range(5000)}

# case → (caller, method, path, JSON body); `{mine}` is a notification of bc1's.
CASES: dict[str, tuple[str, str, str, Any]] = {
    "bc1 lists her own": ("bc1", "GET", "", None),
    "bc1 counts her own": ("bc1", "GET", "/count", None),
    "a coach lists his own (empty)": ("coach", "GET", "", None),
    "a machine client lists": ("machine", "GET", "", None),
    "a machine client counts": ("machine", "GET", "/count", None),
    "nobody signed in lists": ("anonymous", "GET", "", None),
    "bc2 reads bc1's notification": ("bc2", "POST", "/{mine}/read", None),
    "bc2 dismisses bc1's notification": ("bc2", "POST", "/{mine}/dismiss", None),
    "the admin reads bc1's notification": ("admin", "POST", "/{mine}/read", None),
    "a machine client reads bc1's notification": ("machine", "POST", "/{mine}/read", None),
    "bc1 reads a forged id": ("bc1", "POST", f"/{FORGED_ID}/read", None),
    "bc1 reads an id that is no id": ("bc1", "POST", "/not-an-id/read", None),
    "bc1 reads a path that escapes": ("bc1", "POST", "/..%2f..%2finternal/read", None),
    "bc1 dismisses a forged id": ("bc1", "POST", f"/{FORGED_ID}/dismiss", None),
    "bc1 reads her preferences": ("bc1", "GET", "/preferences", None),
    "a machine client reads preferences": ("machine", "GET", "/preferences", None),
    "bc1 saves an oversized body of unknown kinds": (
        "bc1",
        "PUT",
        "/preferences",
        {"kinds": OVERSIZED_KINDS},
    ),
    "bc1 saves a field that does not exist": ("bc1", "PUT", "/preferences", {"owner": "bc2"}),
    "bc1 saves a digest hour past midnight": ("bc1", "PUT", "/preferences", {"digest_hour": 24}),
    "bc1 asks for a catch-up": ("bc1", "POST", "/catch-up", None),
    "a machine client asks for a catch-up": ("machine", "POST", "/catch-up", None),
    "the admin asks for a catch-up": ("admin", "POST", "/catch-up", None),
    "wac1 sends the mail": ("wac1", "POST", "/mail/send", None),
    "the admin sends the mail": ("admin", "POST", "/mail/send", None),
    "bc1 reads her own notification": ("bc1", "POST", "/{mine}/read", None),
}

EXPECTED: dict[str, int] = {
    "bc1 lists her own": 200,
    "bc1 counts her own": 200,
    "a coach lists his own (empty)": 200,
    "a machine client lists": 403,
    "a machine client counts": 403,
    "nobody signed in lists": 401,
    "bc2 reads bc1's notification": 404,
    "bc2 dismisses bc1's notification": 404,
    "the admin reads bc1's notification": 404,
    "a machine client reads bc1's notification": 403,
    "bc1 reads a forged id": 404,
    "bc1 reads an id that is no id": 422,
    "bc1 reads a path that escapes": 404,
    "bc1 dismisses a forged id": 404,
    "bc1 reads her preferences": 200,
    "a machine client reads preferences": 403,
    "bc1 saves an oversized body of unknown kinds": 422,
    "bc1 saves a field that does not exist": 422,
    "bc1 saves a digest hour past midnight": 422,
    "bc1 asks for a catch-up": 403,
    "a machine client asks for a catch-up": 403,
    "the admin asks for a catch-up": 200,
    "wac1 sends the mail": 403,
    "the admin sends the mail": 200,
    "bc1 reads her own notification": 200,
}


async def test_each_caller_gets_the_answer_the_table_states(desk: Desk) -> None:
    assert CASES.keys() == EXPECTED.keys()
    await desk.referral_to("bc1")
    await desk.follow()
    [mine] = await desk.listed("bc1")

    found: dict[str, int] = {}
    problems: dict[str, Any] = {}
    for case, (caller, method, path, body) in CASES.items():
        url = NOTIFICATIONS + path.format(mine=mine["id"])
        response = await desk.notifications.client.request(
            method, url, json=body, headers=desk.headers_of(caller)
        )
        found[case] = response.status_code
        if response.status_code >= 400:
            problems[case] = response.json()
    assert found == EXPECTED
    # Every refusal is a problem with a stable code the app translates.
    assert all(p.get("code") for p in problems.values()), problems
    assert problems["bc2 reads bc1's notification"]["code"] == "notification_not_found"


async def test_others_attempts_leave_bc1s_notification_unread_and_listed(desk: Desk) -> None:
    await desk.referral_to("bc1")
    await desk.follow()
    [mine] = await desk.listed("bc1")
    for caller in ("bc2", "admin", "wac1"):
        for action in ("read", "dismiss"):
            await desk.notifications.client.post(
                f"{NOTIFICATIONS}/{mine['id']}/{action}", headers=desk.as_(caller)
            )
    assert await desk.listed("bc1", unread="true") == [mine]
    assert await desk.listed("bc2") == []
