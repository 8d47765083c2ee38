"""Documents built in the test run: PDFs in several layouts, an encrypted PDF, DOCX with a table, HTML."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import XPos, YPos

PdfLine = str | tuple[str, str]  # text, or (style, text) with style in "", "B", "H" (heading), "-" (bullet)


def _font_path(name: str) -> str:
    with as_file(files("convilyn.tools").joinpath("fonts").joinpath(name)) as path:
        return str(path)


def build_pdf(path: Path, lines: list[PdfLine], *, two_columns: list[PdfLine] | None = None) -> Path:
    """A text PDF: one line per entry; ``two_columns`` puts a sidebar at the left of the first page."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", _font_path("DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", _font_path("DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    left = 15
    if two_columns:
        pdf.set_font("DejaVu", "", 9)
        for entry in two_columns:
            style, text = entry if isinstance(entry, tuple) else ("", entry)
            pdf.set_x(10)
            pdf.set_font("DejaVu", "B" if style in ("B", "H") else "", 9)
            pdf.multi_cell(50, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(10)
        left = 70
    pdf.set_left_margin(left)
    for entry in lines:
        style, text = entry if isinstance(entry, tuple) else ("", entry)
        pdf.set_x(left)
        if style == "H":
            pdf.set_font("DejaVu", "B", 13)
            pdf.ln(2)
        elif style == "B":
            pdf.set_font("DejaVu", "B", 11)
        else:
            pdf.set_font("DejaVu", "", 10.5)
        if style == "-":
            text = f"• {text}"
        if text:
            pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.ln(4)
    pdf.output(str(path))
    return path


def build_image_only_pdf(path: Path) -> Path:
    """A PDF with drawings but no text, like a scanned page."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


def build_encrypted_pdf(path: Path, source: Path, password: str = "s3cret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def build_docx(path: Path, *, title: str | None = None) -> Path:
    from docx import Document

    document = Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Quarterly Planning Notes", level=1)
    document.add_paragraph("Date: 2026-11-20")
    document.add_paragraph("The team reviewed hiring plans for the data platform.")
    document.add_heading("Budget", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("Item", "Owner", "Cost"), ("Cloud", "Alice", "$12,000"), ("Laptops", "Bob", "$8,500")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Action items", level=2)
    document.add_paragraph("Alice: update the roadmap by Friday", style="List Bullet")
    document.add_paragraph("Bob to order the laptops", style="List Bullet")
    document.save(str(path))
    return path


class DocumentFactory:
    """Builds fixture documents inside one test's temporary directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def pdf(self, name: str, lines: list[PdfLine], *, two_columns: list[PdfLine] | None = None) -> Path:
        return build_pdf(self.directory / name, lines, two_columns=two_columns)

    def image_only_pdf(self, name: str) -> Path:
        return build_image_only_pdf(self.directory / name)

    def encrypted_pdf(self, name: str, source: Path, password: str = "s3cret") -> Path:
        return build_encrypted_pdf(self.directory / name, source, password)

    def docx(self, name: str, *, title: str | None = None) -> Path:
        return build_docx(self.directory / name, title=title)

    def text(self, name: str, content: str | bytes) -> Path:
        path = self.directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path


@pytest.fixture
def documents(tmp_path: Path) -> DocumentFactory:
    return DocumentFactory(tmp_path)


@pytest.fixture
def docx_file(documents: DocumentFactory) -> Path:
    return documents.docx("planning.docx", title="Planning")
