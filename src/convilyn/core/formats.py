"""What kind of document a file is: the one answer for uploads and for the document reader.

``files`` records it as an upload's ``format`` (``bin`` when it is none of the
readable kinds) and ``tools/parsing.py`` reads the file as it, so a file the
upload calls ``txt`` is one the reader can read, and the other way round.
Content decides PDF and DOCX (a file only named so is neither); text is any content without NUL
bytes (or with a UTF-16 byte-order mark), since the reader decodes UTF-8,
UTF-16 and cp1252; a name the reader knows not to be text (an image, a
spreadsheet, a legacy Office file) is not text whatever its bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

DocumentFormat = Literal["pdf", "docx", "txt", "md", "html"]

TEXT_EXTENSIONS: dict[str, DocumentFormat] = {
    "pdf": "pdf", "docx": "docx", "txt": "txt", "text": "txt", "log": "txt", "csv": "txt", "tsv": "txt",
    "rst": "txt", "md": "md", "markdown": "md", "mdown": "md", "html": "html", "htm": "html", "xhtml": "html",
}  # fmt: skip
# Extensions that are never read as text, with what to do instead (None: nothing better to say).
NOT_TEXT: dict[str, str | None] = {
    "doc": "it is an old Word 97-2003 document; save it as .docx and upload that",
    "rtf": "save it as .docx or .pdf and upload that",
    "odt": "save it as .docx or .pdf and upload that",
    "pages": "export it as .docx or .pdf and upload that",
    "xlsx": "spreadsheets are not supported; export the sheet as CSV or PDF",
    "xls": "spreadsheets are not supported; export the sheet as CSV or PDF",
    "pptx": "presentations are not supported; export the slides as PDF",
    "ppt": "presentations are not supported; export the slides as PDF",
}
IMAGE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "heic"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def extension(name: str) -> str:
    """``Report.PDF`` -> ``pdf``."""
    return Path(name).suffix.lower().lstrip(".")


def detect_format(head: bytes, declared: str, *, is_docx: bool | None = None) -> DocumentFormat | None:
    """The readable kind of a file from its first bytes and its declared extension, or None.

    ``declared`` is the extension (or a format hint) without the dot.
    ``is_docx`` answers for a ZIP whose head alone does not tell (the caller
    may open the archive); left None, a ZIP is DOCX if its head names ``word/``
    or it is declared ``docx``.
    """
    if head.lstrip()[:1024].startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        zip_is_docx = is_docx if is_docx is not None else (b"word/" in head or declared == "docx")
        return "docx" if zip_is_docx else None
    if head.startswith(OLE_MAGIC):
        return None  # a legacy .doc/.xls/.ppt, or an encrypted OOXML file
    if declared in ("pdf", "docx") or declared in NOT_TEXT or declared in IMAGE_EXTENSIONS:
        return None
    if b"\x00" in head and not head.startswith(UTF16_BOMS):
        return None
    if declared in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[declared]
    lowered = _as_text(head).lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:2048]:
        return "html"
    return "txt"


def _as_text(head: bytes) -> str:
    if head.startswith(UTF16_BOMS):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")
