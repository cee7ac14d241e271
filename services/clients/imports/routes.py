from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile, status

from services.clients.imports import service
from services.clients.imports.schemas import ImportAccepted, ImportRead
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/imports", tags=["imports"])


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
