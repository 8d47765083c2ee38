"""extract_text on real documents built in the test, and its errors a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from convilyn.tools import (
    DocumentNotFound,
    EmptyDocument,
    EncryptedDocument,
    ToolInputError,
    UnreadableDocument,
    UnsafePath,
    UnsupportedFormat,
)
from convilyn.tools.parsing import extract_text
from convilyn.tools.paths import PathPolicy


def test_pdf_text_comes_back_in_reading_order(documents) -> None:
    pdf = documents.pdf("memo.pdf", [("H", "Project Falcon"), "Launch is planned for 3 March 2027.", ("-", "Budget: €40,000")])

    result = extract_text(pdf)

    assert result.format == "pdf"
    assert result.pages == 1
    assert result.text.splitlines()[0] == "Project Falcon"
    assert "Launch is planned for 3 March 2027." in result.text
    assert "• Budget: €40,000" in result.text
    assert result.words == len(result.text.split())


def test_multi_page_pdf_counts_pages(documents) -> None:
    pdf = documents.pdf("long.pdf", [f"Paragraph {i} talks about the roadmap." for i in range(120)])

    result = extract_text(pdf)

    assert result.pages is not None and result.pages >= 2
    assert "Paragraph 119 talks about the roadmap." in result.text


def test_encrypted_pdf_is_refused_with_advice(documents) -> None:
    plain = documents.pdf("plain.pdf", ["Confidential salary review"])
    locked = documents.encrypted_pdf("resume.pdf", plain)

    with pytest.raises(EncryptedDocument) as error:
        extract_text(locked)

    assert str(error.value) == "resume.pdf is encrypted; upload an unprotected copy"
    assert error.value.code == "ENCRYPTED_DOCUMENT"


def test_pdf_encrypted_with_empty_user_password_is_read(documents) -> None:
    plain = documents.pdf("plain.pdf", ["Readable with no password"])
    locked = documents.encrypted_pdf("owner-only.pdf", plain, password="")

    assert "Readable with no password" in extract_text(locked).text


def test_pdf_without_text_is_reported_as_scanned(documents) -> None:
    scanned = documents.image_only_pdf("scan.pdf")

    with pytest.raises(EmptyDocument, match="scan.pdf has no extractable text; it is probably a scanned image"):
        extract_text(scanned)


def test_damaged_pdf_is_unreadable(tmp_path: Path, documents) -> None:
    good = documents.pdf("good.pdf", ["Some text"]).read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good[:200])

    with pytest.raises(UnreadableDocument, match="broken.pdf could not be read as a PDF; it may be damaged"):
        extract_text(broken)


def test_docx_keeps_headings_lists_and_table_rows(docx_file: Path) -> None:
    result = extract_text(docx_file)

    assert result.format == "docx"
    assert result.title == "Planning"
    lines = result.text.splitlines()
    assert "# Quarterly Planning Notes" in lines
    assert "## Budget" in lines
    assert "Item | Owner | Cost" in lines
    assert "Cloud | Alice | $12,000" in lines
    assert "- Alice: update the roadmap by Friday" in lines


def test_docx_read_by_content_even_when_named_pdf(tmp_path: Path, docx_file: Path) -> None:
    renamed = tmp_path / "notes.pdf"
    renamed.write_bytes(docx_file.read_bytes())

    assert extract_text(renamed).format == "docx"


def test_corrupt_docx_is_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "cv.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 64)

    with pytest.raises(UnreadableDocument, match="cv.docx could not be read as a Word document"):
        extract_text(bad)


def test_password_protected_docx_is_encrypted(tmp_path: Path) -> None:
    protected = tmp_path / "offer.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)

    with pytest.raises(EncryptedDocument, match="^offer.docx is password-protected; upload an unprotected copy$"):
        extract_text(protected)


def test_html_drops_scripts_styles_and_keeps_structure(tmp_path: Path) -> None:
    page = tmp_path / "job.html"
    page.write_text(
        """<!doctype html><html><head><title>Staff Engineer - Acme</title>
        <style>body { color: red }</style><script>var tracking = "secret";</script></head>
        <body><nav>Home &amp; Jobs</nav><h1>Staff Engineer</h1>
        <p>Join <b>Acme</b> in Berlin.</p><script>alert('x')</script>
        <h2>Requirements</h2><ul><li>Go &amp; Kubernetes</li><li><p>5+ years</p></li></ul>
        <table><tr><th>Salary</th><td>€90k</td></tr></table><noscript>Enable JS</noscript></body></html>""",
        encoding="utf-8",
    )

    result = extract_text(page)

    assert result.format == "html"
    assert result.title == "Staff Engineer - Acme"
    assert "secret" not in result.text and "alert" not in result.text and "color" not in result.text
    assert "Enable JS" not in result.text
    lines = result.text.splitlines()
    assert "# Staff Engineer" in lines
    assert "Join Acme in Berlin." in lines
    assert "- Go & Kubernetes" in lines
    assert "- 5+ years" in lines
    assert "Salary | €90k" in lines


def test_text_and_markdown_files(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Café meeting\r\n\r\n\r\nBob will   send the deck.\n", encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nBody text\n", encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Résumé from Zürich".encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Notes in UTF-16".encode("utf-16"))

    assert extract_text(notes).text == "Café meeting\n\nBob will send the deck."
    assert extract_text(readme).format == "md"
    assert extract_text(legacy).text == "Résumé from Zürich"
    assert extract_text(wide).text == "Notes in UTF-16"


def test_format_hint_overrides_extension(tmp_path: Path) -> None:
    page = tmp_path / "export.dat"
    page.write_text("<p>Hello <script>x()</script>there</p>", encoding="utf-8")

    assert extract_text(page, "HTML").text == "Hello there"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty (0 bytes); upload the document again"),
        ("blank.md", b"  \n\n \t\n", "blank.md contains no text"),
    ],
)
def test_empty_documents(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(EmptyDocument) as error:
        extract_text(path)

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("budget.xlsx", "budget.xlsx cannot be read: spreadsheets are not supported; export the sheet as CSV or PDF"),
        ("old.doc", "old.doc cannot be read: it is an old Word 97-2003 document; save it as .docx and upload that"),
        ("photo.png", "photo.png is an image; text can only be read from PDF, DOCX, TXT, Markdown or HTML"),
        ("data.bin", "data.bin cannot be read: .bin files are not supported (use PDF, DOCX, TXT, Markdown or HTML)"),
    ],
)
def test_unsupported_formats_say_what_to_do(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")

    with pytest.raises(UnsupportedFormat) as error:
        extract_text(path)

    assert str(error.value) == message


def test_binary_file_named_txt_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 10)

    with pytest.raises(UnreadableDocument, match="does not contain text"):
        extract_text(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound, match="missing.pdf was not found"):
        extract_text(tmp_path / "missing.pdf")
    with pytest.raises(DocumentNotFound, match="is a directory"):
        extract_text(tmp_path)


def test_roots_confine_reading(tmp_path: Path) -> None:
    inside = tmp_path / "inbox"
    inside.mkdir()
    allowed = inside / "a.txt"
    allowed.write_text("allowed", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    policy = PathPolicy([inside])

    assert extract_text(allowed, policy=policy).text == "allowed"
    with pytest.raises(UnsafePath):
        extract_text(inside / ".." / "secret.txt", policy=policy)


def test_errors_are_tool_input_errors_and_value_errors(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    with pytest.raises(ToolInputError):
        extract_text(path)
    with pytest.raises(ValueError):
        extract_text(path)


def test_two_column_pdf_keeps_both_columns(documents) -> None:
    pdf = documents.pdf("cv.pdf", ["Main column text"], two_columns=["Sidebar text"])

    text = extract_text(pdf).text

    assert "Main column text" in text and "Sidebar text" in text
