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
    """One entry of a problem's `errors` list: `{loc, msg, code}`, and the values the rule
    needs in `params` (CONTRACTS intro). `code` is the rule's stable name, which the app
    translates; `msg` is for logs and developers, never shown to a person."""

    def __init__(
        self,
        loc: Sequence[str | int],
        msg: str,
        *,
        code: str,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(loc=list(loc), msg=msg, code=code)
        if params:
            self["params"] = dict(params)


class DomainError(Exception):
    """A failure the caller can act on. Subclasses fix the status, the title and the
    `default_code` that names the problem when the raise site gives no `code` of its own.
    Codes are string literals at the call site: a test collects them from the source and
    checks that the app's catalogue translates each."""

    status = 400
    title = "Bad request"
    slug = "bad-request"
    default_code = "bad_request"

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
        self.code = code or self.default_code
        self.params = dict(params) if params else None
        self.errors = list(errors) if errors else None
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self) -> dict[str, Any]:
        """The problem+json body this error answers with."""
        return problem_body(
            self.status,
            self.detail,
            title=self.title,
            slug=self.slug,
            code=self.code,
            params=self.params,
            errors=self.errors,
            extra=self.extra,
        )

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body(),
            status_code=self.status,
            headers=self.headers,
            media_type=PROBLEM_MEDIA_TYPE,
        )


class Unauthorized(DomainError):
    status, title, slug = 401, "Unauthorized", "unauthorized"
    default_code = "unauthorized"

    def __init__(
        self, detail: str = "A valid bearer token is required.", *, code: str | None = None
    ) -> None:
        super().__init__(detail, code=code, headers={"WWW-Authenticate": 'Bearer realm="polku"'})


class Forbidden(DomainError):
    status, title, slug = 403, "Forbidden", "forbidden"
    default_code = "forbidden"


class NotFound(DomainError):
    status, title, slug = 404, "Not found", "not-found"
    default_code = "not_found"


class Conflict(DomainError):
    status, title, slug = 409, "Conflict", "conflict"
    default_code = "conflict"


class Unprocessable(DomainError):
    status, title, slug = 422, "Unprocessable content", "validation"
    default_code = "validation_failed"

    @classmethod
    def field(
        cls,
        loc: Sequence[str | int],
        msg: str,
        *,
        code: str,
        params: Mapping[str, Any] | None = None,
    ) -> Unprocessable:
        """One field refused: the problem and its one field error carry the same code."""
        return cls(
            msg, code=code, params=params, errors=[FieldError(loc, msg, code=code, params=params)]
        )


class TooManyRequests(DomainError):
    status, title, slug = 429, "Too many requests", "rate-limited"
    default_code = "rate_limited"

    def __init__(self, detail: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(detail, code=code, headers={"Retry-After": str(max(1, retry_after))})


class ServiceUnavailable(DomainError):
    status, title, slug = 503, "Service unavailable", "service-unavailable"
    default_code = "service_unavailable"

    def __init__(self, detail: str, *, retry_after: int = 5, code: str | None = None) -> None:
        super().__init__(detail, code=code, headers={"Retry-After": str(retry_after)})


# status: (title, slug of the `type` URN, the problem's default `code`).
STATUS_PROBLEMS: dict[int, tuple[str, str, str]] = {
    400: ("Bad request", "bad-request", "bad_request"),
    401: ("Unauthorized", "unauthorized", "unauthorized"),
    403: ("Forbidden", "forbidden", "forbidden"),
    404: ("Not found", "not-found", "not_found"),
    405: ("Method not allowed", "method-not-allowed", "method_not_allowed"),
    406: ("Not acceptable", "not-acceptable", "not_acceptable"),
    409: ("Conflict", "conflict", "conflict"),
    413: ("Content too large", "too-large", "too_large"),
    415: ("Unsupported media type", "unsupported-media-type", "unsupported_media_type"),
    422: ("Unprocessable content", "validation", "validation_failed"),
    429: ("Too many requests", "rate-limited", "rate_limited"),
    500: ("Internal server error", "internal", "internal_error"),
    502: ("Bad gateway", "bad-gateway", "bad_gateway"),
    503: ("Service unavailable", "service-unavailable", "service_unavailable"),
    504: ("Gateway timeout", "gateway-timeout", "gateway_timeout"),
}
# A status the table does not name.
OTHER_PROBLEM = ("Error", "error", "request_failed")


def problem_body(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    code: str | None = None,
    params: Mapping[str, Any] | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    default_title, default_slug, default_code = STATUS_PROBLEMS.get(status, OTHER_PROBLEM)
    body: dict[str, Any] = {
        "type": f"urn:polku:problem:{slug or default_slug}",
        "title": title or default_title,
        "status": status,
        "detail": detail,
        "code": code or default_code,
    }
    if params:
        body["params"] = dict(params)
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
    code: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, title=title, slug=slug, code=code, errors=errors, extra=extra),
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


def field_errors(
    errors: Sequence[Mapping[str, Any]], *, prefix: Sequence[str | int] = ()
) -> list[FieldError]:
    """pydantic's errors as field errors: the code is pydantic's `type`, which is the
    rule's name (`string_too_long`, or `invalid_phone` from our own validators)."""
    return [
        FieldError(
            [*prefix, *err.get("loc", ())],
            str(err.get("msg", "invalid")),
            code=str(err.get("type") or "value_error"),
            params=_json_params(err.get("ctx")),
        )
        for err in errors
    ]


def validation_problem(
    errors: Sequence[Mapping[str, Any]], *, prefix: Sequence[str | int] = ()
) -> Unprocessable:
    """A request pydantic refused, as the problem every service answers with."""
    fields = field_errors(errors, prefix=prefix)
    names = ", ".join(".".join(str(p) for p in e["loc"]) for e in fields[:5])
    return Unprocessable(f"The request is not valid: {names}.", errors=fields)


async def _on_domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return exc.response()


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
    return await _on_domain_error(_, validation_problem(exc.errors()))


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    # The log carries the request id; the caller gets nothing about our internals.
    _log.error("unhandled_error", exc_type=type(exc).__name__, exc_info=exc)
    return problem_response(500, "Something went wrong. The error has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_unexpected)
