"""Sign-in throttles that an attacker cannot turn against an account's owner.

A lock per username let anyone lock anyone out: five wrong passwords from anywhere, and the
owner could not sign in from their own desk for a quarter of an hour. Here failures lock
only the (username, address) pair that made them and, past a higher count, the address that
sprays many accounts. The username itself is only slowed: once many failures have hit an
account, each attempt on it waits a little longer before its password is checked (up to a
cap) and is then answered on its merits, so the owner's right password from another address
always gets in. An address from which the owner has signed in recently is not slowed at all.

One gateway process keeps its own counts, as gateway/ratelimit.py explains.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

Clock = Callable[[], float]


class FailureCounts:
    """Failure times per key in a sliding window; the key that failed longest ago is
    forgotten first when there are too many, so a flood of made-up names stays bounded."""

    def __init__(self, window_seconds: float, max_keys: int = 100_000) -> None:
        self.window = window_seconds
        self._stamps: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._max_keys = max_keys

    def _live(self, key: Hashable, now: float) -> deque[float] | None:
        stamps = self._stamps.get(key)
        if stamps is None:
            return None
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if not stamps:
            del self._stamps[key]
            return None
        return stamps

    def count(self, key: Hashable, now: float) -> int:
        stamps = self._live(key, now)
        return len(stamps) if stamps else 0

    def blocked_for(self, key: Hashable, limit: int, now: float) -> float:
        """Seconds until `key` has fewer than `limit` failures in the window (0 if it has)."""
        stamps = self._live(key, now)
        if stamps is None or len(stamps) < limit:
            return 0.0
        return stamps[-limit] + self.window - now

    def fail(self, key: Hashable, now: float) -> None:
        stamps = self._live(key, now)
        if stamps is None:
            stamps = self._stamps[key] = deque()
            if len(self._stamps) > self._max_keys:
                self._stamps.popitem(last=False)
        else:
            self._stamps.move_to_end(key)
        stamps.append(now)

    def clear(self, key: Hashable) -> None:
        self._stamps.pop(key, None)


@dataclass(frozen=True, slots=True)
class Decision:
    """`refuse_for` > 0: answer 429 with that Retry-After; else wait `delay` s, then check."""

    refuse_for: float
    delay: float


class SignInThrottle:
    def __init__(
        self,
        *,
        pair_limit: int,
        address_limit: int,
        window_seconds: float,
        slowdown_after: int,
        slowdown_base_seconds: float,
        slowdown_max_seconds: float,
        known_address_seconds: float = 30 * 24 * 3600,
        max_keys: int = 100_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.pair_limit = pair_limit
        self.address_limit = address_limit
        self.slowdown_after = slowdown_after
        self.slowdown_base = slowdown_base_seconds
        self.slowdown_max = slowdown_max_seconds
        self.known_address_seconds = known_address_seconds
        self._by_pair = FailureCounts(window_seconds, max_keys)
        self._by_address = FailureCounts(window_seconds, max_keys)
        self._by_username = FailureCounts(window_seconds, max_keys)
        self._known: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._max_keys = max_keys
        self._clock = clock

    def check(self, username: str, address: str) -> Decision:
        now = self._clock()
        name = username.lower()
        refuse_for = max(
            self._by_pair.blocked_for((name, address), self.pair_limit, now),
            self._by_address.blocked_for(address, self.address_limit, now),
        )
        if refuse_for > 0:
            return Decision(refuse_for=refuse_for, delay=0.0)
        return Decision(refuse_for=0.0, delay=self._delay(name, address, now))

    def _delay(self, name: str, address: str, now: float) -> float:
        known_since = self._known.get((name, address))
        if known_since is not None and now - known_since < self.known_address_seconds:
            return 0.0
        excess = self._by_username.count(name, now) - self.slowdown_after
        if excess < 0:
            return 0.0
        return float(min(self.slowdown_max, self.slowdown_base * 2**excess))

    def failed(self, username: str, address: str) -> None:
        now = self._clock()
        name = username.lower()
        self._by_pair.fail((name, address), now)
        self._by_address.fail(address, now)
        self._by_username.fail(name, now)

    def succeeded(self, username: str, address: str) -> None:
        # The account's own failures stay: its owner signing in does not end an attack on it.
        name = username.lower()
        self._by_pair.clear((name, address))
        self._known[(name, address)] = self._clock()
        self._known.move_to_end((name, address))
        if len(self._known) > self._max_keys:
            self._known.popitem(last=False)
