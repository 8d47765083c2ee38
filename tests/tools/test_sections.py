"""extract_sections on resumes, postings and notes written in different heading styles."""

from __future__ import annotations

from convilyn.tools.sections import extract_sections


def _headings(text: str) -> list[str | None]:
    return [s.heading for s in extract_sections(text)]


def test_resume_with_caps_and_colon_headings() -> None:
    text = """JANE DOE
Senior Engineer
jane@example.com

WORK EXPERIENCE
Senior Engineer | Acme | 2019–Present
- Built things

Skills:
Python, Go

Education
B.Sc. Physics"""
    sections = extract_sections(text)

    assert [s.heading for s in sections] == [None, "Work Experience", "Skills", "Education"]
    assert sections[0].text.startswith("JANE DOE")  # the name line is not a heading
    assert sections[1].text == "Senior Engineer | Acme | 2019–Present\n- Built things"
    assert sections[2].text == "Python, Go"
    assert sections[3].level == 2


def test_markdown_setext_and_bold_headings() -> None:
    text = """# Staff Engineer
Intro line.

About us
========
We build rockets.

**What you'll do**
- Design engines

## Nice to have
- Rust"""
    sections = extract_sections(text)

    assert [s.heading for s in sections] == ["Staff Engineer", "About us", "What you'll do", "Nice to have"]
    assert [s.level for s in sections] == [1, 1, 2, 2]
    assert sections[1].text == "We build rockets."


def test_key_value_lines_and_sentences_are_not_headings() -> None:
    text = """Meeting notes
Date: 2026-11-20
ACTION: Bob to send the deck
We talked about the launch, which is late:
Action items:
- Alice to call"""

    assert _headings(text) == [None, "Action items"]
    assert "ACTION: Bob to send the deck" in extract_sections(text)[0].text


def test_text_without_headings_is_one_section() -> None:
    sections = extract_sections("Just a paragraph.\nAnd another line.")

    assert len(sections) == 1
    assert sections[0].heading is None and sections[0].level == 0


def test_inline_known_label_starts_a_section() -> None:
    sections = extract_sections("Jane Doe\nSkills: Python, SQL\nLocation: Remote\nDate: 2026-11-20")

    assert [(s.heading, s.text) for s in sections] == [
        (None, "Jane Doe"),
        ("Skills", "Python, SQL"),
        ("Location", "Remote\nDate: 2026-11-20"),
    ]
