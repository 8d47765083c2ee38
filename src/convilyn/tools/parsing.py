"""Text extraction from local documents: PDF (pypdf), DOCX (python-docx), TXT, Markdown, HTML.

Every failure a person can fix raises a typed ``ToolInputError`` whose message
names the file and says what to do (encrypted, damaged, empty, unsupported).
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

from pydantic import Field

from convilyn.core.formats import (
    IMAGE_EXTENSIONS,
    NOT_TEXT,
    OLE_MAGIC,
    TEXT_EXTENSIONS,
    UTF16_BOMS,
    DocumentFormat,
    detect_format,
    extension,
)
from convilyn.tools.errors import EmptyDocument, EncryptedDocument, UnreadableDocument, UnsupportedFormat
from convilyn.tools.html_text import html_to_text
from convilyn.tools.model import ToolModel
from convilyn.tools.paths import PathPolicy
from convilyn.tools.pdf_layout import drop_running_heads, join_pages, page_lines, paragraphs, text_width
from convilyn.tools.text import normalise_whitespace, without_quoted_replies
from convilyn.tools.titles import document_title
from convilyn.tools.transcripts import as_turns

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class ExtractedText(ToolModel):
    """The text of one document."""

    filename: str = Field(description="The file's name.")
    format: DocumentFormat = Field(description="The format the text was read as.")
    text: str = Field(description="The document's text; headings as '#' lines, list items as '- ' lines.")
    title: str | None = Field(default=None, description="The document's own title, when it declares one.")
    display_title: str = Field(
        default="",
        description="The title a reader gives the document: its declared title, a Subject: line or first heading "
        "that is not a generic word such as MEMORANDUM, else the file name.",
    )
    pages: int | None = Field(default=None, description="Number of pages (PDF only).")
    characters: int = Field(description="Length of the text in characters.")
    words: int = Field(description="Number of words in the text.")
    warnings: list[str] = Field(default_factory=list, description="Problems that did not stop extraction.")


def extract_text(
    path: str | Path, format_hint: str | None = None, *, policy: PathPolicy | None = None
) -> ExtractedText:
    """Read the text of the document at ``path``.

    ``format_hint`` (``pdf``, ``docx``, ``txt``, ``md``, ``html`` or a file
    extension) overrides the file's extension; a file whose content is clearly
    PDF or DOCX is read as such whatever its name says.
    """
    file = (policy or PathPolicy()).readable_file(path)
    name = file.name
    size = file.stat().st_size
    if size == 0:
        raise EmptyDocument(f"{name} is empty (0 bytes); upload the document again")
    if size > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(f"{name} is {size // (1024 * 1024)} MB; documents over 100 MB are not read")
    with file.open("rb") as handle:
        head = handle.read(4096)
    fmt = _choose_format(name, format_hint, head)

    warnings: list[str] = []
    title: str | None = None
    pages: int | None = None
    if fmt == "pdf":
        text, title, pages, warnings = _read_pdf(file)
    elif fmt == "docx":
        text, title = _read_docx(file)
    elif fmt == "html":
        text, title = html_to_text(_read_text_file(file))
    else:
        text = _read_text_file(file)

    text = as_turns(without_quoted_replies(normalise_whitespace(text)))
    if not text:
        if fmt == "pdf":
            raise EmptyDocument(
                f"{name} has no extractable text; it is probably a scanned image. "
                "Upload a text-based PDF or a DOCX instead"
            )
        raise EmptyDocument(f"{name} contains no text")
    return ExtractedText(
        filename=name,
        format=fmt,
        text=text,
        title=title,
        display_title=document_title(text, title, name),
        pages=pages,
        characters=len(text),
        words=len(text.split()),
        warnings=warnings,
    )


def _choose_format(name: str, hint: str | None, head: bytes) -> DocumentFormat:
    declared = (hint or "").strip().lower().lstrip(".") or extension(name)
    if head.startswith(OLE_MAGIC) and (declared == "docx" or _OLE_ENCRYPTED in head):
        # OOXML files saved with a password are wrapped in an OLE container.
        raise EncryptedDocument(f"{name} is password-protected; upload an unprotected copy")
    fmt = detect_format(head, declared)
    if fmt is not None:
        return fmt
    if declared == "pdf":
        raise UnreadableDocument(f"{name} could not be read as a PDF; it may be damaged. Re-export it and upload again")
    if declared == "docx":
        raise UnreadableDocument(f"{name} could not be read as a Word document; it may be damaged")
    if declared in TEXT_EXTENSIONS:
        raise UnreadableDocument(f"{name} does not contain text (it looks like a binary file)")
    if advice := NOT_TEXT.get(declared):
        raise UnsupportedFormat(f"{name} cannot be read: {advice}")
    if declared in IMAGE_EXTENSIONS:
        raise UnsupportedFormat(f"{name} is an image; text can only be read from PDF, DOCX, TXT, Markdown or HTML")
    shown = f".{declared} files" if declared else "this kind of file"
    raise UnsupportedFormat(f"{name} cannot be read: {shown} are not supported (use PDF, DOCX, TXT, Markdown or HTML)")


def _read_text_file(file: Path) -> str:
    data = file.read_bytes()
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{file.name} does not contain text (it looks like a binary file)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_pdf(file: Path) -> tuple[str, str | None, int, list[str]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    name = file.name
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise EncryptedDocument(
                    f"{name} is encrypted with a method that cannot be opened here; upload an unprotected copy"
                ) from exc
            if decrypted == PasswordType.NOT_DECRYPTED:
                raise EncryptedDocument(f"{name} is encrypted; upload an unprotected copy")
        page_count = len(reader.pages)
    except EncryptedDocument:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocument(f"{name} is encrypted; upload an unprotected copy") from exc
    except Exception as exc:  # pypdf raises many types for damaged files; all mean the same to the user
        log.info("pdf %s unreadable: %r", name, exc)
        raise UnreadableDocument(
            f"{name} could not be read as a PDF; it may be damaged. Re-export it and upload again"
        ) from exc

    pages: list[list[str]] = []
    blank = 0
    for page in reader.pages:
        pages.append(_page_lines(page, name))
        if not any(line.strip() for line in pages[-1]):
            blank += 1
    pages = drop_running_heads(pages)
    width = text_width(pages)
    texts = [paragraphs(lines, width) for lines in pages]
    warnings = []
    if blank and blank < page_count:
        warnings.append(f"{blank} of {page_count} pages have no extractable text (scanned images?)")
    title = None
    try:
        meta_title = reader.metadata.title if reader.metadata else None
        title = str(meta_title).strip() or None if meta_title else None
    except Exception:  # broken metadata is not worth failing for
        title = None
    return join_pages(texts), title, page_count, warnings


def _page_lines(page, name: str) -> list[str]:  # noqa: ANN001 - pypdf PageObject
    """One page's lines in layout mode (positions kept), or plain mode when layout extraction fails."""
    try:
        return page_lines(page.extract_text(extraction_mode="layout") or "")
    except Exception as exc:  # layout mode is stricter about broken fonts; plain text is better than none
        log.info("pdf %s: layout text failed, reading plain text: %r", name, exc)
    try:
        return (page.extract_text() or "").replace("\u2022", "\n•").splitlines()
    except Exception as exc:  # one bad page should not lose the rest of the document
        log.info("pdf %s: page text failed: %r", name, exc)
        return []


