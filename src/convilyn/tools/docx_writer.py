"""Rendering Markdown-style text as a Word document with python-docx."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from convilyn.tools.markdown_blocks import COMPACT, Block, Run, layout_of, parse_blocks, parse_inline, printable

_BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
# The compact (one-page resume) layout's geometry, the PDF's: A4, 12 mm top and bottom, 14 mm sides, 4.5 mm lines.
COMPACT_PAGE = (Mm(210), Mm(297))
COMPACT_TOP = Mm(12)
COMPACT_SIDE = Mm(14)
COMPACT_LINE = Mm(4.5)
_NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")


def _add_runs(paragraph, runs: list[Run]) -> None:  # noqa: ANN001 - python-docx Paragraph
    for run in runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
        if run.code:
            added.font.name = "Consolas"
            added.font.color.rgb = RGBColor(0x33, 0x33, 0x33)


def _add_table(document, block: Block) -> None:  # noqa: ANN001 - python-docx Document
    width = len(block.rows[0])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            paragraph = cell.paragraphs[0]
            runs = parse_inline(value)
            _add_runs(paragraph, [Run(r.text, bold=r.bold or index == 0, italic=r.italic, code=r.code) for r in runs])
    document.add_paragraph()


def _compact(document) -> None:  # noqa: ANN001 - python-docx Document
    """A one-page resume's layout, set no looser than the PDF's (``pdf_writer``'s compact style), so a draft that
    fits one PDF page fits one Word page: the same A4 page and margins, a line pitch no taller than the PDF's and
    Calibri, narrower than the PDF's DejaVu Sans at the same size, so no paragraph takes more lines."""
    for section in document.sections:
        section.page_width, section.page_height = COMPACT_PAGE  # python-docx starts from US Letter, 15 mm shorter
        section.top_margin = section.bottom_margin = COMPACT_TOP
        section.left_margin = section.right_margin = COMPACT_SIDE
    sizes = {"Normal": 9.5, "Title": 16, "Heading 1": 15, "Heading 2": 11.5, "Heading 3": 10}
    for name, size in sizes.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(0 if name in ("Normal", "Title") else 5)
        style.paragraph_format.space_after = Pt(2)
        if name != "Normal":
            style.paragraph_format.line_spacing = 1.0  # a heading is not clipped to the body's exact pitch
    document.styles["Normal"].paragraph_format.line_spacing = COMPACT_LINE  # exactly the PDF's 4.5 mm
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
        document.styles[name].paragraph_format.space_after = Pt(0)


def render_docx(markdown: str, title: str | None, path: Path) -> None:
    """Write ``markdown`` (with an optional document ``title``) to ``path`` as DOCX."""
    document = Document()
    properties = document.core_properties
    properties.author = "Convilyn"
    properties.title = printable(title) if title else ""
    properties.comments = ""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    if layout_of(markdown) == COMPACT:
        _compact(document)
    title = printable(title) if title else None
    if title:
        document.add_heading(title, level=0)
    for block in parse_blocks(markdown):
        if block.kind == "heading":
            document.add_heading(block.plain, level=min(block.level, 9))
        elif block.kind == "paragraph":
            _add_runs(document.add_paragraph(), block.runs)
        elif block.kind == "bullet":
            _add_runs(document.add_paragraph(style=_BULLET_STYLES[block.level]), block.runs)
        elif block.kind == "numbered":
            _add_runs(document.add_paragraph(style=_NUMBER_STYLES[block.level]), block.runs)
        elif block.kind == "table":
            _add_table(document, block)
        elif block.kind == "code":
            paragraph = document.add_paragraph()
            _add_runs(paragraph, [Run(block.text, code=True)])
        elif block.kind == "rule":
            document.add_paragraph("―" * 20).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
