"""The problem answers in every service's OpenAPI document.

FastAPI documents only the success of an operation and a 422 it says is `application/json`
with its own `HTTPValidationError` shape; our error handlers (`errors.py`) answer every
failure as `application/problem+json` instead (CONTRACTS intro). So once the document is
built, each operation gets the problem answers that any operation can give — malformed
body, authentication, authorisation, missing object, validation, rate limits on the way in,
an identity service or another service that cannot answer — and writes get the conflicts
and body-size limits. A response a route declares itself keeps its description.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from services.common.errors import PROBLEM_MEDIA_TYPE

PROBLEM_REF = "#/components/schemas/Problem"

_PARAMS = {
    "type": "object",
    "additionalProperties": True,
    "description": 'The values the code\'s text needs, e.g. `{"purposes": ["esf_data"]}`',
}
PROBLEM_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "title": "Problem",
        "description": (
            "RFC 9457 problem details. `code` names the problem for the app to translate "
            "(with `params`); `detail` is English for developers and logs, not for display. "
            "Validation problems list each refused field in `errors`."
        ),
        "type": "object",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "description": "A URN naming the kind of problem"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "code": {
                "type": "string",
                "pattern": "^[a-z][a-z0-9_]*$",
                "description": "A stable snake_case name, e.g. `not_found`, `missing_consents`",
            },
            "params": _PARAMS,
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"}},
        },
    },
    "FieldProblem": {
        "title": "FieldProblem",
        "description": (
            "One rule a request broke: where (`loc`), by name (`code`, e.g. `date_in_future`, "
            "or pydantic's type such as `string_too_long`) with its `params`, and in English "
            "words for developers (`msg`)."
        ),
        "type": "object",
        "required": ["loc", "msg", "code"],
        "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
            "code": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
            "params": _PARAMS,
        },
    },
}

_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "string"},
    }
}
_WWW_AUTHENTICATE = {
    "WWW-Authenticate": {"description": "The bearer challenge", "schema": {"type": "string"}}
}

# status: (name in `components.responses`, description, headers).
Answer = tuple[str, str, dict[str, Any]]
# Every operation can give these answers.
EVERY_OPERATION: dict[int, Answer] = {
    400: ("BadRequest", "The request is malformed (e.g. a body that is not UTF-8 JSON)", {}),
    401: ("Unauthorized", "A valid bearer token is required", _WWW_AUTHENTICATE),
    403: ("Forbidden", "The caller's role or scope does not allow this", {}),
    404: ("NotFound", "No such object, or none the caller may see", {}),
    422: ("Unprocessable", "The request is not valid; `errors` names each field", {}),
    429: ("TooManyRequests", "Too many requests", _RETRY_AFTER),
    500: ("InternalError", "Something failed inside; the error is logged", {}),
    503: ("ServiceUnavailable", "A service this answer needs cannot answer now", _RETRY_AFTER),
}
# And the operations that change something, besides.
WRITES: dict[int, Answer] = {
    409: ("Conflict", "The object's state does not allow this now", {}),
    413: ("ContentTooLarge", "The request body is too large", {}),
}
_WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
_METHODS = _WRITE_METHODS | {"get", "head", "options"}


def _response(description: str, headers: dict[str, Any]) -> dict[str, Any]:
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
    response: dict[str, Any] = {"description": description, "content": content}
    if headers:
        response["headers"] = dict(headers)
    return response


def _answer(existing: dict[str, Any] | None, answer: Answer) -> dict[str, Any]:
    name, _, headers = answer
    own = (existing or {}).get("description")
    # FastAPI's own 422 ("Validation Error", its HTTPValidationError shape) describes an
    # answer our handlers never give; a description a route wrote itself is kept.
    if not own or own == "Validation Error":
        return {"$ref": f"#/components/responses/{name}"}
    return _response(own, {**headers, **(existing or {}).get("headers", {})})


def add_problem_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Document the problem answers of every operation of an OpenAPI document, in place."""
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            responses: dict[str, Any] = operation.setdefault("responses", {})
            answers = EVERY_OPERATION | (WRITES if method in _WRITE_METHODS else {})
            for status, answer in answers.items():
                responses[str(status)] = _answer(responses.get(str(status)), answer)
            operation["responses"] = dict(sorted(responses.items()))
    components: dict[str, Any] = document.setdefault("components", {})
    shared = components.setdefault("responses", {})
    for name, description, headers in (EVERY_OPERATION | WRITES).values():
        shared[name] = _response(description, headers)
    schemas: dict[str, Any] = components.setdefault("schemas", {})
    # FastAPI's validation shapes, unless something still refers to them.
    for unused in ("HTTPValidationError", "ValidationError"):
        if f'"#/components/schemas/{unused}"' not in json.dumps(document):
            schemas.pop(unused, None)
    schemas.update(PROBLEM_SCHEMAS)
    return document


def document_problems(app: FastAPI) -> None:
    """Make `app.openapi()` return the document with the problem answers added."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_problem_responses(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
