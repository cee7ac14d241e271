from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile, status
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.types import Message

from services.clients.imports import reading, service
from services.clients.imports.schemas import ImportAccepted, ImportRead
from services.common.audit import AccessDep
from services.common.db import SessionDep

# Room for the multipart boundaries, part headers and the dry_run field beside the file.
MULTIPART_ALLOWANCE = 64 * 1024


class UploadLimitRoute(APIRoute):
    """Refuses an upload over the import's size limit before it is spooled: by its declared
    length, and by counting what arrives (a chunked body declares none)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def limited(request: Request) -> Response:
            max_file: int = request.app.state.settings.import_max_bytes
            limit = max_file + MULTIPART_ALLOWANCE
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise reading.too_large(max_file)
            received = 0

            async def receive() -> Message:
                nonlocal received
                message = await request.receive()
                received += len(message.get("body", b""))
                if received > limit:
                    raise reading.too_large(max_file)
                return message

            try:
                return await handle(Request(request.scope, receive))
            except HTTPException as error:
                # FastAPI reports any failure while parsing the form as a 400.
                if isinstance(error.__cause__, reading.FileTooLarge):
                    raise error.__cause__ from None
                raise

        return limited


router = APIRouter(prefix="/api/v1/clients/imports", tags=["imports"], route_class=UploadLimitRoute)


def import_runtime(request: Request) -> service.Runtime:
    state = request.app.state
    return service.Runtime(
        database=state.database,
        directory=state.users,
        settings=state.settings,
        tasks=state.import_tasks,
    )


@router.post("", response_model=ImportAccepted, status_code=status.HTTP_202_ACCEPTED)
async def start_import(
    session: SessionDep,
    context: AccessDep,
    runtime: Annotated[service.Runtime, Depends(import_runtime)],
    file: Annotated[UploadFile, File(description="CSV (`,` or `;`, BOM or not) or XLSX")],
    dry_run: Annotated[bool, Form()] = False,
) -> ImportAccepted:
    """Import history from the old register (team lead, admin). Runs in the background:
    follow it at `GET /api/v1/clients/imports/{id}`."""
    content = await file.read()
    return await service.start_import(
        session, context, runtime, filename=file.filename, content=content, dry_run=dry_run
    )


@router.get("/{import_id}", response_model=ImportRead)
async def read_import(import_id: uuid.UUID, session: SessionDep, context: AccessDep) -> ImportRead:
    """Progress (processed rows of total), counts, and the rows refused, by row and column."""
    return await service.read_import(session, context, import_id)
