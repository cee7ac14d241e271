"""Reading an import file into rows within fixed limits (CONTRACTS §4).

Everything here is synchronous and runs off the event loop (a thread or a process): a
file a team lead uploads may be large, and a hostile one may be built to be expensive
(a zip bomb, a million rows), while the service must keep answering everybody else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from services.clients.config import ClientsSettings
from services.clients.imports.schemas import COLUMNS
from services.common.errors import DomainError, FieldError, Unprocessable

FILE = ["body", "file"]
# An XLSX is a handful of parts; thousands of them are not a spreadsheet.
MAX_ARCHIVE_PARTS = 1000
# Columns beyond this are not read: the contract's sixteen fit many times over.
MAX_COLUMNS = 200
CHUNK = 1 << 20

# (row number in the file, column → text); blank rows are not rows.
Row = tuple[int, dict[str, str]]


class FileTooLarge(DomainError):
    status, title, slug = 413, "Content too large", "too-large"
    default_code = "too_large"


def refused(code: str, message: str, **params: Any) -> DomainError:
    """A file the import will not take, with a stable code for the app to translate."""
    field = FieldError(FILE, message, code=code, params=params)
    return Unprocessable(message, code=code, params=params, errors=[field])


def too_large(max_bytes: int) -> DomainError:
    message = (
        f"The file is larger than {max_bytes // (1024 * 1024)} MB; split it into smaller files."
    )
    params = {"max_bytes": max_bytes}
    field = FieldError(FILE, message, code="import_file_too_large", params=params)
    return FileTooLarge(message, code="import_file_too_large", params=params, errors=[field])


@dataclass(frozen=True, slots=True)
class Limits:
    rows: int
    cells: int
    unpacked_bytes: int

    @classmethod
    def of(cls, settings: ClientsSettings) -> Limits:
        return cls(
            rows=settings.import_max_rows,
            cells=settings.import_max_cells,
            unpacked_bytes=settings.import_max_unpacked_bytes,
        )


def is_xlsx(filename: str | None, content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04" or (filename or "").lower().endswith(".xlsx")


def _unreadable() -> DomainError:
    return refused("import_file_unreadable", "The file cannot be read as CSV or XLSX.")


def _unpacks_too_large(limits: Limits) -> DomainError:
    megabytes = limits.unpacked_bytes // (1024 * 1024)
    return refused(
        "import_file_unpacks_too_large",
        f"The spreadsheet unpacks to more than {megabytes} MB; split it into smaller files.",
        max_bytes=limits.unpacked_bytes,
    )


def check_archive(content: bytes, limits: Limits) -> None:
    """Refuse an XLSX whose parts unpack past the cap before any XML is parsed: first by
    the sizes the archive declares, then by counting what actually comes out, because
    declared sizes can lie. (zipfile stops each part at its declared size and fails its
    checksum, so what openpyxl later reads is bounded by the sizes checked here.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_ARCHIVE_PARTS:
                raise _unreadable()
            if sum(part.file_size for part in parts) > limits.unpacked_bytes:
                raise _unpacks_too_large(limits)
            unpacked = 0
            for part in parts:
                with archive.open(part) as stream:
                    while chunk := stream.read(CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limits.unpacked_bytes:
                            raise _unpacks_too_large(limits)
    except DomainError:
        raise
    except Exception:  # a broken, encrypted or exotic archive
        raise _unreadable() from None


def _too_many_rows(limits: Limits) -> DomainError:
    return refused(
        "import_too_many_rows",
        f"The file has more than {limits.rows:,} rows; import at most {limits.rows:,} rows "
        "at a time (split the file).",
        max_rows=limits.rows,
    )


def _rows(table: Iterable[Sequence[str]], limits: Limits) -> list[Row]:
    """The data rows under the header, keyed by the contract's column names."""
    lines = iter(table)
    header_cells = next(lines, None)
    if header_cells is None:
        raise refused("import_file_empty", "The file is empty.")
    header = [cell.strip().lower() for cell in header_cells]
    missing = [c for c in ("external_ref", "last_name", "first_name") if c not in header]
    if missing:
        raise refused(
            "import_header_missing_columns",
            f"The header lacks the columns: {', '.join(missing)}.",
            columns=missing,
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    rows: list[Row] = []
    cells = 0
    for number, line in enumerate(lines, start=2):
        cells += len(line)
        if cells > limits.cells:
            raise refused(
                "import_too_many_cells",
                f"The file has more than {limits.cells:,} cells; split it into smaller files.",
                max_cells=limits.cells,
            )
        if not any(cell.strip() for cell in line):
            continue
        if len(rows) == limits.rows:
            raise _too_many_rows(limits)
        rows.append(
            (
                number,
                {name: (line[i].strip() if i < len(line) else "") for name, i in index.items()},
            )
        )
    return rows


def read_csv(content: bytes, limits: Limits) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refused("import_file_not_utf8", "The CSV file is not UTF-8.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _rows(csv.reader(io.StringIO(text), delimiter=delimiter), limits)
    except csv.Error:
        raise _unreadable() from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _sheet_lines(sheet: Any) -> Iterator[list[str]]:
    header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
    # Rows are read as wide as the header: a sheet's declared dimension may claim
    # thousands of columns, and every row would be padded to them.
    width = max((i + 1 for i, value in enumerate(header) if value is not None), default=0)
    yield [_text(value) for value in header[:width]]
    if width == 0:
        return
    for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
        yield [_text(value) for value in values]


def read_xlsx(content: bytes, limits: Limits) -> list[Row]:
    """The first sheet in openpyxl's streaming read-only mode, under the caps."""
    from openpyxl import load_workbook

    check_archive(content, limits)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise _unreadable() from None
    try:
        if not workbook.worksheets:
            raise refused("import_file_empty", "The file is empty.")
        return _rows(_sheet_lines(workbook.worksheets[0]), limits)
    except DomainError:
        raise
    except Exception:
        raise _unreadable() from None
    finally:
        workbook.close()
