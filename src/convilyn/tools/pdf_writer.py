"""Rendering Markdown-style text as an A4 PDF with fpdf2 and the bundled DejaVu Sans font."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from convilyn.tools.markdown_blocks import COMPACT, Block, Run, layout_of, parse_blocks, parse_inline, printable

_FONT = "DejaVu"
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-Bold.ttf",  # no bold-oblique shipped; bold reads better than oblique for emphasis
}


@dataclass(frozen=True)
class _Style:
    """Type sizes (pt) and spacing (mm) of one print layout."""

    margin: float = 20
    top: float = 18
    body: float = 10.5
    line: float = 5.6
    headings: tuple[float, ...] = (20, 17, 14.5, 12.5, 11.5, 11, 11)
    before_heading: float = 3
    after_paragraph: float = 2.5
    after_item: float = 1


_REGULAR = _Style()
# A one-page resume: resume type sizes, narrow margins, tight spacing.
_COMPACT = _Style(margin=14, top=12, body=9.5, line=4.5, headings=(16, 15, 11.5, 10, 9.5, 9.5, 9.5),
                  before_heading=1.8, after_paragraph=1.2, after_item=0.4)  # fmt: skip


logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # subsetting chatter is not useful to callers


def _new_document(title: str | None, style: _Style) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(style.margin, style.top, style.margin)
    pdf.set_auto_page_break(True, margin=style.top)
    fonts = files("convilyn.tools").joinpath("fonts")
    for font_style, name in _FONT_FILES.items():
        with as_file(fonts.joinpath(name)) as font_path:
            pdf.add_font(_FONT, font_style, str(font_path))
    pdf.set_creator("Convilyn")
    if title:
        pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(_FONT, "", style.body)
    return pdf


def _write_runs(pdf: FPDF, runs: list[Run], style: _Style) -> None:
    size = style.body
    for run in runs:
        emphasis = ("B" if run.bold else "") + ("I" if run.italic else "")
        pdf.set_font(_FONT, emphasis, size)
        if run.code:
            pdf.set_text_color(90, 90, 90)
        pdf.write(style.line, run.text)
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(_FONT, "", style.body)


def _heading(pdf: FPDF, text: str, level: int, style: _Style) -> None:
    size = style.headings[min(level, len(style.headings) - 1)]
    pdf.ln(style.before_heading if level > 1 else 1)
    pdf.set_font(_FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    if level <= 1:
        y = pdf.get_y() + 1
        pdf.set_draw_color(180, 180, 180)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(style.before_heading)
    else:
        pdf.ln(style.before_heading / 2)
    pdf.set_font(_FONT, "", style.body)


def _list_item(pdf: FPDF, block: Block, marker: str, style: _Style) -> None:
    margin = pdf.l_margin
    indent = margin + 4 + 6 * block.level
    pdf.set_x(indent)
    pdf.set_font(_FONT, "", style.body)
    pdf.write(style.line, marker)
    pdf.set_left_margin(indent + pdf.get_string_width(marker))  # wrapped lines align with the text
    _write_runs(pdf, block.runs, style)
    pdf.set_left_margin(margin)
    pdf.ln(style.line + style.after_item)


def _table(pdf: FPDF, block: Block, style: _Style) -> None:
    pdf.set_font(_FONT, "", 9)
    with pdf.table(text_align="LEFT", line_height=4.8, padding=1.5, first_row_as_headings=True) as table:
        for row in block.rows:
            cells = table.row()
            for value in row:
                cells.cell("".join(run.text for run in parse_inline(value)))
    pdf.set_font(_FONT, "", style.body)
    pdf.ln(3)


def render_pdf(markdown: str, title: str | None, path: Path) -> None:
    """Write ``markdown`` (with an optional ``title`` at the top) to ``path`` as PDF."""
    _layout(markdown, title).output(str(path))


def count_pages(markdown: str, title: str | None = None) -> int:
    """How many pages :func:`render_pdf` makes of ``markdown``: what a one-page resume is fitted against."""
    return _layout(markdown, title).page_no()


def _layout(markdown: str, title: str | None) -> FPDF:
    title = printable(title) if title else None
    style = _COMPACT if layout_of(markdown) == COMPACT else _REGULAR
    pdf = _new_document(title, style)
    if title:
        _heading(pdf, title, 0, style)
    numbers: dict[int, int] = {}
    for block in parse_blocks(markdown):
        if block.kind != "numbered":
            numbers.clear()
        if block.kind == "heading":
            _heading(pdf, block.plain, block.level, style)
        elif block.kind == "paragraph":
            _write_runs(pdf, block.runs, style)
            pdf.ln(style.line + style.after_paragraph)
        elif block.kind == "bullet":
            _list_item(pdf, block, "•  " if block.level == 0 else "◦  ", style)
        elif block.kind == "numbered":
            numbers[block.level] = numbers.get(block.level, 0) + 1
            for deeper in [lvl for lvl in numbers if lvl > block.level]:
                del numbers[deeper]
            _list_item(pdf, block, f"{numbers[block.level]}.  ", style)
        elif block.kind == "table":
            _table(pdf, block, style)
        elif block.kind == "code":
            pdf.set_font(_FONT, "", 9)
            pdf.set_fill_color(243, 243, 243)
            pdf.multi_cell(0, 4.6, block.text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            pdf.set_font(_FONT, "", style.body)
            pdf.ln(2)
        elif block.kind == "rule":
            y = pdf.get_y() + 2
            pdf.set_draw_color(200, 200, 200)
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.ln(5)
    return pdf
