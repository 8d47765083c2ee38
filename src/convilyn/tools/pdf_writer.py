"""Rendering Markdown-style text as an A4 PDF with fpdf2 and the bundled DejaVu Sans font."""

from __future__ import annotations

import logging
from importlib.resources import as_file, files
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from convilyn.tools.markdown_blocks import Block, Run, parse_blocks, parse_inline, printable

_FONT = "DejaVu"
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-Bold.ttf",  # no bold-oblique shipped; bold reads better than oblique for emphasis
}
_HEADING_SIZES = {0: 20, 1: 17, 2: 14.5, 3: 12.5, 4: 11.5, 5: 11, 6: 11}
_BODY = 10.5
_LINE = 5.6

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # subsetting chatter is not useful to callers


def _new_document(title: str | None) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    fonts = files("convilyn.tools").joinpath("fonts")
    for style, name in _FONT_FILES.items():
        with as_file(fonts.joinpath(name)) as font_path:
            pdf.add_font(_FONT, style, str(font_path))
    pdf.set_creator("Convilyn")
    if title:
        pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(_FONT, "", _BODY)
    return pdf


def _write_runs(pdf: FPDF, runs: list[Run], size: float = _BODY) -> None:
    for run in runs:
        style = ("B" if run.bold else "") + ("I" if run.italic else "")
        pdf.set_font(_FONT, style, size)
        if run.code:
            pdf.set_text_color(90, 90, 90)
        pdf.write(_LINE, run.text)
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(_FONT, "", _BODY)


def _heading(pdf: FPDF, text: str, level: int) -> None:
    size = _HEADING_SIZES.get(level, 11)
    pdf.ln(3 if level > 1 else 1)
    pdf.set_font(_FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    if level <= 1:
        y = pdf.get_y() + 1
        pdf.set_draw_color(180, 180, 180)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(3)
    else:
        pdf.ln(1.5)
    pdf.set_font(_FONT, "", _BODY)


def _list_item(pdf: FPDF, block: Block, marker: str) -> None:
    margin = pdf.l_margin
    indent = margin + 4 + 6 * block.level
    pdf.set_x(indent)
    pdf.set_font(_FONT, "", _BODY)
    pdf.write(_LINE, marker)
    pdf.set_left_margin(indent + pdf.get_string_width(marker))  # wrapped lines align with the text
    _write_runs(pdf, block.runs)
    pdf.set_left_margin(margin)
    pdf.ln(_LINE + 1)


def _table(pdf: FPDF, block: Block) -> None:
    pdf.set_font(_FONT, "", 9)
    with pdf.table(text_align="LEFT", line_height=4.8, padding=1.5, first_row_as_headings=True) as table:
        for row in block.rows:
            cells = table.row()
            for value in row:
                cells.cell("".join(run.text for run in parse_inline(value)))
    pdf.set_font(_FONT, "", _BODY)
    pdf.ln(3)


def render_pdf(markdown: str, title: str | None, path: Path) -> None:
    """Write ``markdown`` (with an optional ``title`` at the top) to ``path`` as PDF."""
    title = printable(title) if title else None
    pdf = _new_document(title)
    if title:
        _heading(pdf, title, 0)
    numbers: dict[int, int] = {}
    for block in parse_blocks(markdown):
        if block.kind != "numbered":
            numbers.clear()
        if block.kind == "heading":
            _heading(pdf, block.plain, block.level)
        elif block.kind == "paragraph":
            _write_runs(pdf, block.runs)
            pdf.ln(_LINE + 2.5)
        elif block.kind == "bullet":
            _list_item(pdf, block, "•  " if block.level == 0 else "◦  ")
        elif block.kind == "numbered":
            numbers[block.level] = numbers.get(block.level, 0) + 1
            for deeper in [lvl for lvl in numbers if lvl > block.level]:
                del numbers[deeper]
            _list_item(pdf, block, f"{numbers[block.level]}.  ")
        elif block.kind == "table":
            _table(pdf, block)
        elif block.kind == "code":
            pdf.set_font(_FONT, "", 9)
            pdf.set_fill_color(243, 243, 243)
            pdf.multi_cell(0, 4.6, block.text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            pdf.set_font(_FONT, "", _BODY)
            pdf.ln(2)
        elif block.kind == "rule":
            y = pdf.get_y() + 2
            pdf.set_draw_color(200, 200, 200)
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.ln(5)
    pdf.output(str(path))
