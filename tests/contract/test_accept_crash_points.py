"""Issue 11, acceptance 3: an accept killed at each step never splits the brain.

The referrals service is SIGKILLed at a named point of an accept (a test-only hook,
`POLKU_REFERRALS_CRASH_AT`, honoured only with POLKU_ENV=test), with the clients service
paused (SIGSTOP) around it, as the attack did. After both are running again: an accept that
did not commit leaves a referral that a decline still closes, and the addressee keeps no
access; an accept that committed starts the warm hand-off exactly once, a later decline is
refused, and completing it hands the client over once.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.contract.test_referrals_between_processes import Team, ok, wait_for
from tests.system import RunningSystem

pytestmark = pytest.mark.system

# The retrier runs every second in the test system; a restart and a pass fit in this.
HEALED_WITHIN_SECONDS = 30.0

# crash point → did the acceptance commit before the process died?
CRASH_POINTS = {
    "accept.before_commit": False,
    "accept.after_commit": True,
    "effect.before_call:coordinators_handoff_start": True,
    "effect.after_call:coordinators_handoff_start": True,
}


@pytest.fixture
def team(system: RunningSystem) -> Iterator[Team]:
    with httpx.Client(base_url=system.gateway_url, timeout=30) as http:
        yield Team(system, http, {})


def _pause(system: RunningSystem, process: str) -> None:
    os.kill(system.processes[process].pid, signal.SIGSTOP)


def _resume(system: RunningSystem, process: str) -> None:
    os.kill(system.processes[process].pid, signal.SIGCONT)


def _restart_with(system: RunningSystem, process: str, settings: dict[str, str]) -> None:
    saved = dict(system.env)
    system.stop(process)
    system.env.update(settings)
    try:
        system.start(process)
    finally:
        system.env.clear()
        system.env.update(saved)


def _wait_until_dead(system: RunningSystem, process: str, seconds: float) -> None:
    proc = system.processes[process]
    try:
        proc.wait(timeout=seconds)
    except Exception:
        pytest.fail(f"{process} did not reach its crash point within {seconds} s")
    assert proc.returncode == -signal.SIGKILL, proc.returncode
    system.processes.pop(process)


def _coordinator_changes(team: Team, enrolment_id: str) -> list[dict[str, Any]]:
    return [
        e
        for e in team.clients_events()
        if e["type"] == "enrolment.coordinators_changed" and e["subject_id"] == enrolment_id
    ]


def _accept_in_background(team: Team, referral_id: str) -> tuple[threading.Thread, list[int]]:
    """The accept's answer never comes (the process dies): send it from a thread."""
    answers: list[int] = []
    headers = team.as_("bc1")

    def accept() -> None:
        with httpx.Client(base_url=team.system.gateway_url, timeout=60) as http:
            answers.append(
                http.post(f"/api/v1/referrals/{referral_id}/accept", headers=headers).status_code
            )

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return thread, answers


def _status(team: Team, username: str, referral_id: str) -> Callable[[], str]:
    def read() -> str:
        response = team.http.get(f"/api/v1/referrals/{referral_id}", headers=team.as_(username))
        return str(ok(response)["status"])

    return read


@pytest.mark.parametrize("point", list(CRASH_POINTS))
def test_an_accept_killed_at_each_step_is_applied_once_or_not_at_all(
    team: Team, system: RunningSystem, point: str
) -> None:
    client_id, enrolment_id = team.new_client("wac1", "work_ability")
    sent = team.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    referral_id = sent["id"]
    wait_for(lambda: team.sees("bc1", client_id), HEALED_WITHIN_SECONDS, "the addressee's grant")

    _restart_with(system, "referrals", {"POLKU_REFERRALS_CRASH_AT": json.dumps([point])})
    _pause(system, "clients")
    try:
        thread, _ = _accept_in_background(team, referral_id)
        if point.startswith("effect.after_call"):
            # The call to the paused clients service waits; once the acceptance is stored,
            # let the clients service carry the change out, so the process dies after it.
            deadline = time.monotonic() + HEALED_WITHIN_SECONDS
            while _status(team, "bc1", referral_id)() != "accepted":
                assert time.monotonic() < deadline, "the acceptance was not stored"
                time.sleep(0.1)
            _resume(system, "clients")
        _wait_until_dead(system, "referrals", HEALED_WITHIN_SECONDS)
    finally:
        _resume(system, "clients")
    thread.join(timeout=30)
    system.start("referrals")

    committed = CRASH_POINTS[point]
    if committed:
        wait_for(
            lambda: sorted(team.coordinators("lead", client_id, enrolment_id)) == ["bc1", "wac1"],
            HEALED_WITHIN_SECONDS,
            "the committed acceptance (the hand-off started) applied by the retrier",
        )
        assert _status(team, "bc1", referral_id)() == "accepted"
        late = team.http.post(
            f"/api/v1/referrals/{referral_id}/decline",
            json={"reason": "too late"},
            headers=team.as_("bc1"),
        )
        assert late.status_code == 409, late.text
        assert [c["data"]["reason"] for c in _coordinator_changes(team, enrolment_id)] == [
            "handoff_start"
        ]
        team.act("bc1", referral_id, "complete")
        assert team.coordinators("lead", client_id, enrolment_id) == ["bc1"]
        wait_for(lambda: not team.sees("wac1", client_id), HEALED_WITHIN_SECONDS, "wac1 out")
        assert [c["data"]["reason"] for c in _coordinator_changes(team, enrolment_id)] == [
            "handoff_start",
            "transfer",
        ]
    else:
        assert _status(team, "bc1", referral_id)() == "sent"
        assert team.coordinators("lead", client_id, enrolment_id) == ["wac1"]
        team.act("bc1", referral_id, "decline", {"reason": "full"})
        wait_for(
            lambda: not team.sees("bc1", client_id),
            HEALED_WITHIN_SECONDS,
            "the declined addressee's access withdrawn",
        )
        notes = team.http.get(f"/api/v1/clients/{client_id}/notes", headers=team.as_("bc1"))
        assert notes.status_code == 404
        assert _coordinator_changes(team, enrolment_id) == []
