"""Text at the boundary: one rule set for usernames, names and free text, in every service.

Usernames are compared with a token's `sub` and travel in internal URLs, so they are held
to the gateway's pattern. Names and identifiers are shown on one line and compared to find
duplicates, so nothing invisible or direction-changing may hide in them. Free text is shown
as paragraphs. Anything refused answers 422 naming the field, with a stable code as the
error's type (`invalid_username`, `forbidden_character`) that the SPA translates.

Line and format characters are judged by their Unicode category rather than a list, so a
control or format character nobody thought of is refused too:
- refused everywhere: controls (Cc: NUL, the rest of C0, DEL, C1 including NEL), lone
  surrogates (Cs, which UTF-8 cannot store; in a request pydantic refuses them first, as
  `string_unicode`), U+2028 and U+2029 (Zl, Zp), noncharacters, and format characters
  (Cf: bidi embeddings, overrides and isolates, U+200B, U+FEFF, word joiners, tags)
  except those allowed below;
- ZWNJ and ZWJ (U+200C, U+200D) stay in names and free text: Persian and Indic names and
  emoji sequences need them;
- U+200E, U+200F and U+061C (the implicit direction marks) and the soft hyphen stay in free
  text only: they affect the characters next to them, not the rest of the line, and prose
  that mixes Arabic or Hebrew with Latin needs them; in a one-line name they are invisible
  and would let two names that look the same differ;
- free text keeps LF and TAB (text pasted from a spreadsheet), and its CR and CRLF become
  LF, so a note reads the same whichever system sent it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from pydantic import AfterValidator, GetCoreSchemaHandler, WithJsonSchema
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"
_USERNAME = re.compile(USERNAME_PATTERN)

_JOINERS = frozenset("\u200c\u200d")
_FREE_TEXT_FORMAT = _JOINERS | frozenset("\u200e\u200f\u061c\u00ad")
_FREE_TEXT_CONTROLS = frozenset("\n\t")


def _refused(char: str, allowed: frozenset[str]) -> bool:
    if char in allowed:
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Cf", "Zl", "Zp"):
        return True
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _refuse_forbidden(value: str, allowed: frozenset[str]) -> None:
    for position, char in enumerate(value):
        if _refused(char, allowed):
            character = f"U+{ord(char):04X}"
            raise PydanticCustomError(
                "forbidden_character",
                "must not contain the invisible or control character {character}",
                {"character": character, "position": position},
            )


def username(value: str) -> str:
    """`value` if it is a username the gateway could have issued; refused otherwise."""
    if not _USERNAME.fullmatch(value):
        raise PydanticCustomError(
            "invalid_username",
            "must be 2 to 64 lower-case letters, digits, '.', '_' or '-', "
            "beginning with a letter or a digit",
        )
    return value


def name(value: str) -> str:
    """A name or an identifier in NFC; refused if it holds a control, a format character
    other than ZWNJ/ZWJ, or a line separator."""
    _refuse_forbidden(value, _JOINERS)
    return unicodedata.normalize("NFC", value)


def free_text(value: str) -> str:
    """A note, message or reason: NFC, every line break LF; other controls refused."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_forbidden(value, _FREE_TEXT_FORMAT | _FREE_TEXT_CONTROLS)
    return unicodedata.normalize("NFC", value)


def screen_row(
    row: Mapping[str, str], *, usernames: Collection[str]
) -> tuple[dict[str, str], dict[str, PydanticCustomError]]:
    """A table row of names and identifiers (the import's), each cell checked as a name or,
    in the `usernames` columns, as a username: the row with the cells normalised and the
    refused ones left out, and column → why each refused cell was refused (the rule's
    `type` is its code, `context` its params)."""
    clean: dict[str, str] = {}
    refused: dict[str, PydanticCustomError] = {}
    for column, value in row.items():
        try:
            clean[column] = username(value) if column in usernames and value else name(value)
        except PydanticCustomError as exc:
            refused[column] = exc
    return clean, refused


def url_segment(value: str) -> str:
    """`value` as exactly one URL path segment: every reserved character percent-encoded,
    and a bare `.` or `..` too, which URL libraries would otherwise resolve away."""
    segment = quote(value, safe="")
    return segment.replace(".", "%2E") if segment in (".", "..") else segment


@dataclass(frozen=True, slots=True)
class TextRules:
    """Annotated metadata: `check` (`name` or `free_text`) with length limits. The maximum
    holds for the text as sent; the minimum for the text as stored (after stripping), so a
    name of spaces is too short rather than empty. The codes stay pydantic's own
    (`string_too_short`, `string_too_long`), the same as with `Field` limits."""

    check: Callable[[str], str]
    min_length: int | None = None
    max_length: int | None = None
    strip: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        raw = core_schema.str_schema(min_length=self.min_length, max_length=self.max_length)
        return core_schema.no_info_after_validator_function(self._validate, raw)

    def _validate(self, value: str) -> str:
        value = self.check(value)
        if self.strip:
            value = value.strip()
        if self.min_length is not None and len(value) < self.min_length:
            raise PydanticKnownError("string_too_short", {"min_length": self.min_length})
        return value


def name_rules(*, min_length: int | None = 1, max_length: int) -> TextRules:
    """A name or identifier (always stripped), e.g. `Annotated[str, name_rules(max_length=60)]`."""
    return TextRules(name, min_length, max_length, strip=True)


def free_text_rules(
    *, min_length: int | None = None, max_length: int, strip: bool = False
) -> TextRules:
    return TextRules(free_text, min_length, max_length, strip)


Username = Annotated[
    str,
    AfterValidator(username),
    WithJsonSchema({"type": "string", "pattern": USERNAME_PATTERN}),
]
Name = Annotated[str, name_rules(max_length=200)]
FreeText = Annotated[str, free_text_rules(max_length=10_000)]
