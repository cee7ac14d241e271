"""The SPA's API types come from the services' OpenAPI: the committed documents must match
the code, or `make openapi` was not run after an API change."""

from __future__ import annotations

from pathlib import Path

from tools.export_openapi import documents, render

COMMITTED = Path(__file__).resolve().parent.parent / "frontend" / "src" / "api" / "openapi"


def test_committed_openapi_documents_match_the_code() -> None:
    stale = [
        name
        for name, document in documents().items()
        if not (COMMITTED / f"{name}.json").exists()
        or (COMMITTED / f"{name}.json").read_text(encoding="utf-8") != render(document)
    ]
    assert not stale, f"Run `make openapi`: the committed OpenAPI of {stale} is out of date."
