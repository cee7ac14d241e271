"""The history import (CONTRACTS §4): a CSV or XLSX from the old register, processed in the
background in batches, each batch in its own transaction with the progress it made.

Rows are keyed by `external_ref`, so importing the same file again changes nothing. A row
with errors is not written; suspected duplicates of existing clients are written and
warned about. Imported history walks the same rules and emits the same events as live work,
with its own dates.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import multiprocessing
import re
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import structlog
from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.catalogue.repository import all_municipalities
from services.clients.config import ClientsSettings
from services.clients.imports import reading, repository
from services.clients.imports.schemas import ImportAccepted, ImportRead
from services.clients.models import Client, Enrolment, EnrolmentCoordinator, ImportJob, outbox
from services.clients.pathway import service as pathway
from services.clients.people.schemas import normalise_identity_code
from services.clients.people.service import add_client, client_event_data
from services.clients.staff import SERVICE_LINE_ROLES, StaffDirectory, staff_member
from services.common.audit import AccessContext
from services.common.calendar import helsinki_today, utcnow
from services.common.db import Database
from services.common.errors import DomainError, Forbidden, NotFound
from services.common.events import emit
from services.common.text import screen_row

log = structlog.get_logger("polku.clients.import")

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
GENDERS = {"female", "male", "other", "unknown"}
MUNICIPALITIES = {name.casefold(): name for name in all_municipalities()}
USERNAME_COLUMNS = ("coordinator", "referred_by")
DATE_COLUMNS = ("registered_on", "first_contact_on", "first_meeting_on", "ended_on")
CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "personal_identity_code",
    "birth_year",
    "gender",
    "municipality",
    "language",
)


@dataclass
class Runtime:
    """What the background task needs from the application."""

    database: Database
    directory: StaffDirectory
    settings: ClientsSettings
    tasks: set[asyncio.Task[None]]


@dataclass(frozen=True, slots=True)
class Upload:
    """The file as the job gets it: a CSV already read into rows, an XLSX still packed."""

    content: bytes
    rows: list[reading.Row] | None


# --- checking one row ----------------------------------------------------------------------


def _date(value: str) -> dt.date:
    match = ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = FINNISH_DATE.match(value)
        if not match:
            raise PydanticCustomError("date_parsing", "not a date (YYYY-MM-DD or D.M.YYYY)")
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date_parsing", "not a real date") from None


def row_problem(
    row: int, column: str, message: str, *, code: str, params: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One entry of the import report: where, the rule's `code` (and `params`) for the app
    to say in the reader's language, and `message` in English for the log."""
    problem: dict[str, Any] = {"row": row, "column": column, "message": message, "code": code}
    if params:
        problem["params"] = dict(params)
    return problem


def _refused_cell(row: int, column: str, refusal: PydanticCustomError) -> dict[str, Any]:
    # The refusal's type is a code of our own validators, collected where they raise it.
    params = {k: v for k, v in (refusal.context or {}).items() if isinstance(v, str | int)}
    return row_problem(row, column, refusal.message(), code=refusal.type, params=params)


@dataclass
class CheckedRow:
    number: int
    ref: str
    client: dict[str, Any]
    enrolment: dict[str, Any] | None
    problems: list[dict[str, Any]] = field(default_factory=list)


