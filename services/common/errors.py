"""RFC 9457 problem details for every error a Polku process returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
_log = structlog.get_logger("polku.errors")


class FieldError(dict[str, Any]):
    """One entry of a problem's `errors` list: `{loc, msg}`, and the rule's stable `code`
    with the values it needs in `params` when the rule has a name (CONTRACTS intro)."""

    def __init__(
        self,
        loc: Sequence[str | int],
        msg: str,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(loc=list(loc), msg=msg)
        if code is not None:
            self["code"] = code
        if params:
            self["params"] = dict(params)


class DomainError(Exception):
    """A failure the caller can act on. Subclasses fix the status and title."""

    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
        errors: Sequence[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors else None
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        if code is not None:
            self.extra["code"] = code
        if params:
            self.extra["params"] = dict(params)


class Unauthorized(DomainError):
    status, title, slug = 401, "Unauthorized", "unauthorized"

    def __init__(self, detail: str = "A valid bearer token is required.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="polku"'})


class Forbidden(DomainError):
    status, title, slug = 403, "Forbidden", "forbidden"


class NotFound(DomainError):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(DomainError):
    status, title, slug = 409, "Conflict", "conflict"


class Unprocessable(DomainError):
    status, title, slug = 422, "Unprocessable content", "validation"

    @classmethod
    def field(
        cls,
        loc: Sequence[str | int],
        msg: str,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Unprocessable:
        return cls(msg, errors=[FieldError(loc, msg, code=code, params=params)])


class TooManyRequests(DomainError):
    status, title, slug = 429, "Too many requests", "rate-limited"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class ServiceUnavailable(DomainError):
    status, title, slug = 503, "Service unavailable", "service-unavailable"

    def __init__(self, detail: str, *, retry_after: int = 5) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


_STATUS_TITLES = {
    400: ("Bad request", "bad-request"),
    401: ("Unauthorized", "unauthorized"),
    403: ("Forbidden", "forbidden"),
    404: ("Not found", "not-found"),
    405: ("Method not allowed", "method-not-allowed"),
    406: ("Not acceptable", "not-acceptable"),
    409: ("Conflict", "conflict"),
    413: ("Content too large", "too-large"),
    415: ("Unsupported media type", "unsupported-media-type"),
    422: ("Unprocessable content", "validation"),
    429: ("Too many requests", "rate-limited"),
    500: ("Internal server error", "internal"),
    502: ("Bad gateway", "bad-gateway"),
    503: ("Service unavailable", "service-unavailable"),
    504: ("Gateway timeout", "gateway-timeout"),
}


def problem_body(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    default_title, default_slug = _STATUS_TITLES.get(status, ("Error", "error"))
    body: dict[str, Any] = {
        "type": f"urn:polku:problem:{slug or default_slug}",
        "title": title or default_title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = list(errors)
    if extra:
        body.update(extra)
    return body


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, title=title, slug=slug, errors=errors, extra=extra),
        status_code=status,
        headers=dict(headers or {}),
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _json_params(context: Mapping[str, Any] | None) -> dict[str, Any]:
    # pydantic's context may hold the exception a validator raised: only plain values go out.
    return {
        key: value
        for key, value in (context or {}).items()
        if isinstance(value, str | int | float | bool)
    }


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    return [
        FieldError(
            err.get("loc", ()),
            str(err.get("msg", "invalid")),
            code=str(err["type"]) if err.get("type") else None,
            params=_json_params(err.get("ctx")),
        )
        for err in exc.errors()
    ]


async def _on_domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return problem_response(
        exc.status,
        exc.detail,
        title=exc.title,
        slug=exc.slug,
        errors=exc.errors,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "The request failed."
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such resource."
    if exc.status_code == 405:
        detail = "This method is not allowed on this resource."
    return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors[:5])
    return problem_response(422, f"The request is not valid: {fields}.", errors=errors)


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    # The log carries the request id; the caller gets nothing about our internals.
    _log.error("unhandled_error", exc_type=type(exc).__name__, exc_info=exc)
    return problem_response(500, "Something went wrong. The error has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_unexpected)
