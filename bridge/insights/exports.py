"""Writing tables as CSV, JSON and XLSX, streamed: a response starts before the last row is
written, so a large table never sits whole in memory. Shared by the open data and the staff
exports."""

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from bridge.core.spreadsheets import row_for_spreadsheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Line:
    """A file-like object csv.writer writes one line into, handed straight back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    # A BOM, so spreadsheet programs read Cyrillic and Uzbek letters as UTF-8.
    yield "\ufeff" + writer.writerow(row_for_spreadsheet(header))
    for row in rows:
        yield writer.writerow(row_for_spreadsheet("" if value is None else value for value in row))


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_chunks(meta: dict, rows: Iterable[dict]) -> Iterator[str]:
    """`meta` with a "rows" list written one row at a time."""
    head = json.dumps(meta, ensure_ascii=False, indent=1)
    yield head[:-2] + ',\n "rows": ['
    first = True
    for row in rows:
        yield ("\n  " if first else ",\n  ") + json.dumps(row, ensure_ascii=False, default=str)
        first = False
    yield "\n ]\n}\n"


def json_response(filename: str, meta: dict, rows: Iterable[dict]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        json_chunks(meta, rows), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def xlsx_response(
    filename: str, sheets: list[tuple[str, list[str], Iterable[list]]]
) -> FileResponse:
    """Sheets of (title, header, rows), written in openpyxl's streaming mode to a temporary
    file that the response then reads out in chunks."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(row_for_spreadsheet(header))
        for row in rows:
            sheet.append(row_for_spreadsheet("" if value is None else value for value in row))
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    workbook.save(spooled)
    spooled.seek(0)
    return FileResponse(spooled, as_attachment=True, filename=filename, content_type=XLSX)
