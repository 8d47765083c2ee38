"""The file name of an uploaded part: decoded as sent, and never a path.

Browsers and HTTP clients send the ``filename`` parameter of a part's
Content-Disposition as raw UTF-8 (RFC 7578 §4.2); some send RFC 5987
``filename*=UTF-8''...`` as well, which then wins (RFC 6266 §4.3). Bytes that
are not UTF-8 are read as Latin-1, so no name is refused for its encoding.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from python_multipart.multipart import parse_options_header

EXTENDED = re.compile(r"""(?:^|;)\s*filename\*\s*=\s*([^;]+)""", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_LENGTH = 255


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _extended(header: str) -> str | None:
    match = EXTENDED.search(header)
    if not match:
        return None
    charset, _, rest = match.group(1).strip().strip('"').partition("'")
    _language, _, encoded = rest.partition("'")
    try:
        return unquote_to_bytes(encoded).decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return None


def part_disposition(raw: bytes) -> tuple[bytes, str | None]:
    """A part's Content-Disposition (raw header bytes): its field name and its file name, if any."""
    header = raw.decode("latin-1")  # byte for byte, so the UTF-8 below is read from the bytes sent
    _, params = parse_options_header(header)
    filename = _extended(header)
    if filename is None and b"filename" in params:
        filename = _text(params[b"filename"])
    return params.get(b"name", b""), filename


def safe_filename(name: str, *, fallback: str = "upload") -> str:
    """The last path segment of ``name`` without control characters: never a path, never empty."""
    base = re.split(r"[/\\]", name)[-1]
    base = CONTROL.sub("", base).strip()
    if base in ("", ".", ".."):
        return fallback
    return base[:MAX_LENGTH]
