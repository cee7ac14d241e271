"""The indicator definitions the metrics service serves (CONTRACTS §3)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    description: str
    definition_version: str
    unit: str
    dimensions: tuple[str, ...]


INDICATORS: tuple[Indicator, ...] = ()


def all_indicators() -> tuple[Indicator, ...]:
    return INDICATORS
