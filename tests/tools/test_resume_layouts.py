"""Positions, dates, contact details and whom to write to, however a resume or posting lays them out."""

from __future__ import annotations

from pathlib import Path

from convilyn.tools.application import ApplicationDocument, read_application
from convilyn.tools.parsing import extract_text
from convilyn.tools.posting import parse_job_posting
from convilyn.tools.resume import parse_experience, parse_resume
from convilyn.tools.tailoring import tailored_resume

POSTING = """# Head Chef
The Granary Hotel

## Essential
- Menu costing
- Stock control
- Food hygiene certificate (Level 3)

Please apply with your CV to our General Manager, Fiona MacLeod, at jobs@granary.example.
"""


def _chef_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_heading("Alasdair Reid", level=0)
    document.add_paragraph("Head Chef · Edinburgh EH6 · alasdair.reid@example.com · 07911 123456")
    document.add_heading("Career", level=1)
    document.add_heading("Head Chef — The Shore Kitchen, Leith (2020 – present)", level=2)
    document.add_paragraph("Run a kitchen of nine serving 140 covers a night.", style="List Bullet")
    document.add_paragraph("Cut food cost from 34% to 28% through menu costing and stock control.", style="List Bullet")
    document.add_heading("Sous Chef — Harbour Brasserie, Edinburgh (2015 – 2020)", level=2)
    document.add_paragraph("Managed ordering and the kitchen rota.", style="List Bullet")
    document.add_heading("Certificates", level=1)
    document.add_paragraph("First Aid at Work", style="List Bullet")
    document.save(str(path))
    return path


def test_roles_written_as_docx_headings_are_positions_and_the_tailored_resume_keeps_them(tmp_path: Path) -> None:
    text = extract_text(_chef_docx(tmp_path / "chef.docx")).text
    resume = parse_resume(text)
    assert [(e.title, e.organisation) for e in resume.experience] == [
        ("Head Chef", "The Shore Kitchen, Leith"), ("Sous Chef", "Harbour Brasserie, Edinburgh")]
    assert (resume.phone, resume.location) == ("07911 123456", "Edinburgh EH6")
    assert "CPR" not in resume.skills  # first aid at work is no CPR
    application = read_application([ApplicationDocument(filename="chef.docx", text=text),
                                    ApplicationDocument(filename="job.md", text=POSTING)])  # fmt: skip
    tailored = tailored_resume(application, [], "professional", "one_page").markdown
    assert "## Experience" in tailored and "### Sous Chef, Harbour Brasserie, Edinburgh" in tailored
    assert "Edinburgh EH6 · alasdair.reid@example.com · 07911 123456" in tailored


def test_a_role_line_with_bold_title_and_a_month_to_month_range_splits_into_title_employer_and_dates() -> None:
    entries = parse_experience("**UX Design Intern**, Northstar Digital, Manchester — June to September 2024\n"
                               "- Tested the sign-up flow with twelve users\n"
                               "**Customer Assistant (part time)**, Co-op, Salford — 2021 – 2024\n"
                               "- Served customers\n")  # fmt: skip
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("UX Design Intern", "Northstar Digital", "June to September 2024"),
        ("Customer Assistant (part time)", "Co-op", "2021 – 2024"),
    ]


def test_whom_to_write_to_comes_before_or_after_the_title() -> None:
    assert (parse_job_posting(POSTING).recipient, parse_job_posting(POSTING).recipient_title) == (
        "Fiona MacLeod", "General Manager")
    contact = POSTING.replace("Please apply with your CV to our General Manager, Fiona MacLeod, at",
                              "Contact Sam Whitcombe, Superintendent Pharmacist, on")
    assert parse_job_posting(contact).recipient == "Sam Whitcombe"


def test_a_unit_is_never_the_employer_and_the_name_under_a_heading_one_role_is() -> None:
    posting = parse_job_posting("# Operations Manager – Chilled Division\nHarrowgate Food Services\n\n## About us\n"
                                "Harrowgate Food Services supplies chilled food to schools. Our Chilled Division runs "
                                "two sites.\n\n## Essential\n- Labour planning\n")  # fmt: skip
    assert (posting.employer, posting.role_title) == ("Harrowgate Food Services", "Operations Manager")


STORE_MANAGER = """# Lorna Baptiste
Store Manager · lorna.baptiste@example.com · 07700 900123

## Experience
Store Manager, Brightmarket, Swindon — 2019 to present
- Grew sales 11% in two years while cutting staff hours 4%.
- Rebuilt the onboarding programme for new colleagues.

## Skills
P&L management, scheduling, recruitment and training, visual merchandising, stock control, Excel
"""
AREA_POSTING = """# Area Manager
Brightmarket Stores

## What you'll need
- Multi-site management experience, or a strong store manager ready for the step up
- Coaching and developing managers
"""


def test_every_listed_skill_survives_in_the_candidates_words_and_a_step_up_is_no_career_change() -> None:
    application = read_application([ApplicationDocument(filename="cv.md", text=STORE_MANAGER),
                                    ApplicationDocument(filename="job.md", text=AREA_POSTING)])  # fmt: skip
    tailored = tailored_resume(application, [], "professional", "one_page").markdown
    for skill in ("P&L management", "Scheduling", "Recruitment and training", "Visual merchandising", "Stock control"):
        assert skill in tailored
    from convilyn.tools.letter import cover_letter

    letter = cover_letter(application, "6 December 2026").markdown
    assert "changing direction" not in letter and "does not yet match" not in letter
    assert "I currently work as Store Manager at Brightmarket." in letter


def test_a_facts_list_under_the_role_names_the_employer_and_a_registration_under_the_name_is_a_credential() -> None:
    posting = parse_job_posting("# Advanced Practitioner – Children's Social Care\n\n- Somerset Vale Council\n"
                                "- Taunton, with agile working\n- £44,711 – £47,754\n\nOur Children's Social Care "
                                "service is looking for an advanced practitioner.\n\n## Essential\n- Registration "
                                "with Social Work England (essential)\n\nFor an informal chat, contact Joanne Perry, "
                                "Service Manager, on 01823 355 000.\n")  # fmt: skip
    assert (posting.employer, posting.role_title, posting.recipient) == (
        "Somerset Vale Council", "Advanced Practitioner", "Joanne Perry")
    resume = ("Dana Okafor\nRegistered Social Worker (Social Work England SW118274)\ndana@example.com\n\n"
              "## Experience\nSenior Social Worker, Mendip Council — 2018 to present\n- Led child protection "
              "enquiries.\n")  # fmt: skip
    application = read_application([ApplicationDocument(filename="cv.md", text=resume),
                                    ApplicationDocument(filename="job.md", text="# Advanced Practitioner\nSomerset "
                                    "Vale Council\n\n## Essential\n- Registration with Social Work England\n")])
    assert [c.held for c in application.credentials] == ["Registered Social Worker (Social Work England SW118274)"]
