"""Text at the boundary: what each kind of string accepts, stores and refuses.

Every row states the outcome itself: the stored value, or the code of the refusal."""

from __future__ import annotations

from typing import Annotated

import httpx
import pytest
from pydantic import BaseModel, ValidationError

from services.common.text import (
    FreeText,
    Username,
    free_text_rules,
    name_rules,
    screen_row,
    url_segment,
)


class Form(BaseModel):
    username: Username | None = None
    name: Annotated[str, name_rules(max_length=30)] | None = None
    optional_name: Annotated[str, name_rules(min_length=None, max_length=30)] | None = None
    text: FreeText | None = None
    short_text: Annotated[str, free_text_rules(min_length=1, max_length=5, strip=True)] | None = (
        None
    )


def outcome(field: str, value: str) -> str:
    """`stored:<value>` or `refused:<code>` for `value` sent in `field`."""
    try:
        form = Form.model_validate({field: value})
    except ValidationError as exc:
        (error,) = exc.errors()
        assert error["loc"] == (field,)
        return f"refused:{error['type']}"
    return f"stored:{getattr(form, field)}"


REFUSED_CHARACTER = "refused:forbidden_character"
REFUSED_USERNAME = "refused:invalid_username"
# pydantic refuses a string that is not valid Unicode before any rule of ours runs.
REFUSED_SURROGATE = "refused:string_unicode"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("wac1", "stored:wac1"),
        ("svc-referrals", "stored:svc-referrals"),
        ("first.last_2", "stored:first.last_2"),
        ("a" * 64, "stored:" + "a" * 64),
        ("a" * 65, REFUSED_USERNAME),
        ("a", REFUSED_USERNAME),
        ("WAC1", REFUSED_USERNAME),
        (" wac1", REFUSED_USERNAME),
        ("wac1\n", REFUSED_USERNAME),
        ("x\rx", REFUSED_USERNAME),
        ("x\nx", REFUSED_USERNAME),
        ("wac1\u0000", REFUSED_USERNAME),
        ("a/b", REFUSED_USERNAME),
        ("nobody/../wac2", REFUSED_USERNAME),
        ("..", REFUSED_USERNAME),
        (".wac1", REFUSED_USERNAME),
        ("wac1?x=1", REFUSED_USERNAME),
        ("wac1%2F", REFUSED_USERNAME),
        ("wäc1", REFUSED_USERNAME),
        ("", REFUSED_USERNAME),
    ],
)
def test_usernames(value: str, expected: str) -> None:
    assert outcome("username", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Maija", "stored:Maija"),
        ("  Maija  ", "stored:Maija"),
        ("Meikäläinen-Virtanen", "stored:Meikäläinen-Virtanen"),
        ("O'Brien", "stored:O'Brien"),
        ("Rakennus Oy Esimerkki", "stored:Rakennus Oy Esimerkki"),
        ("e\u0301", "stored:\u00e9"),  # decomposed é is stored composed (NFC)
        ("A\u030angström", "stored:\u00c5ngström"),
        ("\u0645\u062d\u0645\u062f", "stored:\u0645\u062d\u0645\u062f"),  # Arabic letters
        ("\u0dc1\u0dca\u200d\u0dbb\u0dd3", "stored:\u0dc1\u0dca\u200d\u0dbb\u0dd3"),  # ZWJ
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "stored:\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),  # ZWNJ
        ("Anna\u00a0Liisa", "stored:Anna\u00a0Liisa"),  # a no-break space is visible
        ("", "refused:string_too_short"),
        ("   ", "refused:string_too_short"),
        ("a" * 31, "refused:string_too_long"),
        ("wac1\u0000", REFUSED_CHARACTER),
        ("x\rx", REFUSED_CHARACTER),
        ("x\nx", REFUSED_CHARACTER),
        ("x\r\nx", REFUSED_CHARACTER),
        ("x\tx", REFUSED_CHARACTER),
        ("Maija\n", REFUSED_CHARACTER),
        ("x\u001bx", REFUSED_CHARACTER),  # ESC
        ("x\u007fx", REFUSED_CHARACTER),  # DEL
        ("x\u0085x", REFUSED_CHARACTER),  # NEL, a C1 control
        ("x\u009bx", REFUSED_CHARACTER),  # CSI, a C1 control
        ("abc\u202edcba", REFUSED_CHARACTER),  # right-to-left override
        ("x\u202ax", REFUSED_CHARACTER),  # left-to-right embedding
        ("x\u202cx", REFUSED_CHARACTER),  # pop directional formatting
        ("x\u2066x", REFUSED_CHARACTER),  # left-to-right isolate
        ("x\u2069x", REFUSED_CHARACTER),  # pop directional isolate
        ("x\u200ex", REFUSED_CHARACTER),  # left-to-right mark: invisible in a name
        ("x\u200fx", REFUSED_CHARACTER),  # right-to-left mark
        ("x\u061cx", REFUSED_CHARACTER),  # Arabic letter mark
        ("Ma\u200bija", REFUSED_CHARACTER),  # zero-width space
        ("\ufeffMaija", REFUSED_CHARACTER),  # byte-order mark
        ("x\u2060x", REFUSED_CHARACTER),  # word joiner
        ("Ma\u00adija", REFUSED_CHARACTER),  # soft hyphen: invisible in a name
        ("x\u2028x", REFUSED_CHARACTER),  # line separator
        ("x\u2029x", REFUSED_CHARACTER),  # paragraph separator
        ("x\ud800x", REFUSED_SURROGATE),  # lone high surrogate
        ("low \udfff", REFUSED_SURROGATE),  # lone low surrogate
        ("x\U000e0041x", REFUSED_CHARACTER),  # tag letter A: invisible
        ("x\ufffex", REFUSED_CHARACTER),  # noncharacter
        ("x\ufdd0x", REFUSED_CHARACTER),  # noncharacter
    ],
)
def test_names_and_identifiers(value: str, expected: str) -> None:
    assert outcome("name", value) == expected


