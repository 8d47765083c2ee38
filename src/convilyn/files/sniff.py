"""What kind of document an upload is (``core/formats.py`` decides; a ZIP is opened to tell DOCX)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from convilyn.core.formats import detect_format, extension


def sniff_format(head: bytes, filename: str, path: Path | None = None) -> str:
    """One of pdf, docx, html, md, txt, or ``bin`` when it is none the document reader can read."""
    is_docx = _is_docx(path) if path is not None and head.startswith(b"PK\x03\x04") else None
    return detect_format(head, extension(filename), is_docx=is_docx) or "bin"


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