def _check(
    number: int, row: dict[str, str], staff_roles: Mapping[str, frozenset[str] | None]
) -> CheckedRow:
    """One row against the contract; `staff_roles` holds every username the row names."""
    # A refused cell is left out of the row and reported once, for why it was refused.
    row, refused = screen_row(row, usernames=USERNAME_COLUMNS)
    problems = [_refused_cell(number, c, refusal) for c, refusal in refused.items()]

    def problem(
        column: str, message: str, *, code: str, params: Mapping[str, Any] | None = None
    ) -> None:
        if column not in refused:
            problems.append(row_problem(number, column, message, code=code, params=params))

    get = row.get
    ref = get("external_ref", "")
    for required in ("external_ref", "last_name", "first_name"):
        if not get(required):
            problem(required, "required", code="missing")
    client: dict[str, Any] = {
        "first_name": get("first_name", "")[:100],
        "last_name": get("last_name", "")[:100],
    }
    code = get("personal_identity_code") or None
    if code:
        try:
            code = normalise_identity_code(code)
        except PydanticCustomError as refusal:
            if "personal_identity_code" not in refused:
                problems.append(_refused_cell(number, "personal_identity_code", refusal))
    client["personal_identity_code"] = code
    birth_year = get("birth_year") or None
    client["birth_year"] = None
    if birth_year:
        if birth_year.isdigit() and 1900 <= int(birth_year) <= 2100:
            client["birth_year"] = int(birth_year)
        else:
            problem("birth_year", "not a year", code="invalid_year")
    gender = (get("gender") or "").lower() or None
    if gender and gender not in GENDERS:
        problem("gender", "female, male, other or unknown", code="unknown_gender")
    client["gender"] = gender
    municipality = get("municipality") or None
    if municipality and municipality.casefold() not in MUNICIPALITIES:
        problem(
            "municipality",
            f"'{municipality}' is not a municipality of the region",
            code="unknown_municipality",
            params={"municipality": municipality},
        )
    client["municipality"] = MUNICIPALITIES.get((municipality or "").casefold())
    language = (get("language") or "").lower() or None
    if language and not re.fullmatch(r"[a-z]{2}", language):
        problem("language", "an ISO 639-1 code such as fi", code="invalid_language")
    client["language"] = language

    dates: dict[str, dt.date | None] = {}
    for column in DATE_COLUMNS:
        value = get(column) or None
        dates[column] = None
        if value:
            try:
                dates[column] = _date(value)
            except PydanticCustomError as refusal:
                if column not in refused:
                    problems.append(_refused_cell(number, column, refusal))
                continue
            if dates[column] > helsinki_today():  # type: ignore[operator]
                problem(column, "in the future", code="date_in_future")
    line = get("service_line") or None
    enrolment: dict[str, Any] | None = None
    if line or any(get(c) for c in ("registered_on", "coordinator", "outcome")):
        if line not in SERVICE_LINE_ROLES:
            problem("service_line", "work_ability or business", code="unknown_service_line")
        if not get("registered_on"):
            problem("registered_on", "required with an enrolment", code="required_with_enrolment")
        coordinator = get("coordinator") or None
        if not coordinator:
            problem("coordinator", "required with an enrolment", code="required_with_enrolment")
        elif line in SERVICE_LINE_ROLES:
            roles = staff_roles[coordinator]
            if roles is None:
                problem(
                    "coordinator",
                    f"no active staff member '{coordinator}'",
                    code="staff_member_not_found",
                    params={"username": coordinator},
                )
            elif SERVICE_LINE_ROLES[line] not in roles:
                problem(
                    "coordinator",
                    f"'{coordinator}' is not a {SERVICE_LINE_ROLES[line]}",
                    code="staff_member_lacks_role",
                    params={"username": coordinator, "role": SERVICE_LINE_ROLES[line]},
                )
        referred_by = get("referred_by") or None
        if referred_by and staff_roles[referred_by] is None:
            problem(
                "referred_by",
                f"no active staff member '{referred_by}'",
                code="staff_member_not_found",
                params={"username": referred_by},
            )
        outcome = get("outcome") or None
        order = [c for c in DATE_COLUMNS if dates[c] is not None]
        for earlier, later in itertools.pairwise(order):
            if dates[later] < dates[earlier]:  # type: ignore[operator]
                problem(
                    later,
                    f"before {earlier}",
                    code="date_before_column",
                    params={"column": earlier},
                )
        if outcome and outcome not in pathway.OUTCOMES:
            problem(
                "outcome",
                f"'{outcome}' is not an outcome code",
                code="unknown_outcome",
                params={"outcome": outcome},
            )
        elif outcome and not dates["ended_on"] and not get("ended_on"):
            problem("ended_on", "required with an outcome", code="required_with_outcome")
        elif dates["ended_on"] and not outcome:
            problem("outcome", "required with ended_on", code="required_with_end_date")
        elif outcome:
            started = dates["first_meeting_on"] is not None
            if started == (outcome in pathway.BEFORE_START_OUTCOMES):
                if started:
                    problem(
                        "outcome",
                        f"'{outcome}' is only for enrolments that end before the first meeting",
                        code="outcome_only_before_first_meeting",
                    )
                else:
                    problem(
                        "outcome",
                        "the enrolment never started (no first_meeting_on)",
                        code="outcome_needs_first_meeting",
                    )
        enrolment = {
            "service_line": line,
            "coordinator": coordinator,
            "referred_by": referred_by,
            "outcome": outcome,
            **dates,
        }
    return CheckedRow(number, ref, client, enrolment, problems)


