"""Every error code a service can send has Finnish and English text in the app's catalogue
(issue 12: nothing a server writes in English reaches a Finnish screen).

The codes are collected from the source with `ast`, not from a list kept by hand:
- `code=` given to `FieldError`, to any `DomainError` subclass, to `<error>.field(...)`, to
  `problem_body`/`problem_response`, to an import report's `row_problem`, and to every function that passes its own parameter on
  as such a `code` (a relay, e.g. `send_problem` or `OAuthError`) — found the same way;
- the first argument of `PydanticCustomError` and `PydanticKnownError` (our validators);
- the classes' `default_code` and the generic answers by status (`STATUS_PROBLEMS`);
- and pydantic's own error types that our request models can produce.
A code that is not a string literal at its call site fails the test: it could not be
checked, so it would be a way round the catalogue.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from services.common.errors import OTHER_PROBLEM, STATUS_PROBLEMS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "services", ROOT / "gateway"]
CATALOGUE = ROOT / "frontend" / "src" / "common" / "errorCatalogue.json"
LANGUAGES = ("fi", "en")

# pydantic's error types (its `type`, which our handlers send as the field error's code)
# that the request models of the services can produce: strings with limits and patterns,
# numbers, booleans, dates and times, UUIDs, literals and enums, URLs, lists, objects, JSON.
PYDANTIC_TYPES = frozenset(
    {
        "missing",
        "extra_forbidden",
        "json_invalid",
        "json_type",
        "value_error",
        "assertion_error",
        "string_type",
        "string_too_short",
        "string_too_long",
        "string_pattern_mismatch",
        "string_unicode",
        "too_short",
        "too_long",
        "int_type",
        "int_parsing",
        "int_from_float",
        "float_type",
        "float_parsing",
        "decimal_parsing",
        "bool_type",
        "bool_parsing",
        "multiple_of",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "finite_number",
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "timezone_aware",
        "time_parsing",
        "uuid_type",
        "uuid_parsing",
        "literal_error",
        "enum",
        "list_type",
        "set_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "url_type",
        "url_parsing",
        "url_scheme",
        "url_too_long",
        "union_tag_invalid",
        "union_tag_not_found",
    }
)

# Where a code may be a computed value: pydantic's `type` passed on, and an error's own code.
COMPUTED_CODE_ALLOWED = {
    ("services/common/errors.py", "field_errors"),
    ("services/common/errors.py", "body"),
    # A refused import cell: the type of the PydanticCustomError our validator raised.
    ("services/clients/imports/service.py", "_refused_cell"),
}
SINK_FUNCTIONS = frozenset({"FieldError", "problem_body", "problem_response", "row_problem"})
VALIDATOR_ERRORS = frozenset({"PydanticCustomError", "PydanticKnownError"})


@dataclass(frozen=True)
class Relay:
    """A function that hands its parameter `name` (at `position`) on as a code."""

    name: str
    position: int | None


@dataclass
class Scan:
    codes: dict[str, set[str]] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)

    def found(self, code: str, where: str) -> None:
        self.codes.setdefault(code, set()).add(where)


def _files() -> Iterator[tuple[str, ast.Module]]:
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes(modules: list[tuple[str, ast.Module]]) -> set[str]:
    bases: dict[str, set[str]] = {}
    for _, module in modules:
        for node in ast.walk(module):
            if isinstance(node, ast.ClassDef):
                names = {n for b in node.bases if (n := _name(b))}
                bases.setdefault(node.name, set()).update(names)
    errors = {"DomainError"}
    while True:
        more = {cls for cls, of in bases.items() if of & errors} - errors
        if not more:
            return errors
        errors |= more


def _literals(node: ast.expr) -> list[str] | None:
    """The string(s) a code expression can be, or None when it is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


