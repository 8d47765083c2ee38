"""Stream one file part of a multipart/form-data body straight to disk, size-capped.

Starlette's form parser spools the whole body before the endpoint runs; this
writes the ``file`` part as it arrives and stops at the cap.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from convilyn.core.errors import PayloadTooLarge, ValidationFailed
from convilyn.files.filenames import part_disposition, safe_filename


@dataclass
class ReceivedFile:
    filename: str
    content_type: str
    size: int
    sha256: str
    head: bytes  # the first bytes, for sniffing the type


class _Part:
    def __init__(self) -> None:
        self.headers: dict[str, bytes] = {}  # raw values: decoded where their meaning is known
        self.field = b""
        self.value = b""


async def receive_file(request: Request, target: Path, *, field: str, max_bytes: int) -> ReceivedFile:
    """Write the part named ``field`` to ``target``; 413 past ``max_bytes``, 422 if absent."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise ValidationFailed("Send the file as multipart/form-data.", field=field, code="multipart_required")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + 64 * 1024:
        raise PayloadTooLarge(f"The upload exceeds the {max_bytes // (1024 * 1024)} MB limit.",
                              details={"maxBytes": max_bytes})

    current = _Part()
    header_name = bytearray()
    header_value = bytearray()
    found: dict[str, object] = {}
    digest = hashlib.sha256()
    head = bytearray()
    size = 0
    out = None
    too_large = False

    def on_part_begin() -> None:
        nonlocal current
        current = _Part()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        current.headers[header_name.decode("latin-1").lower()] = bytes(header_value)
        header_name.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        nonlocal out
        current.field, filename = part_disposition(current.headers.get("content-disposition", b""))
        if current.field == field.encode() and "filename" not in found:
            found["filename"] = safe_filename(filename or "")
            found["content_type"] = current.headers.get("content-type", b"application/octet-stream").decode("latin-1")
            out = target.open("wb")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        nonlocal size, too_large
        if out is None or current.field != field.encode() or too_large:
            return
        chunk = data[start:end]
        size += len(chunk)
        if size > max_bytes:
            too_large = True
            return
        if len(head) < 8192:
            head.extend(chunk[: 8192 - len(head)])
        digest.update(chunk)
        out.write(chunk)

    def on_part_end() -> None:
        nonlocal out
        if out is not None:
            out.close()
            out = None

    parser = MultipartParser(
        params[b"boundary"],
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if too_large:
                break
        if not too_large:
            parser.finalize()
    except PayloadTooLarge:
        raise
    except Exception as exc:  # the library's parse errors: a malformed body
        target.unlink(missing_ok=True)
        raise ValidationFailed("The multipart body could not be parsed.", field=field, code="multipart_invalid") from exc
    finally:
        if out is not None:
            out.close()
    if too_large:
        target.unlink(missing_ok=True)
        raise PayloadTooLarge(f"The upload exceeds the {max_bytes // (1024 * 1024)} MB limit.",
                              details={"maxBytes": max_bytes})
    if "filename" not in found:
        target.unlink(missing_ok=True)
        raise ValidationFailed(f"The form has no {field!r} file part.", field=field, code="missing")
    return ReceivedFile(
        filename=str(found["filename"]),
        content_type=str(found["content_type"]),
        size=size,
        sha256=digest.hexdigest(),
        head=bytes(head),
    )