async def _look_up_staff(
    directory: StaffDirectory,
    cache: dict[str, frozenset[str] | None],
    rows: Sequence[reading.Row],
) -> None:
    """Resolve, on the loop, the usernames the rows name, so the checks need no I/O; only
    those the text rules accept, as the checks will see them, ever reach the directory."""
    for _, row in rows:
        named = {c: row[c] for c in USERNAME_COLUMNS if row.get(c)}
        for username in screen_row(named, usernames=USERNAME_COLUMNS)[0].values():
            if username not in cache:
                member = await staff_member(directory, username)
                cache[username] = member.roles if member else None


# --- writing -------------------------------------------------------------------------------


@dataclass
class Known:
    """The clients as they were when the import started (duplicates and codes)."""

    by_person: dict[tuple[str, str, int | None], set[str | None]]
    codes: dict[str, str | None]


def _person(first: str, last: str, year: int | None) -> tuple[str, str, int | None]:
    return (first.casefold(), last.casefold(), year)


def _enrolment_state(enrolment: Enrolment) -> tuple[Any, ...]:
    return (
        enrolment.service_line,
        [c.username for c in enrolment.coordinators],
        enrolment.referred_by,
        enrolment.registered_on,
        enrolment.first_contact_on,
        enrolment.first_meeting_on,
        enrolment.ended_on,
        enrolment.outcome,
    )


async def _apply_enrolment(
    session: AsyncSession,
    settings: ClientsSettings,
    client: Client,
    existing: Enrolment | None,
    data: dict[str, Any],
    ref: str,
    by: str,
) -> bool:
    """Create or correct the row's enrolment; True when anything changed."""
    line = data["service_line"]
    coordinators = [(data["coordinator"], SERVICE_LINE_ROLES[line])]
    wanted = (
        line,
        [data["coordinator"]],
        data["referred_by"],
        data["registered_on"],
        data["first_contact_on"],
        data["first_meeting_on"],
        data["ended_on"],
        data["outcome"],
    )
    if existing is not None and _enrolment_state(existing) == wanted:
        return False
    if existing is None:
        enrolment = pathway.apply_enrolment(
            session,
            settings,
            client,
            service_line=line,
            coordinators=coordinators,
            referred_by=data["referred_by"],
            registered_on=data["registered_on"],
            source="import",
            created_by=by,
            external_ref=ref,
        )
    else:
        # A correction of history: reset to the registration and walk the milestones again.
        enrolment = existing
        for row in list(enrolment.coordinators):
            if row.username != data["coordinator"]:
                enrolment.coordinators.remove(row)
        if not enrolment.coordinators:
            enrolment.coordinators.append(
                EnrolmentCoordinator(username=data["coordinator"], role=coordinators[0][1])
            )
        enrolment.service_line = line
        enrolment.referred_by = data["referred_by"]
        enrolment.registered_on = data["registered_on"]
        enrolment.contact_due = pathway.contact_due(settings, line, data["registered_on"])
        enrolment.state = "registered"
        enrolment.first_contact_on = enrolment.first_meeting_on = None
        enrolment.ended_on = enrolment.outcome = None
        await pathway.restart_responsibility(session, enrolment)
    if data["first_contact_on"]:
        pathway.mark_contacted(session, enrolment, data["first_contact_on"], "unknown")
    if data["first_meeting_on"]:
        if enrolment.first_contact_on is None:
            enrolment.first_contact_on = data["first_meeting_on"]
        pathway.mark_first_meeting(session, enrolment, data["first_meeting_on"])
    if data["outcome"]:
        await pathway.apply_end(
            session,
            client,
            enrolment,
            outcome=data["outcome"],
            ended_on=data["ended_on"],
            exit_status=None,
            qualification_gained=None,
            ended_by=by,
        )
        # The old register kept exit forms on paper: history does not flood the worklist.
        enrolment.exit_form_missing = False
    return True