def _read_docx(file: Path) -> tuple[str, str | None]:
    from docx import Document

    name = file.name
    try:
        with zipfile.ZipFile(file) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnreadableDocument(f"{name} is not a Word document; upload a .docx file")
        document = Document(str(file))
    except UnreadableDocument:
        raise
    except Exception as exc:  # BadZipFile, KeyError, lxml errors: all "damaged" to the user
        log.info("docx %s unreadable: %r", name, exc)
        raise UnreadableDocument(f"{name} could not be read as a Word document; it may be damaged") from exc

    title = (document.core_properties.title or "").strip() or None
    return "\n".join(_docx_blocks(document)), title


def _docx_blocks(container) -> list[str]:  # noqa: ANN001 - python-docx Document or _Cell
    """The lines of a document or table cell in reading order.

    A table used for layout (a two-column resume, a sidebar) is read cell by cell,
    each cell's paragraphs whole, left column before right; a table of data keeps
    one ``cell | cell`` line per row.
    """
    lines: list[str] = []
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            if _is_layout_table(block):
                for column in _layout_cells(block):
                    lines.append("")
                    lines.extend(_docx_blocks(column))
                lines.append("")
            else:
                lines.extend(_table_lines(block))
        else:
            line = _paragraph_line(block)
            if line is not None:
                lines.append(line)
    return lines


def _is_layout_table(table) -> bool:  # noqa: ANN001 - python-docx Table
    """A table whose cells hold running content (several paragraphs, lists, nested tables), not data."""
    for row in table.rows:
        for cell in row.cells:
            filled = [p for p in cell.paragraphs if p.text.strip()]
            if len(filled) >= 3 or cell.tables:
                return True
    return False


def _layout_cells(table) -> list:  # noqa: ANN001 - python-docx Table
    """A layout table's cells in reading order: a one-row table column by column, else row by row."""
    seen: set[int] = set()
    cells = []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell appears once per grid position it spans
                seen.add(id(cell._tc))
                cells.append(cell)
    return cells


def _paragraph_line(paragraph) -> str | None:  # noqa: ANN001 - python-docx Paragraph
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if not text:
        return ""
    if style == "Title":
        return f"# {text}"
    heading = re.match(r"Heading (\d)", style)
    if heading:
        return "#" * min(int(heading.group(1)), 6) + " " + text
    text = _with_bold_lead(paragraph, text)
    if style.startswith("List Number"):
        return f"1. {text}"
    if style.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return f"- {text}"
    return text


def _with_bold_lead(paragraph, text: str) -> str:  # noqa: ANN001 - python-docx Paragraph
    """The paragraph with its bold opening marked ``**...**``: a bold owner, a bold label, a bold name line.

    Bold carries meaning readers rely on ("**Maria** to send the budget", a bold name
    over a resume); only a bold *opening* is kept, emphasis mid-sentence is dropped.
    """
    runs = [r for r in paragraph.runs if r.text]
    lead = ""
    for run in runs:
        bold = run.bold or (run.style is not None and run.style.font.bold)
        if not bold:
            break
        lead += run.text
    lead = lead.strip()
    if not lead or not text.startswith(lead):
        return text
    rest = text[len(lead) :].strip()
    if not rest:
        return f"**{lead}**" if len(lead.split()) <= 12 else text
    separator = "" if rest[:1] in ",.:;" else " "
    return f"**{lead}**{separator}{rest}"


def _table_lines(table) -> list[str]:  # noqa: ANN001 - python-docx Table
    lines = [""]
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                cells.append(value)
        if cells:
            lines.append(" | ".join(cells))
    lines.append("")
    return lines
