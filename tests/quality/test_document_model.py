"""The document model on the labelled corpus: structure read as a person reads it, furniture left out."""

from __future__ import annotations

from pathlib import Path

from convilyn.tools.parsing import extract_text
from convilyn.tools.pdf_layout import drop_running_heads, page_lines, paragraphs, text_width

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


def test_a_two_column_table_resume_reads_column_by_column() -> None:
    text = extract_text(DOCS / "nurse_table_resume.docx").text
    lines = text.splitlines()
    assert lines[0] == "**Zsófia Kovács, RN**"
    assert "## Licences and Certifications" in lines
    assert lines.index("## Skills") < lines.index("## Experience")  # left column first, each cell whole
    assert "- Led the unit's infection control audit, cutting line infections by 30% in one year." in lines


def test_a_bold_opening_keeps_its_emphasis() -> None:
    text = extract_text(DOCS / "minutes.docx").text
    assert "- **Tomás Ortega** to circulate the revised budget to all governors by 18 February 2026." in text


def test_pdf_lines_wrapped_by_the_layout_are_joined_and_running_heads_dropped() -> None:
    text = extract_text(DOCS / "teacher_resume.pdf").text
    assert (
        "• Led a department of nine teachers and raised the share of pupils achieving grade 5 or above in GCSE "
        "mathematics from 48% to 63% over three years." in text.splitlines()
    )
    assert "PGCE Secondary Mathematics, University of Leeds, 2016" in text.splitlines()  # short lines stay apart
    assert "Curriculum vitae" not in text and "Page 1 of 2" not in text


def test_a_pdf_table_keeps_its_cells_apart() -> None:
    text = extract_text(DOCS / "energy_report.pdf").text
    assert "January | 2.91 | 0.84" in text.splitlines()
    assert "Confidential" not in text and "Facilities team" not in text


def test_a_web_page_reads_as_its_main_content() -> None:
    posting = extract_text(DOCS / "school_posting.html").text
    assert posting.startswith("# Teacher of Mathematics (Secondary)")
    assert not any(word in posting for word in ("cookies", "Subscribe", "Advertisement", "Privacy policy", "Home"))
    article = extract_text(DOCS / "article.html").text  # no <main>: furniture known by its class names
    assert article.startswith("# City council approves new cycle lanes")
    assert not any(word in article for word in ("Subscribe", "ADVERTISEMENT", "Related stories", "Advertise"))


def test_a_gutter_splits_two_columns_left_first() -> None:
    layout = "\n".join(
        f"{left:<30}{right}"
        for left, right in [("Jo Bloggs", "Experience"), ("Nurse", "Staff Nurse, Ward 5"), ("", "2019 - Present"),
                            ("Skills", "Cared for twelve patients"), ("Triage", "per shift on nights"),
                            ("Phlebotomy", ""), ("Wound care", "Education"), ("", "BSc Nursing, 2018")]
    )  # fmt: skip
    lines = page_lines(layout)
    assert [line for line in lines if line.strip()][:5] == ["Jo Bloggs", "Nurse", "Skills", "Triage", "Phlebotomy"]
    assert lines.index("Experience") > lines.index("Wound care")


def test_running_heads_need_to_repeat_or_carry_the_page_number() -> None:
    pages = [["Acme annual report", "Revenue grew 4% in 2025.", "Page 1 of 2"],
             ["Acme annual report", "Costs fell 2% in 2025.", "Page 2 of 2"]]  # fmt: skip
    assert drop_running_heads(pages) == [["Revenue grew 4% in 2025."], ["Costs fell 2% in 2025."]]
    single = [["Quarterly figures", "Revenue grew 4%.", "3"]]
    assert drop_running_heads(single) == [["Quarterly figures", "Revenue grew 4%."]]


def test_a_line_ending_a_paragraph_at_the_edge_is_not_joined_to_a_heading() -> None:
    lines = ["We recommend approving the retrofit in the first quarter of", "2027 after the tender closes.",
             "", "Findings", "Lighting is 41% of use."]  # fmt: skip
    assert paragraphs(lines, text_width([lines])).splitlines() == [
        "We recommend approving the retrofit in the first quarter of 2027 after the tender closes.",
        "", "Findings", "Lighting is 41% of use.",
    ]  # fmt: skip


