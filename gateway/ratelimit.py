"""In-process rate limits: token buckets for callers, a failure window for sign-ins.

One gateway process keeps its own counts; a deployment with several gateway replicas puts
the same limits at the edge (infra/nginx) or moves these counters to Redis.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """`rate` tokens a second up to `burst`; one bucket per key, least recent forgotten first."""

    def __init__(self, rate: float, burst: int, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._max_keys = max_keys

    def take(self, key: str, *, rate: float | None = None, burst: int | None = None) -> float:
        """0.0 when allowed; otherwise the seconds to wait before the next try."""
        rate = rate or self.rate
        burst = burst or self.burst
        now = time.monotonic()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = _Bucket(tokens=float(burst), updated=now)
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / rate


def retry_after_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))


class FailureWindow:
    """Counts failures per key in a sliding window (password guessing per user and address)."""

    def __init__(self, limit: int, window_seconds: int) -> None:
        self.limit = limit
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = {}

    def _prune(self, key: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        return stamps

    def blocked_for(self, key: str) -> float:
        now = time.monotonic()
        stamps = self._prune(key, now)
        if len(stamps) < self.limit:
            return 0.0
        return stamps[0] + self.window - now

    def fail(self, key: str) -> None:
        self._prune(key, time.monotonic()).append(time.monotonic())

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)
