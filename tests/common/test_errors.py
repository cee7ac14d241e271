"""The problem body every Polku process answers with (CONTRACTS intro)."""

from __future__ import annotations

from services.common.errors import (
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
    problem_body,
)


def test_a_problem_carries_the_code_given_and_its_params() -> None:
    error = Conflict(
        "The client has not given the consents.",
        code="missing_consents",
        params={"purposes": ["esf_data"]},
    )
    assert error.body() == {
        "type": "urn:polku:problem:conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "The client has not given the consents.",
        "code": "missing_consents",
        "params": {"purposes": ["esf_data"]},
    }


def test_without_a_code_the_class_default_names_the_problem() -> None:
    assert [
        e.body()["code"]
        for e in (
            NotFound("x"),
            Forbidden("x"),
            Conflict("x"),
            Unprocessable("x"),
            Unauthorized(),
            TooManyRequests("x", retry_after=1),
            ServiceUnavailable("x"),
        )
    ] == [
        "not_found",
        "forbidden",
        "conflict",
        "validation_failed",
        "unauthorized",
        "rate_limited",
        "service_unavailable",
    ]
    assert "params" not in NotFound("x").body()


def test_one_refused_field_gives_the_problem_and_the_field_the_same_code() -> None:
    error = Unprocessable.field(
        ["body", "at"],
        "The date is before the registration.",
        code="date_before_registration",
        params={"registered_on": "2026-03-05"},
    )
    body = error.body()
    assert body["code"] == "date_before_registration"
    assert body["params"] == {"registered_on": "2026-03-05"}
    assert body["errors"] == [
        {
            "loc": ["body", "at"],
            "msg": "The date is before the registration.",
            "code": "date_before_registration",
            "params": {"registered_on": "2026-03-05"},
        }
    ]


def test_a_field_error_without_params_has_none() -> None:
    assert FieldError(["body", "x"], "m", code="missing") == {
        "loc": ["body", "x"],
        "msg": "m",
        "code": "missing",
    }


def test_a_generic_answer_gets_its_status_code() -> None:
    assert problem_body(405, "x")["code"] == "method_not_allowed"
    assert problem_body(413, "x")["code"] == "too_large"
    assert problem_body(500, "x")["code"] == "internal_error"
    assert problem_body(418, "x")["code"] == "request_failed"
