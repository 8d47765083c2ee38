"""What kind of document a file is, from its first bytes and its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

TEXT_EXTENSIONS = {"md": "md", "markdown": "md", "txt": "txt", "text": "txt", "html": "html", "htm": "html"}


def sniff_format(head: bytes, filename: str, path: Path | None = None) -> str:
    """One of pdf, docx, html, md, txt, or ``bin`` when it is none of those."""
    ext = Path(filename).suffix.lower().lstrip(".")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if path is not None and _is_docx(path) else "bin"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The head may end inside a multi-byte character.
        if exc.start < len(head) - 4:
            return "bin"
        text = head[: exc.start].decode("utf-8")
    if "\x00" in text:
        return "bin"
    lowered = text.lstrip().lower()
    if ext in ("html", "htm") or lowered.startswith(("<!doctype html", "<html")):
        return "html"
    return TEXT_EXTENSIONS.get(ext, "txt") if ext in TEXT_EXTENSIONS else "txt"


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
