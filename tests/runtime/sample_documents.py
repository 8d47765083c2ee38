"""Input documents for the curated workflows, written in the test as TXT, MD, PDF and DOCX files.

Like uploads in the file store, each is kept under its file id with no
extension; the InputDocument carries the name and format the user uploaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docx import Document
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from convilyn.runtime.phase import InputDocument

RESUME = """\
Maya Okafor
Senior Backend Engineer
maya.okafor@example.com | +44 20 7946 0958 | linkedin.com/in/mayaokafor

Summary
Backend engineer with eight years of experience building payment and data platforms in Python.

Experience
Senior Backend Engineer, Ledgerly, Jan 2021 - Present
- Led the migration of the payments API to FastAPI and PostgreSQL, cutting latency by 40%.
- Built event pipelines on Kafka and AWS for 2 million daily transactions.
- Mentored four engineers and introduced code review guidelines.

Software Engineer, Brightwave Analytics, Mar 2016 - Dec 2020
- Developed data ingestion services in Python and Django.
- Containerised services with Docker and Kubernetes.

Skills
Python, FastAPI, Django, PostgreSQL, Kafka, AWS, Docker, Kubernetes, Terraform, CI/CD

Education
BSc Computer Science, University of Manchester, 2015
"""

POSTING = """\
Staff Platform Engineer at Northwind Health

About us
Northwind Health builds software that helps clinics schedule care for two million patients.

Responsibilities
- Design and operate the services behind our scheduling platform.
- Lead technical design reviews and mentor engineers.
- Improve reliability and observability across the stack.

Requirements
- 6+ years of backend development in Python.
- Experience with PostgreSQL and event streaming with Kafka.
- Production experience on AWS with Docker and Kubernetes.

Nice to have
- Terraform
- Experience with Go
- Healthcare or regulated industries

Location: London (hybrid)
"""

MEETING_NOTES = """\
# Product sync - 12 March 2026

Attendees: Priya Shah, Tom Becker, Ana Lima

## Discussion
- We discussed whether the onboarding survey should move to the second week.
- Ana thinks the churn numbers look better than last quarter.
- The team talked about maybe revisiting pricing later in the year.

## Action items
- Priya to send the revised roadmap to the leadership team by 20 March 2026.
- Tom will fix the login timeout bug before Friday.
- Ana: draft the customer interview guide by 2026-03-25.
- Book the offsite venue.
"""

ARTICLE = """\
# Remote Work and Team Productivity

A two-year study by the Meridian Institute followed 1,200 employees at Contoso Ltd and Fabrikam Inc
across offices in Berlin and Toronto. Teams that met in person one day a week shipped 18% more
features than fully remote teams, while fully remote teams reported 25% fewer sick days.

Managers at Contoso said clear written goals mattered more than location. Fabrikam introduced
shared focus hours in 2024 and saw meeting time fall by a third. The study recommends hybrid schedules,
written decision logs and regular retrospectives. Dr. Elena Vasquez, who led the research, said the
biggest risk is isolation of new hires, who benefit most from time with experienced colleagues.

Costs also changed: Fabrikam saved $2.4 million on office space in 2025, but spent part of it on
travel for quarterly gatherings. Both companies plan to publish their own follow-up reports in 2026.
"""


def _stored(folder: Path, name: str) -> tuple[Path, InputDocument]:
    """Where an upload called ``name`` is stored, and the InputDocument the runner would pass for it."""
    file_id = "file_" + hashlib.sha256(name.encode()).hexdigest()[:24]
    path = folder / "store" / file_id
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, InputDocument(file_id=file_id, filename=name, path=path, format=name.rsplit(".", 1)[-1])


def text_file(folder: Path, name: str, text: str) -> InputDocument:
    path, document = _stored(folder, name)
    path.write_text(text, encoding="utf-8")
    return document


def pdf_file(folder: Path, name: str, text: str) -> InputDocument:
    """A real PDF of ``text``, one line per line, made with fpdf2."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line.replace("\u2013", "-") or " ", new_x="LMARGIN", new_y="NEXT")
    path, document = _stored(folder, name)
    pdf.output(str(path))
    return document


def docx_file(folder: Path, name: str, text: str) -> InputDocument:
    """A real DOCX of ``text``: '#' lines as headings, '- ' lines as list items, the rest as paragraphs."""
    document = Document()
    for line in text.splitlines():
        if line.startswith("#"):
            document.add_heading(line.lstrip("#").strip(), level=min(line.count("#", 0, 3), 3))
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    path, stored = _stored(folder, name)
    document.save(str(path))
    return stored


def encrypted_pdf_file(folder: Path, name: str, text: str) -> InputDocument:
    """A PDF of ``text`` protected with a password."""
    plain = pdf_file(folder, f"plain-{name}", text)
    writer = PdfWriter()
    for page in PdfReader(plain.path).pages:
        writer.add_page(page)
    writer.encrypt("secret-password")
    path, document = _stored(folder, name)
    with path.open("wb") as handle:
        writer.write(handle)
    return document


def docx_text(path: Path) -> str:
    """The paragraphs of a DOCX file, one per line."""
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
