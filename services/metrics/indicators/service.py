from __future__ import annotations

from services.metrics.indicators import repository
from services.metrics.indicators.schemas import IndicatorList, IndicatorRead


def indicators() -> IndicatorList:
    return IndicatorList(
        items=[IndicatorRead.model_validate(i) for i in repository.all_indicators()]
    )
