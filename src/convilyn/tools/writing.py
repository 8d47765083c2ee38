"""Writing deliverables to disk: Markdown, DOCX, PDF, CSV and JSON.

Every writer takes an output directory, a plain file name and the content, and
returns the written path and its size. Files are written to a temporary name
and renamed into place, so a failure never leaves a partial file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from convilyn.tools.errors import InvalidContent, ToolInputError
from convilyn.tools.model import ToolModel
from convilyn.tools.paths import PathPolicy

OutputFormat = Literal["md", "docx", "pdf", "csv", "json"]
MAX_CONTENT_CHARS = 5_000_000


class WrittenFile(ToolModel):
    """A file a writer produced."""

    path: str = Field(description="Absolute path of the written file.")
    filename: str = Field(description="The file's name.")
    format: OutputFormat
    bytes: int = Field(description="Size of the file in bytes.")


def write_atomically(target: Path, fmt: OutputFormat, produce: Callable[[Path], object]) -> WrittenFile:
    """Run ``produce`` on a temporary path beside ``target`` and move the result into place."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolInputError(f"The output directory {target.parent} cannot be created: {exc.strerror}") from exc
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".convilyn-", suffix=f".{fmt}.part")
    os.close(handle)
    try:
        produce(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; a deliverable is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return WrittenFile(path=str(target), filename=target.name, format=fmt, bytes=target.stat().st_size)


def _check_text(content: str, what: str = "content") -> str:
    if not isinstance(content, str):
        raise InvalidContent(f"The {what} must be text")
    if len(content) > MAX_CONTENT_CHARS:
        raise InvalidContent(f"The {what} is {len(content):,} characters; the limit is {MAX_CONTENT_CHARS:,}")
    return content


def write_markdown(
    output_dir: str | Path, filename: str, content: str, *, policy: PathPolicy | None = None
) -> WrittenFile:
    """Write ``content`` as a UTF-8 Markdown file ending in a newline."""
    target = (policy or PathPolicy()).output_file(output_dir, filename, "md")
    text = _check_text(content)
    data = (text.rstrip("\n") + "\n").encode("utf-8")
    return write_atomically(target, "md", lambda path: path.write_bytes(data))


def write_docx(
    output_dir: str | Path, filename: str, content: str, title: str | None = None, *, policy: PathPolicy | None = None
) -> WrittenFile:
    """Write Markdown-style ``content`` as a Word document (headings, lists, bold, tables)."""
    from convilyn.tools.docx_writer import render_docx

    target = (policy or PathPolicy()).output_file(output_dir, filename, "docx")
    text = _check_text(content)
    return write_atomically(target, "docx", lambda path: render_docx(text, title, path))


def write_pdf(
    output_dir: str | Path, filename: str, content: str, title: str | None = None, *, policy: PathPolicy | None = None
) -> WrittenFile:
    """Write Markdown-style ``content`` as an A4 PDF in DejaVu Sans (full Latin, Greek and Cyrillic)."""
    from convilyn.tools.pdf_writer import render_pdf

    target = (policy or PathPolicy()).output_file(output_dir, filename, "pdf")
    text = _check_text(content)
    return write_atomically(target, "pdf", lambda path: render_pdf(text, title, path))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        # A spreadsheet would run this cell as a formula (CSV injection); keep it text.
        return "'" + value
    return str(value)


_FORMULA_STARTS = frozenset("=+-@\t\r")


def csv_text(header: list[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with a header row, each cell as ``write_csv`` writes it (the one CSV serializer)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def write_csv(
    output_dir: str | Path,
    filename: str,
    rows: list[dict[str, Any]] | list[list[Any]],
    columns: list[str] | None = None,
    *,
    policy: PathPolicy | None = None,
) -> WrittenFile:
    """Write ``rows`` as a UTF-8 CSV with a header row.

    Rows are objects (columns default to their keys, in first-seen order) or,
    with ``columns`` given, lists of values in column order. Lists inside a
    cell are joined with "; ".
    """
    target = (policy or PathPolicy()).output_file(output_dir, filename, "csv")
    if not isinstance(rows, list):
        raise InvalidContent("rows must be a list of objects")
    header = list(columns or [])
    if not header:
        for row in rows:
            if not isinstance(row, dict):
                raise InvalidContent("Each row must be an object with column names as keys (or pass columns)")
            header.extend(k for k in row if k not in header)
    if not header:
        raise InvalidContent("There is nothing to write: no rows and no columns were given")
    values: list[list[Any]] = []
    for number, item in enumerate(rows, start=1):
        if isinstance(item, dict):
            values.append([item.get(column) for column in header])
        elif isinstance(item, list | tuple):
            if len(item) > len(header):
                raise InvalidContent(f"Row {number} has {len(item)} values but there are {len(header)} columns")
            values.append([*item, *[None] * (len(header) - len(item))])
        else:
            raise InvalidContent(f"Row {number} must be an object or a list of values")
    data = _check_text(csv_text(header, values), "CSV").encode("utf-8")
    return write_atomically(target, "csv", lambda path: path.write_bytes(data))


def write_json(output_dir: str | Path, filename: str, data: Any, *, policy: PathPolicy | None = None) -> WrittenFile:
    """Write ``data`` as pretty-printed UTF-8 JSON."""
    target = (policy or PathPolicy()).output_file(output_dir, filename, "json")
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except (TypeError, ValueError) as exc:
        raise InvalidContent(f"The data cannot be written as JSON: {exc}") from exc
    encoded = _check_text(text, "JSON").encode("utf-8")
    return write_atomically(target, "json", lambda path: path.write_bytes(encoded))