class _Walker(ast.NodeVisitor):
    """One module: sink and relay calls, validator errors, class defaults."""

    def __init__(
        self, path: str, errors: set[str], relays: dict[str, Relay], scan: Scan | None
    ) -> None:
        self.path = path
        self.errors = errors
        self.relays = relays
        self.scan = scan
        self.new_relays: dict[str, Relay] = {}
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.classes: list[ast.ClassDef] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and any(
                    isinstance(t, ast.Name) and t.id == "default_code" for t in statement.targets
                )
                and self.scan is not None
            ):
                values = _literals(statement.value)
                if values is None:
                    self.scan.computed.append(f"{self.path}:{statement.lineno} default_code")
                for value in values or []:
                    self.scan.found(value, f"{self.path}:{statement.lineno}")
        self.generic_visit(node)
        self.classes.pop()

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def _callee(self, call: ast.Call) -> str | None:
        func = call.func
        # super().__init__(…) inside an error class is a call of its base class.
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "__init__"
            and isinstance(func.value, ast.Call)
            and _name(func.value.func) == "super"
            and self.classes
        ):
            return "DomainError" if self.classes[-1].name in self.errors else None
        return _name(func)

    def _code_argument(self, call: ast.Call, callee: str) -> tuple[str, ast.expr | None]:
        """What names the code in this call: ("sink"|"relay"|"", the expression)."""
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        relay = self.relays.get(callee)
        if relay is not None:
            if relay.name in keywords:
                return "relay", keywords[relay.name]
            if relay.position is not None and relay.position < len(call.args):
                return "relay", call.args[relay.position]
            return "relay", None
        if callee in SINK_FUNCTIONS or callee in self.errors or callee == "field":
            return "sink", keywords.get("code")
        return "", None

    def visit_Call(self, node: ast.Call) -> None:
        callee = self._callee(node)
        if callee in VALIDATOR_ERRORS and self.scan is not None:
            values = _literals(node.args[0]) if node.args else None
            if values is None:
                self.scan.computed.append(f"{self.path}:{node.lineno} {callee}")
            for value in values or []:
                self.scan.found(value, f"{self.path}:{node.lineno}")
        elif callee:
            kind, argument = self._code_argument(node, callee)
            if kind and argument is not None:
                self._code(node, argument)
        self.generic_visit(node)

    def _code(self, call: ast.Call, argument: ast.expr) -> None:
        values = _literals(argument)
        if values is not None:
            if self.scan is not None:
                for value in values:
                    self.scan.found(value, f"{self.path}:{call.lineno}")
            return
        function = self.functions[-1] if self.functions else None
        if isinstance(argument, ast.Name) and function is not None:
            parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
            keyword_only = [a.arg for a in function.args.kwonlyargs]
            if argument.id in parameters or argument.id in keyword_only:
                position = parameters.index(argument.id) if argument.id in parameters else None
                name = function.name
                if name == "__init__" and self.classes:
                    name = self.classes[-1].name
                if position is not None and parameters[:1] in (["self"], ["cls"]):
                    position -= 1
                self.new_relays[name] = Relay(argument.id, position)
                return
        if function is not None and (self.path, function.name) in COMPUTED_CODE_ALLOWED:
            return
        if self.scan is not None:
            self.scan.computed.append(f"{self.path}:{call.lineno} {ast.unparse(argument)}")


@cache
def scan_sources() -> Scan:
    modules = list(_files())
    errors = _error_classes(modules)
    relays: dict[str, Relay] = {}
    while True:  # relays of relays, until nothing new is found
        found: dict[str, Relay] = {}
        for path, module in modules:
            walker = _Walker(path, errors, relays, None)
            walker.visit(module)
            found.update(walker.new_relays)
        if found.keys() <= relays.keys():
            break
        relays.update(found)
    scan = Scan()
    for path, module in modules:
        _Walker(path, errors, relays, scan).visit(module)
    for _, _, code in (*STATUS_PROBLEMS.values(), OTHER_PROBLEM):
        scan.found(code, "services/common/errors.py STATUS_PROBLEMS")
    for code in PYDANTIC_TYPES:
        scan.found(code, "pydantic")
    return scan


def test_every_code_is_a_literal_at_its_call_site() -> None:
    computed = scan_sources().computed
    assert not computed, "Give these codes as string literals:\n" + "\n".join(computed)


def test_the_catalogue_has_finnish_and_english_for_every_code() -> None:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    codes = scan_sources().codes
    missing = [
        f"{code} ({', '.join(sorted(where)[:2])})"
        for code, where in sorted(codes.items())
        if code not in catalogue
    ]
    untranslated = [
        f"{code}: {language}"
        for code, texts in sorted(catalogue.items())
        for language in LANGUAGES
        if not (isinstance(texts, dict) and str(texts.get(language) or "").strip())
    ]
    assert not missing, "Add to errorCatalogue.json:\n" + "\n".join(missing)
    assert not untranslated, "Translate in errorCatalogue.json:\n" + "\n".join(untranslated)


def test_the_scan_finds_the_codes_it_is_meant_to() -> None:
    # The scan itself: a few codes from each kind of source must be found.
    codes = scan_sources().codes
    for expected in (
        "invalid_phone",  # PydanticCustomError in a validator
        "forbidden_character",  # services/common/text.py
        "not_found",  # a class default
        "method_not_allowed",  # a generic answer by status
        "body_too_large",  # through a relay (the gateway's send_problem)
        "string_too_long",  # pydantic's own
    ):
        assert expected in codes, expected
