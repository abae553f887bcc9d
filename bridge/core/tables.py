"""Read an import file (CSV or XLSX) row by row without holding it in memory: the materials and
partnering imports share it.

CSV is decoded line by line (UTF-8 with or without BOM, else cp1251,
decided from the first 64 KB); XLSX is read by openpyxl in read-only mode, after checking that
the zip really is a workbook and would not inflate into something huge (a zip bomb).
Every refusal is a FileRefused with a message for the person who uploaded the file.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from bridge.core.spreadsheets import cell_from_spreadsheet

MAX_FILE_BYTES = 50 * 1024 * 1024
XLSX_MAX_UNCOMPRESSED = 512 * 1024 * 1024  # all parts of the workbook together, inflated
XLSX_MAX_RATIO = 200  # inflated / compressed, per part larger than 1 MB
_SNIFF_BYTES = 64 * 1024
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}

csv.field_size_limit(1024 * 1024)


class FileRefused(Exception):
    def __init__(self, message: str, *, row: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def _size(file) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def read_table(file, filename: str = "") -> Iterator[list[str]]:
    """Yield the header row, then every data row, as lists of strings.

    `file` is a binary, seekable file object (an upload or an open file)."""
    size = _size(file)
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_FILE_BYTES)}
        )
    if size == 0:
        raise FileRefused(_("The file is empty."))
    head = file.read(_SNIFF_BYTES)
    file.seek(0)
    if head.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(file)
    return _csv_rows(file, head)


# --- CSV -------------------------------------------------------------------------------------
def _is_utf8(head: bytes) -> bool:
    # Incremental: the sniffed head may end inside a multi-byte character.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in head:
        raise FileRefused(_("This is not a CSV or XLSX file (it holds binary data)."))
    if _is_utf8(head):
        return "utf-8"
    try:
        text = head.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            _("The file's text encoding was not recognised. Save it as UTF-8 CSV.")
        ) from exc
    if sum(ch in _CONTROL for ch in text) > max(3, len(text) // 100):
        raise FileRefused(_("This is not a CSV or XLSX file (it holds binary data)."))
    return "cp1251"


def _csv_rows(file, head: bytes) -> Iterator[list[str]]:
    encoding = detect_encoding(head)
    if encoding == "utf-8-sig":
        file.read(len(codecs.BOM_UTF8))
        encoding = "utf-8"
    # Each physical line is decoded on its own (a newline byte never sits inside a character in
    # UTF-8 or cp1251), so a bad byte is reported with the line it is on.
    physical = 0

    def lines() -> Iterator[str]:
        nonlocal physical
        for raw in iter(lambda: file.readline(1024 * 1024), b""):
            physical += 1
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise FileRefused(
                    _(
                        "Line %(line)d cannot be read as %(encoding)s text. Save the file as UTF-8 CSV."
                    )
                    % {"line": physical, "encoding": encoding},
                    row=physical,
                ) from exc

    stream = lines()
    first = next(stream, "")
    if any(ch in _CONTROL for ch in first):
        raise FileRefused(_("This is not a CSV or XLSX file (it holds binary data)."))
    delimiter = max(";,\t", key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ","

    def all_lines() -> Iterator[str]:
        yield first
        yield from stream

    reader = csv.reader(all_lines(), delimiter=delimiter)
    try:
        for row in reader:
            yield [cell_from_spreadsheet(cell.strip()) for cell in row]
    except csv.Error as exc:
        raise FileRefused(
            _("Line %(line)d is not valid CSV (%(reason)s).") % {"line": physical, "reason": exc},
            row=physical,
        ) from exc


# --- XLSX ------------------------------------------------------------------------------------
def _not_a_workbook() -> FileRefused:
    return FileRefused(_("This file is not an Excel workbook (.xlsx). Save it as XLSX or CSV."))


def check_workbook_zip(file) -> None:
    """Refuse what is not an XLSX package, or what would inflate beyond the limits."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_a_workbook() from exc
    finally:
        file.seek(0)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _not_a_workbook()
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > XLSX_MAX_UNCOMPRESSED or (
            info.file_size > 1024 * 1024 and ratio > XLSX_MAX_RATIO
        ):
            raise FileRefused(
                _(
                    "This workbook would unpack to far more data than it holds (a “zip bomb”); "
                    "it was not opened."
                )
            )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return cell_from_spreadsheet(str(value).strip())


def _xlsx_rows(file) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    check_workbook_zip(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise _not_a_workbook() from exc
    try:
        if not workbook.worksheets:
            raise _not_a_workbook()
        sheet = workbook.worksheets[0]
        row_number = 0
        try:
            for row in sheet.iter_rows(values_only=True):
                row_number += 1
                yield [_cell(value) for value in row]
        except FileRefused:
            raise
        except Exception as exc:
            raise FileRefused(
                _("The workbook is damaged after row %(row)d.") % {"row": row_number},
                row=row_number + 1,
            ) from exc
    finally:
        workbook.close()


def estimate_rows(file, filename: str = "") -> int | None:
    """About how many data rows the file holds, for a progress bar: the lines of a CSV (a cell
    with line breaks counts more than once), the dimension an XLSX declares. None when it
    cannot tell. The file is left at its start."""
    try:
        head = file.read(4)
        file.seek(0)
        if head.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm")):
            from openpyxl import load_workbook

            check_workbook_zip(file)
            workbook = load_workbook(file, read_only=True)
            rows = workbook.worksheets[0].max_row if workbook.worksheets else None
            workbook.close()
            return max(0, rows - 1) if rows else None
        lines = 0
        last = b"\n"
        for block in iter(lambda: file.read(1024 * 1024), b""):
            lines += block.count(b"\n")
            last = block[-1:]
        return max(0, lines - (last == b"\n"))  # less the header, plus an unterminated last line
    except (FileRefused, OSError, ValueError, KeyError):
        return None
    finally:
        file.seek(0)