def test_a_one_page_pdf_keeps_its_right_aligned_header_apart_from_the_title_and_joins_a_wrapped_year() -> None:
    posting = extract_text(DOCS / "finance_posting.pdf").text.splitlines()
    assert posting[:2] == ["Ellison Ward Housing · Careers", "Head of Financial Reporting"]
    resume = extract_text(DOCS / "accountant_resume.pdf").text
    assert "Senior Management Accountant | Northway Housing Association | Jun 2014 – Feb 2017" in resume.splitlines()


def test_feedback_widgets_and_share_links_are_page_furniture() -> None:
    report = extract_text(DOCS / "physio_report.html").text
    assert report.startswith("# Fewer missed appointments")
    assert not any(word in report for word in ("Was this page helpful", "Share on", "cookies", "Registered charity"))


def test_a_generic_heading_takes_its_subject_line() -> None:
    from convilyn.tools.titles import document_title

    text = extract_text(DOCS / "incident_review.txt").text
    assert document_title(text, None, "incident_review.txt") == "Post-incident review: card payments failing at checkout"


def test_a_reply_is_titled_by_its_thread_and_minutes_by_whose_meeting_they_record() -> None:
    from convilyn.tools.titles import document_title

    email = "From: Priya Nair\nDate: Wed, 18 Nov 2026\nSubject: RE: Fwd: Team offsite in January\n\nHi both,"
    minutes = "# Board Meeting Minutes\nKestrel Valley Rowing Club\nThursday 12 November 2026, 19:00\n"
    assert document_title(email, None, "thread.txt") == "Team offsite in January"
    assert document_title(minutes, None, "m.docx") == "Kestrel Valley Rowing Club: Board Meeting Minutes"


def test_a_blog_posts_menu_widgets_and_author_box_are_page_furniture() -> None:
    from convilyn.tools.html_text import html_to_text

    page = """<div class="site-header"><a href="/">Ashby Libraries</a> <a href="/events">Events</a>
<a href="/blog">Blog</a></div><div class="post"><h1>November update</h1><p>We moved the records.</p>
<div class="author-box"><p>Nadia is our librarian.</p></div></div>
<div class="widget-area"><h3>Archives</h3><ul><li>October 2026</li></ul></div>
<div class="site-info">Proudly powered by WordPress</div>"""
    text, _ = html_to_text(page)
    assert text.splitlines()[0] == "# November update"
    assert not any(w in text for w in ("Events", "Nadia", "Archives", "October 2026", "WordPress"))


def test_turns_with_the_speaker_on_a_line_of_their_own_become_speaker_lines() -> None:
    from convilyn.tools.transcripts import join_speaker_blocks

    call = ("Hannah Okoye (Brightline)   0:02\nMorning all.\n\nPiotr Zieliński   0:10\nThe October deliveries were\n"
            "late on eleven orders.\n\nHannah Okoye (Brightline)   0:31\nThat's the Leeds depot.\n\n"
            "Piotr Zieliński   0:55\nCan you send me the report?\n")
    assert join_speaker_blocks(call).split("\n\n") == [
        "Hannah Okoye (Brightline): Morning all.",
        "Piotr Zieliński: The October deliveries were late on eleven orders.",
        "Hannah Okoye (Brightline): That's the Leeds depot.",
        "Piotr Zieliński: Can you send me the report?\n",
    ]
    report = "Summary\nSales rose.\n\nNext Steps\nHire two people.\n\nSummary\nAgain.\n"
    assert join_speaker_blocks(report) == report  # headings heading paragraphs are no speakers


def test_a_header_the_next_line_restates_and_a_title_wrapped_before_its_year_give_the_full_title():
    from convilyn.tools.titles import document_title

    report = "Harbour Trust\nHarbour Trust — Annual Review\n2025/26\n\nPrepared by the chief executive.\nWe grew."
    assert document_title(report, None, "file_1.pdf") == "Harbour Trust — Annual Review 2025/26"
    assert document_title("Budget update\n2027\nThe budget rose by 4% this year.", None, "b.txt") == "Budget update 2027"
    assert document_title("Harbour Trust\nHarbour Trust board minutes follow below.\n", None, "m.txt") == "Harbour Trust"
