"""Serves the built SPA: its files, and index.html for every client-side route."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from services.common.errors import problem_response

_API_PREFIXES = ("api/", "auth/", "internal/", ".well-known/")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
_NOT_BUILT = """<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Polku</title></head>
<body><main><h1>Polku</h1><p>Käyttöliittymää ei ole vielä käännetty: aja <code>make run</code>.</p>
<p lang="en">The web app has not been built yet: run <code>make run</code>.</p></main></body></html>"""


def spa_router(spa_dir: str) -> APIRouter:
    root = Path(spa_dir).resolve()
    router = APIRouter(include_in_schema=False)

    @router.get("/{path:path}")
    async def spa(path: str, request: Request) -> Response:
        if path.startswith(_API_PREFIXES) or path in ("api", "auth", "internal"):
            return problem_response(404, "No such resource.")
        index = root / "index.html"
        if not index.exists():
            return HTMLResponse(_NOT_BUILT, status_code=503, headers=SECURITY_HEADERS)
        try:
            candidate = (root / path).resolve()
            found = bool(path) and candidate.is_relative_to(root) and candidate.is_file()
        except (ValueError, OSError):
            # A NUL or an over-long name is no file of ours; the gateway's path check
            # refuses such paths first, this keeps the router safe on its own.
            return problem_response(404, "No such resource.")
        if found:
            # Vite puts a content hash in asset names, so they can be cached for good.
            cache = (
                "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            )
            return FileResponse(candidate, headers={**SECURITY_HEADERS, "Cache-Control": cache})
        return FileResponse(index, headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})

    return router
