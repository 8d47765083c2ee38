"""The letter and the tailored resume say what the documents show: the person to write to, the credentials held."""

from __future__ import annotations

from convilyn.tools.application import ApplicationDocument, read_application
from convilyn.tools.letter import cover_letter
from convilyn.tools.markdown_blocks import COMPACT, layout_of, parse_blocks, with_layout
from convilyn.tools.pdf_writer import count_pages
from convilyn.tools.tailoring import tailored_resume, trim_clause

RESUME = """# Tomasz Wiśniewski
Approved Electrician | Bristol | t.wisniewski@example.com
# Work history
Approved Electrician — Brightwire Electrical Ltd, Bristol — March 2019 to present
- Carry out periodic inspection and testing of commercial installations.
- Install fire alarm and emergency lighting systems.
# Licences and cards
- ECS Gold Card – Installation Electrician (valid to 2027)
- Full UK driving licence
# Skills
Fault finding · Inspection and testing · Emergency lighting
"""
POSTING = """# Maintenance Electrician
Corran Facilities Services
Bristol, BS2 · Permanent · Full time

## What you'll need
- ECS card (or willing to obtain one).
- Fault finding experience on three-phase systems.
- Full UK driving licence.

Send your CV to Dana Whitfield, Maintenance Manager, by 30 January 2026.
"""


def _application():  # noqa: ANN202
    return read_application([ApplicationDocument(filename="cv.md", text=RESUME),
                             ApplicationDocument(filename="job.md", text=POSTING)])  # fmt: skip


def test_the_letter_greets_the_named_person_and_names_the_credentials_the_posting_asks_for() -> None:
    application = _application()
    assert (application.posting.recipient, application.posting.recipient_title) == (
        "Dana Whitfield", "Maintenance Manager")
    letter = cover_letter(application, "6 December 2026").markdown
    assert "Dana Whitfield, Maintenance Manager, Corran Facilities Services, Bristol" in letter
    assert "Dear Dana Whitfield," in letter
    assert "my experience covers fault finding, which the posting asks for" in letter
    assert "I hold the qualifications the posting asks for: ECS Gold Card – Installation Electrician; full UK " \
           "driving licence." in letter  # fmt: skip
    assert "Amazon ECS" not in letter  # "ECS card" is no cloud service


def test_the_tailored_resume_keeps_its_markdown_plain_and_gives_the_print_layout_to_pdf_and_docx() -> None:
    tailored = tailored_resume(_application(), ["Approved Electrician"], "professional", "one_page")
    assert tailored.pages == 1 and "<!--" not in tailored.markdown
    assert layout_of(tailored.print_markdown) == COMPACT
    assert all("layout" not in block.plain for block in parse_blocks(tailored.print_markdown))
    assert "- Full UK driving licence" in tailored.markdown


def test_the_compact_layout_fits_more_on_a_page() -> None:
    long = "\n".join(f"- Bullet number {n} about work done in a year of service." for n in range(45))
    assert count_pages(with_layout(long, COMPACT)) < count_pages(long)


def test_a_long_bullet_loses_its_trailing_clause_only() -> None:
    bullet = ("Run the finance function for four manufacturing sites (turnover £180m, eleven staff) with a team of "
              "eleven, reporting to the CFO and the audit committee.")  # fmt: skip
    assert trim_clause(bullet) == ("Run the finance function for four manufacturing sites (turnover £180m, eleven "
                                   "staff) with a team of eleven.")  # fmt: skip
    assert trim_clause("Cut the close from nine days to four.") == "Cut the close from nine days to four."


def test_the_docx_resume_is_set_no_looser_than_the_pdf_so_one_pdf_page_is_one_word_page(tmp_path) -> None:  # noqa: ANN001
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING

    from convilyn.tools.docx_writer import render_docx
    from convilyn.tools.pdf_writer import _COMPACT

    tailored = tailored_resume(_application(), ["Approved Electrician"], "professional", "one_page")
    render_docx(tailored.print_markdown, None, tmp_path / "resume.docx")
    document = Document(str(tmp_path / "resume.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 like the PDF, not Letter
    assert section.left_margin.mm <= _COMPACT.margin + 0.05 and section.top_margin.mm <= _COMPACT.top + 0.05
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.mm <= _COMPACT.line + 0.05
    assert normal.font.size.pt <= _COMPACT.body


def test_a_role_keeps_its_lead_bullet_first_when_others_show_the_posting_better() -> None:
    resume = RESUME.replace("- Carry out periodic", "- Run the electrical side of fit-outs for offices.\n- Carry out periodic")
    application = read_application([ApplicationDocument(filename="cv.md", text=resume),
                                    ApplicationDocument(filename="job.md", text=POSTING)])  # fmt: skip
    tailored = tailored_resume(application, [], "professional", "one_page").markdown
    bullets = [line for line in tailored.splitlines() if line.startswith("- ") and "fit-outs" in line or
               line.startswith("- Carry out")]  # fmt: skip
    assert bullets[0] == "- Run the electrical side of fit-outs for offices."


FINANCE_POSTING = """# Head of Financial Reporting
Ellison Ward Housing

## What we are looking for
- A qualified accountant (ACA, ACCA or CIMA) with five years' post-qualification experience.
- Experience of leading and developing a team.
- Advanced Excel skills and experience of SAP.
- Month-end close
- Statutory reporting under FRS 102
"""


def test_a_mismatch_names_the_gaps_and_the_required_credential_and_claims_no_fit() -> None:
    application = read_application([ApplicationDocument(filename="cv.md", text=RESUME),
                                    ApplicationDocument(filename="job.md", text=FINANCE_POSTING)])  # fmt: skip
    letter = cover_letter(application, "6 December 2026").markdown
    assert "my background does not yet match the core requirements of this role: it asks for " in letter
    assert "It also requires a qualification I do not hold yet: a qualified accountant" in letter
    assert "which the posting asks for" not in letter  # no fit argued
    assert "I carry out periodic inspection and testing of commercial installations." in letter  # in his voice