async def _write_batch(
    session: AsyncSession,
    settings: ClientsSettings,
    checked: Sequence[CheckedRow],
    job: ImportJob,
    known: Known,
) -> tuple[int, int, list[uuid.UUID]]:
    refs = [row.ref for row in checked]
    clients = await repository.clients_by_ref(session, refs)
    enrolments = await repository.enrolments_by_ref(session, refs)
    created = updated = 0
    touched: list[uuid.UUID] = []
    for row in checked:
        client = clients.get(row.ref)
        changed = False
        if client is None:
            client = add_client(
                session, dict(row.client), source="import", created_by=job.started_by
            )
            client.external_ref = row.ref
            created += 1
        else:
            differences = {k: v for k, v in row.client.items() if getattr(client, k) != v}
            if differences:
                for name, value in differences.items():
                    setattr(client, name, value)
                client.updated_at = utcnow()
                emit(session, outbox, "client.updated", client.id, client_event_data(client))
                changed = True
        if row.enrolment is not None:
            changed |= await _apply_enrolment(
                session,
                settings,
                client,
                enrolments.get(row.ref),
                row.enrolment,
                row.ref,
                job.started_by,
            )
        if changed and row.ref in clients:
            updated += 1
        touched.append(client.id)
    return created, updated, touched


async def _known(session: AsyncSession) -> Known:
    known = Known(by_person={}, codes={})
    for _, first, last, year, code, ref in await repository.identity_snapshot(session):
        known.by_person.setdefault(_person(first, last, year), set()).add(ref)
        if code:
            known.codes[code] = ref
    return known


def _uniqueness(
    row: CheckedRow, known: Known, seen_refs: set[str], seen_codes: dict[str, str]
) -> list[dict[str, Any]]:
    problems = []
    if row.ref in seen_refs:
        problems.append(
            row_problem(
                row.number, "external_ref", "appears twice in the file", code="duplicate_in_file"
            )
        )
    code = row.client["personal_identity_code"]
    if code:
        holder = seen_codes.get(code, known.codes.get(code, row.ref))
        if holder != row.ref:
            problems.append(
                row_problem(
                    row.number,
                    "personal_identity_code",
                    "another client has this code",
                    code="duplicate_identity_code",
                )
            )
    return problems


