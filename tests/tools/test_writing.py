"""The document writers: real files a person can open, safe names, no partial writes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from convilyn.tools import InvalidContent, UnsafePath
from convilyn.tools.parsing import extract_text
from convilyn.tools.paths import PathPolicy
from convilyn.tools.writing import write_csv, write_docx, write_json, write_markdown, write_pdf

REPORT = """# Candidate report
Prepared for **Acme Corp** — naïve café in Zürich; Ελληνικά, Русский ✓

## Strengths
- Python and *Go* expertise
- Led the **Kubernetes** migration, a long bullet that wraps onto a second line in the PDF so the indentation matters
  - nested detail
- [ ] follow up with the hiring manager

1. First step
2. Second step

| Skill | Level |
|---|---|
| Python | Expert |
| Go | Advanced |

---
Closing paragraph with `code`.
"""


def test_markdown_is_written_verbatim(tmp_path: Path) -> None:
    written = write_markdown(tmp_path / "out", "report", REPORT)

    path = Path(written.path)
    assert path == tmp_path / "out" / "report.md"
    assert path.read_text(encoding="utf-8") == REPORT
    assert written.bytes == path.stat().st_size and written.format == "md"


def test_docx_has_real_headings_lists_bold_and_table(tmp_path: Path) -> None:
    from docx import Document

    written = write_docx(tmp_path, "report.docx", REPORT, title="Jane Doe – fit report")

    document = Document(written.path)
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Title", "Jane Doe – fit report") in styles
    assert ("Heading 1", "Candidate report") in styles
    assert ("Heading 2", "Strengths") in styles
    assert ("List Bullet", "Python and Go expertise") in styles
    assert ("List Bullet 2", "nested detail") in styles
    assert ("List Number", "First step") in styles
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "Acme Corp" in bold and "Kubernetes" in bold
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Skill", "Level"], ["Python", "Expert"], ["Go", "Advanced"]]
    assert document.core_properties.title == "Jane Doe – fit report"


def test_pdf_keeps_unicode_text_and_structure(tmp_path: Path) -> None:
    written = write_pdf(tmp_path, "report", REPORT, title="Fit report")

    assert written.filename == "report.pdf" and written.bytes > 1000
    text = extract_text(written.path).text
    assert "naïve café in Zürich; Ελληνικά, Русский ✓" in text
    assert "• Python and Go expertise" in text
    assert "☐ follow up with the hiring manager" in text
    assert "1. First step" in text and "2. Second step" in text
    assert "Python | Expert" in text  # a table row keeps its cells apart
    assert text.splitlines()[0] == "Fit report"


def test_long_pdf_breaks_pages(tmp_path: Path) -> None:
    content = "\n\n".join(f"Paragraph {i}: the quarterly numbers look healthy." for i in range(150))

    written = write_pdf(tmp_path, "long.pdf", content)

    result = extract_text(written.path)
    assert result.pages is not None and result.pages > 2
    assert "Paragraph 149" in result.text


def test_csv_from_objects_with_lists_and_missing_values(tmp_path: Path) -> None:
    rows = [
        {"task": "Send the deck", "owner": "Bob", "due": "2026-11-27"},
        {"task": "Review, then sign", "owner": None, "tags": ["legal", "urgent"]},
    ]

    written = write_csv(tmp_path, "actions", rows)

    with open(written.path, newline="", encoding="utf-8") as handle:
        read = list(csv.reader(handle))
    assert read == [
        ["task", "owner", "due", "tags"],
        ["Send the deck", "Bob", "2026-11-27", ""],
        ["Review, then sign", "", "", "legal; urgent"],
    ]


def test_csv_with_explicit_columns_and_list_rows(tmp_path: Path) -> None:
    written = write_csv(tmp_path, "scores.csv", [["Ana", 91], ["Carl", 35]], columns=["name", "score"])

    assert Path(written.path).read_bytes() == b"name,score\r\nAna,91\r\nCarl,35\r\n"
    with pytest.raises(InvalidContent, match="Row 1 has 3 values but there are 2 columns"):
        write_csv(tmp_path, "bad.csv", [["a", 1, 2]], columns=["name", "score"])
    with pytest.raises(InvalidContent, match="nothing to write"):
        write_csv(tmp_path, "empty.csv", [])


def test_json_is_pretty_utf8(tmp_path: Path) -> None:
    written = write_json(tmp_path, "profile", {"name": "José", "skills": ["Python"]})

    text = Path(written.path).read_text(encoding="utf-8")
    assert json.loads(text) == {"name": "José", "skills": ["Python"]}
    assert "José" in text and text.endswith("\n")
    with pytest.raises(InvalidContent):
        write_json(tmp_path, "nan", {"x": float("nan")})


@pytest.mark.parametrize(
    "filename",
    ["../escape.md", "/etc/passwd", "sub/dir.md", "..\\win.md", ".hidden.md", "a\x00b.md", "", "report.exe"],
)
def test_unsafe_file_names_are_refused(tmp_path: Path, filename: str) -> None:
    with pytest.raises(UnsafePath):
        write_markdown(tmp_path, filename, "x")

    assert list(tmp_path.iterdir()) == []


def test_traversal_message_is_clear(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath) as error:
        write_pdf(tmp_path, "../../report.pdf", "x")

    assert str(error.value) == "'../../report.pdf' is not a plain file name; use a name such as report.pdf without folders"


def test_wrong_extension_is_refused_and_missing_one_added(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath, match="has the extension .docx, but this tool writes .pdf files"):
        write_pdf(tmp_path, "report.docx", "x")

    assert write_pdf(tmp_path, "Q3 report (final)", "x").filename == "Q3 report (final).pdf"


def test_roots_confine_writing(tmp_path: Path) -> None:
    policy = PathPolicy([tmp_path / "jobs"])

    assert write_json(tmp_path / "jobs" / "job_1", "a.json", [], policy=policy).bytes > 0
    with pytest.raises(UnsafePath, match="outside the directories"):
        write_json(tmp_path / "elsewhere", "a.json", [], policy=policy)


def test_failed_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import convilyn.tools.pdf_writer as pdf_writer

    def explode(*_args: object) -> None:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf_writer, "render_pdf", explode)
    existing = tmp_path / "report.pdf"
    existing.write_bytes(b"previous version")

    with pytest.raises(RuntimeError):
        write_pdf(tmp_path, "report.pdf", "new")

    assert existing.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_written_files_are_world_readable(tmp_path: Path) -> None:
    written = write_markdown(tmp_path, "a.md", "x")

    assert Path(written.path).stat().st_mode & 0o644 == 0o644


def test_control_characters_and_long_words_do_not_break_docx_or_pdf(tmp_path: Path) -> None:
    content = "Tab\there, bell\x07, null\x00, form feed\x0c.\n\n- https://example.com/" + "a" * 300

    docx = write_docx(tmp_path, "odd.docx", content, title="Odd\x00 input")
    pdf = write_pdf(tmp_path, "odd.pdf", content)

    assert "Tab here, bell, null, form feed." in extract_text(docx.path).text
    assert "Tab here, bell, null, form feed." in extract_text(pdf.path).text


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_stay_text(tmp_path):
    from convilyn.tools.writing import write_csv

    written = write_csv(tmp_path, "items.csv", [{"task": "=HYPERLINK(\"http://evil\")", "owner": "@bob", "n": 3}])
    text = (tmp_path / "items.csv").read_text()
    assert "'=HYPERLINK" in text and "'@bob" in text and ",3" in text
    assert written["bytes"] > 0 if isinstance(written, dict) else True