def test_an_optional_name_may_be_empty_but_not_dirty() -> None:
    assert outcome("optional_name", "") == "stored:"
    assert outcome("optional_name", "  ") == "stored:"
    assert outcome("optional_name", "x\u0000") == REFUSED_CHARACTER


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Two construction helpers", "stored:Two construction helpers"),
        ("line one\r\nline two", "stored:line one\nline two"),
        ("line one\rline two", "stored:line one\nline two"),
        ("a\r\n\r\nb\n", "stored:a\n\nb\n"),
        ("a\r\r\nb", "stored:a\n\nb"),
        ("  indented\n\tand tabbed  ", "stored:  indented\n\tand tabbed  "),
        ("Cafe\u0301", "stored:Caf\u00e9"),
        ("\u05e9\u05dc\u05d5\u05dd \u200f(2026)\u200f", "stored:שלום \u200f(2026)\u200f"),
        ("a\u200eb", "stored:a\u200eb"),
        ("soft\u00adhyphen", "stored:soft\u00adhyphen"),
        ("\U0001f469\u200d\U0001f4bb", "stored:\U0001f469\u200d\U0001f4bb"),  # emoji ZWJ
        ("x\u0000x", REFUSED_CHARACTER),
        ("x\u000bx", REFUSED_CHARACTER),  # vertical tab
        ("x\u000cx", REFUSED_CHARACTER),  # form feed
        ("x\u0085x", REFUSED_CHARACTER),
        ("x\u2028x", REFUSED_CHARACTER),
        ("x\u2029x", REFUSED_CHARACTER),
        ("abc\u202edcba", REFUSED_CHARACTER),
        ("x\u2067x", REFUSED_CHARACTER),  # right-to-left isolate
        ("x\u200bx", REFUSED_CHARACTER),
        ("\ufeffx", REFUSED_CHARACTER),
        ("x\ud83dx", REFUSED_SURROGATE),
    ],
)
def test_free_text(value: str, expected: str) -> None:
    assert outcome("text", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (" ok\r\n", "stored:ok"),
        ("\r\n", "refused:string_too_short"),
        ("123456", "refused:string_too_long"),
        ("a\u0000", REFUSED_CHARACTER),
    ],
)
def test_free_text_limits_count_what_is_sent_and_what_is_kept(value: str, expected: str) -> None:
    assert outcome("short_text", value) == expected


def test_the_refusal_names_the_character_for_the_message() -> None:
    with pytest.raises(ValidationError) as raised:
        Form.model_validate({"name": "ab\u202ec"})
    (error,) = raised.value.errors()
    assert error["ctx"] == {"character": "U+202E", "position": 2}
    assert "U+202E" in error["msg"]


def test_the_json_schema_states_the_username_pattern_and_lengths() -> None:
    properties = Form.model_json_schema()["properties"]
    assert properties["username"]["anyOf"][0] == {
        "type": "string",
        "pattern": "^[a-z0-9][a-z0-9._-]{1,63}$",
    }
    assert properties["name"]["anyOf"][0] == {"type": "string", "minLength": 1, "maxLength": 30}


def test_an_import_row_keeps_clean_cells_and_says_why_the_others_are_refused() -> None:
    clean, refused = screen_row(
        {
            "external_ref": "R-1",
            "first_name": "Mai\u0000ja",
            "last_name": "Vi\u0308rtanen",
            "coordinator": "nobody/../wac2",
            "referred_by": "",
            "municipality": "Lahti",
        },
        usernames=("coordinator", "referred_by"),
    )
    assert clean == {
        "external_ref": "R-1",
        "last_name": "V\u00efrtanen",
        "referred_by": "",
        "municipality": "Lahti",
    }
    assert set(refused) == {"first_name", "coordinator"}
    assert refused["first_name"].type == "forbidden_character"
    assert "U+0000" in refused["first_name"].message()
    assert refused["coordinator"].type == "invalid_username"
    assert "lower-case" in refused["coordinator"].message()


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("wac1", "/internal/users/wac1"),
        ("a/b", "/internal/users/a%2Fb"),
        ("nobody/../wac2", "/internal/users/nobody%2F..%2Fwac2"),
        ("..", "/internal/users/%2E%2E"),
        (".", "/internal/users/%2E"),
        ("x\rx", "/internal/users/x%0Dx"),
        ("wac1\u0000", "/internal/users/wac1%00"),
        ("a?b#c%d", "/internal/users/a%3Fb%23c%25d"),
        ("ä", "/internal/users/%C3%A4"),
    ],
)
def test_a_url_segment_stays_one_segment_on_the_wire(value: str, path: str) -> None:
    url = httpx.URL(f"http://gateway/internal/users/{url_segment(value)}")
    assert url.raw_path.decode() == path