@dataclass
class Checked:
    """One batch after the checks: the rows to write and the problems found."""

    good: list[CheckedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Seen:
    """What the rows before this batch claimed: their refs and identity codes."""

    refs: set[str] = field(default_factory=set)
    codes: dict[str, str] = field(default_factory=dict)


def _check_batch(
    rows: Sequence[reading.Row],
    staff_roles: Mapping[str, frozenset[str] | None],
    known: Known,
    seen: Seen,
) -> Checked:
    batch = Checked()
    for number, raw in rows:
        row = _check(number, raw, staff_roles)
        row.problems += _uniqueness(row, known, seen.refs, seen.codes)
        seen.refs.add(row.ref)
        if row.problems:
            batch.errors += row.problems
            continue
        if row.client["personal_identity_code"]:
            seen.codes[row.client["personal_identity_code"]] = row.ref
        person = _person(
            row.client["first_name"], row.client["last_name"], row.client["birth_year"]
        )
        if known.by_person.get(person, set()) - {row.ref}:
            batch.warnings.append(
                row_problem(
                    row.number,
                    "last_name",
                    "possible duplicate of an existing client",
                    code="possible_duplicate",
                )
            )
        batch.good.append(row)
    return batch


async def _read_xlsx_in_a_process(content: bytes, limits: reading.Limits) -> list[reading.Row]:
    """openpyxl is pure Python: in a thread it would hold the GIL against the event loop
    for the whole parse, so the sheet is read in a process of its own, started for this
    file and gone after it (its memory with it)."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, reading.read_xlsx, content, limits)
    finally:
        # Not waited for: when the service stops, a parse (bounded by the caps) is left to
        # finish on its own.
        pool.shutdown(wait=False, cancel_futures=True)


def _finish(session: AsyncSession, job: ImportJob, status: str) -> None:
    """The job's end, told on the feed so that the person who started it hears of it."""
    job.status, job.finished_at = status, utcnow()
    emit(
        session,
        outbox,
        "import.finished",
        job.id,
        {
            "import_id": job.id,
            "started_by": job.started_by,
            "status": status,
            "dry_run": job.dry_run,
            "created": job.created,
            "updated": job.updated,
            "errors": len(job.errors),
            "finished_at": job.finished_at,
        },
    )


async def _fail(database: Database, job_id: uuid.UUID, message: str) -> None:
    async with database.transaction() as session:
        job = await repository.get_job(session, job_id)
        if job is not None:
            job.failure = message
            _finish(session, job, "failed")


async def _run(job_id: uuid.UUID, upload: Upload, runtime: Runtime, context: AccessContext) -> None:
    database, settings = runtime.database, runtime.settings
    for _ in range(200):
        async with database.transaction() as session:
            job = await repository.get_job(session, job_id)
            if job is not None:
                job.status = "running"
                known = await _known(session)
                break
        await asyncio.sleep(0.05)
    else:
        return
    staff_roles: dict[str, frozenset[str] | None] = {}
    seen = Seen()
    size = max(1, settings.import_batch_size)
    try:
        rows = upload.rows
        if rows is None:
            try:
                rows = await _read_xlsx_in_a_process(upload.content, reading.Limits.of(settings))
            except DomainError as refusal:
                await _fail(database, job_id, refusal.detail)
                return
            async with database.transaction() as session:
                job = await repository.get_job(session, job_id)
                assert job is not None
                job.total_rows = len(rows)
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            await _look_up_staff(runtime.directory, staff_roles, chunk)
            batch: Checked = await asyncio.to_thread(
                _check_batch, chunk, dict(staff_roles), known, seen
            )
            async with database.transaction() as session:
                job = await repository.get_job(session, job_id)
                assert job is not None
                if job.dry_run:
                    refs = [r.ref for r in batch.good]
                    existing = await repository.clients_by_ref(session, refs)
                    created, updated = sum(1 for r in batch.good if r.ref not in existing), 0
                else:
                    created, updated, touched = await _write_batch(
                        session, settings, batch.good, job, known
                    )
                    if touched:
                        await access.log(session, context, "import", touched)
                job.processed_rows = min(len(rows), start + size)
                job.created += created
                job.updated += updated
                job.errors = [*job.errors, *batch.errors]
                job.warnings = [*job.warnings, *batch.warnings]
        async with database.transaction() as session:
            job = await repository.get_job(session, job_id)
            assert job is not None
            _finish(session, job, "done")
    except Exception as exc:  # the job must not stay "running" for ever
        log.error("import_failed", import_id=str(job_id), exc_type=type(exc).__name__, exc_info=exc)
        await _fail(database, job_id, f"The import stopped: {type(exc).__name__}.")


# --- the API -------------------------------------------------------------------------------


def _require_importer(context: AccessContext) -> None:
    if not context.principal.has_role("team_lead", "admin"):
        raise Forbidden("Imports are for team leads and admins.", code="role_not_allowed")


async def start_import(
    session: AsyncSession,
    context: AccessContext,
    runtime: Runtime,
    *,
    filename: str | None,
    content: bytes,
    dry_run: bool,
) -> ImportAccepted:
    """Refuse at once what can be told quickly (size, a zip bomb, a CSV's rows and header);
    an XLSX's rows are read by the job, which fails with the reason when they are refused."""
    _require_importer(context)
    settings = runtime.settings
    if len(content) > settings.import_max_bytes:
        raise reading.too_large(settings.import_max_bytes)
    limits = reading.Limits.of(settings)
    if reading.is_xlsx(filename, content):
        await asyncio.to_thread(reading.check_archive, content, limits)
        upload = Upload(content=content, rows=None)
    else:
        rows = await asyncio.to_thread(reading.read_csv, content, limits)
        upload = Upload(content=b"", rows=rows)
    job = ImportJob(
        id=uuid.uuid4(),
        status="queued",
        dry_run=dry_run,
        started_by=context.principal.username,
        total_rows=0 if upload.rows is None else len(upload.rows),
        created_at=utcnow(),
    )
    session.add(job)
    await session.flush()
    # Started now, it waits until the job row has committed with this request.
    task = asyncio.create_task(_run(job.id, upload, runtime, context))
    runtime.tasks.add(task)
    task.add_done_callback(runtime.tasks.discard)
    return ImportAccepted(id=job.id, status="queued")


async def read_import(
    session: AsyncSession, context: AccessContext, job_id: uuid.UUID
) -> ImportRead:
    if not context.principal.has_role("team_lead", "admin"):
        raise NotFound("No such import.", code="import_not_found")
    job = await repository.get_job(session, job_id)
    if job is None:
        raise NotFound("No such import.", code="import_not_found")
    return ImportRead.model_validate(job)
