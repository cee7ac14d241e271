from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from services.common.auth import CurrentPrincipal, Principal
from services.common.calendar import helsinki_today
from services.common.db import SessionDep
from services.metrics.indicators import service
from services.metrics.indicators.schemas import IndicatorList, IndicatorQuery, IndicatorResult

router = APIRouter(prefix="/api/v1/metrics", tags=["metrics"])


async def metrics_reader(principal: CurrentPrincipal) -> Principal:
    service.audience_of(principal)
    return principal


MetricsReader = Annotated[Principal, Depends(metrics_reader)]


def indicator_query(
    start: Annotated[
        dt.date | None,
        Query(alias="from", description="First Helsinki date (inclusive); default 1 January"),
    ] = None,
    end: Annotated[
        dt.date | None,
        Query(alias="to", description="Last Helsinki date (inclusive); default today"),
    ] = None,
    format: Annotated[
        Literal["json", "csv"] | None, Query(description="`csv` for RFC 4180 CSV")
    ] = None,
    delimiter: Annotated[
        Literal["comma", "semicolon"],
        Query(description="`semicolon` gives the Finnish-Excel variant (decimal comma)"),
    ] = "comma",
    accept: Annotated[str | None, Header()] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> IndicatorQuery:
    last = end or helsinki_today()
    wants_csv = format == "csv" or (format is None and "text/csv" in (accept or ""))
    return IndicatorQuery(
        start=start or last.replace(month=1, day=1),
        end=last,
        group_by=(),
        format="csv" if wants_csv else "json",
        delimiter=delimiter,
        if_none_match=if_none_match,
    )


@router.get("", response_model=IndicatorList)
async def list_indicators(_: MetricsReader) -> IndicatorList:
    """The indicators with their definitions, versions, units, dimensions and columns."""
    return service.indicators()


@router.get(
    "/{indicator_id}",
    response_model=IndicatorResult,
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with the same columns"},
        304: {"description": "Nothing changed since the ETag given in `If-None-Match`"},
    },
)
async def get_indicator(
    request: Request,
    session: SessionDep,
    principal: MetricsReader,
    indicator_id: str,
    query: Annotated[IndicatorQuery, Depends(indicator_query)],
    group_by: Annotated[
        str | None, Query(description="Comma-separated dimensions, e.g. `coordinator_role,month`")
    ] = None,
) -> Response:
    """One indicator for a period, grouped by the given dimensions (CONTRACTS §3).

    Machine clients (`metrics:read`) get small cells suppressed; a team lead sees everything;
    a coordinator sees their own figures. Answers carry an `ETag`: send it back in
    `If-None-Match` and an unchanged answer costs a `304`.
    """
    rendered = await service.answer(
        session,
        principal,
        indicator_id,
        query,
        group_by,
        request.app.state.settings.min_cell,
    )
    return Response(
        rendered.body,
        status_code=rendered.status,
        media_type=None if rendered.status == 304 else rendered.media_type,
        headers=rendered.headers,
    )
