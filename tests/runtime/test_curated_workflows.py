"""Every curated workflow, end to end on the built-in model and the real built-in MCP servers.

The inputs are real TXT, Markdown, PDF and DOCX files made in the test; the
assertions read the delivered files as the person receiving them would.
"""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from convilyn.catalog.registry import load_curated_specs
from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import CheckpointReached, Completed, InputDocument, PhaseFailed, PhaseOutcome
from convilyn.runtime.plan import validate_plan
from tests.runtime.phase_helpers import ProgressLog, phase_request
from tests.runtime.sample_documents import (
    ARTICLE,
    MEETING_NOTES,
    POSTING,
    RESUME,
    docx_file,
    docx_text,
    encrypted_pdf_file,
    pdf_file,
    pdf_text,
    text_file,
)

SPECS = {spec.spec_id: spec for spec in load_curated_specs()}
SHARED_SKILLS = ["Python", "PostgreSQL", "Apache Kafka", "AWS", "Docker", "Kubernetes"]


@pytest.fixture(scope="module")
def runtime() -> AgentRuntime:
    return AgentRuntime()


async def run(
    runtime: AgentRuntime, spec_id: str, inputs: list[InputDocument], workdir: Path, **kwargs: Any
) -> PhaseOutcome:
    return await runtime.run_phase(phase_request(SPECS[spec_id], inputs, workdir, **kwargs), ProgressLog())


# --- cover letter -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("posting_first", [True, False], ids=["posting-uploaded-first", "resume-uploaded-first"])
async def test_the_cover_letter_names_candidate_employer_role_and_argues_from_shared_skills(
    runtime: AgentRuntime, tmp_path: Path, posting_first: bool
) -> None:
    resume = pdf_file(tmp_path, "maya-cv.pdf", RESUME)
    posting = docx_file(tmp_path, "northwind-job.docx", POSTING)
    inputs = [posting, resume] if posting_first else [resume, posting]
    progress = ProgressLog()

    outcome = await runtime.run_phase(phase_request(SPECS["goal_lane.cover_letter"], inputs, tmp_path / "out"), progress)

    assert isinstance(outcome, Completed)
    assert sorted(f.name for f in outcome.files) == ["cover_letter.docx", "cover_letter.md"]
    letter = (tmp_path / "out" / "cover_letter.md").read_text()
    assert letter.startswith("**Maya Okafor**\n\nmaya.okafor@example.com · +44 20 7946 0958")
    assert "I am writing to apply for the Staff Platform Engineer role at Northwind Health." in letter
    assert "I currently work as Senior Backend Engineer at Ledgerly, and my experience covers " in letter
    assert "Python, PostgreSQL, Kafka, AWS, Docker and Kubernetes, which the posting asks for." in letter  # her word for it
    assert "I also built event pipelines on Kafka and AWS for 2 million daily transactions." in letter  # in her voice
    assert "design and operate the services behind your scheduling platform" in letter  # the posting's "our", addressed back
    assert letter.rstrip().endswith("Sincerely,\n\nMaya Okafor")
    document = docx_text(tmp_path / "out" / "cover_letter.docx")
    assert "Application for the Staff Platform Engineer role" in document
    assert "Dear Northwind Health hiring team," in document
    assert {"extracting_text", "detecting_documents", "writing_letter", "generating_output"} <= set(progress.steps)


async def test_the_cover_letter_refuses_a_job_without_a_resume(runtime: AgentRuntime, tmp_path: Path) -> None:
    postings = [text_file(tmp_path, "a.txt", POSTING), text_file(tmp_path, "b.md", POSTING)]
    with pytest.raises(PhaseFailed, match=r"^Neither a.txt nor b.md reads like a resume"):
        await run(runtime, "goal_lane.cover_letter", postings, tmp_path / "out")


async def test_the_cover_letter_needs_two_documents(runtime: AgentRuntime, tmp_path: Path) -> None:
    with pytest.raises(PhaseFailed, match="needs exactly two documents, your resume and the job posting; this job has 1"):
        await run(runtime, "goal_lane.cover_letter", [text_file(tmp_path, "cv.txt", RESUME)], tmp_path / "out")


NURSE_RESUME = """\
JANE R. DOUGHERTY, RN, BSN
Registered Nurse
jane.dougherty@example.org | (503) 555-0147

PROFESSIONAL SUMMARY
Compassionate registered nurse with 9 years of acute care experience.

EXPERIENCE
Providence Medical Center — Charge Nurse, Emergency Department — 2019 – Present
- Supervise a team of 14 nurses per shift in a 52-bed trauma center.
- Reduced door-to-triage time by 22% by redesigning the triage workflow.

SKILLS
Patient Assessment | Triage | Electronic Health Records | Mentoring
"""

PROSE_POSTING = """\
Nurse Manager, Emergency Services

Riverside Community Hospital is looking for an experienced Nurse Manager to lead our emergency department. \
In this role you will oversee daily operations and partner with physicians to improve patient flow. \
The ideal candidate has five years of emergency nursing experience and is comfortable with Epic electronic health records. \
You will drive quality improvement, mentor staff, and handle budgeting.
"""


async def test_a_cover_letter_from_a_prose_posting_and_a_credentialed_resume_reads_naturally(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    inputs = [text_file(tmp_path, "jane.txt", NURSE_RESUME), text_file(tmp_path, "posting.txt", PROSE_POSTING)]
    outcome = await run(runtime, "goal_lane.cover_letter", inputs, tmp_path / "out")

    assert isinstance(outcome, Completed)
    letter = (tmp_path / "out" / "cover_letter.md").read_text()
    assert letter.startswith("**Jane R. Dougherty**\n")
    assert "Dear Riverside Community Hospital hiring team," in letter
    assert "I currently work as Charge Nurse at Providence Medical Center" in letter  # the unit is not the employer
    assert "my experience covers nursing and electronic health records, which the posting asks for." in letter
    # The first duty joins others with "and": it stands alone rather than run into the next one.
    assert "You are looking for someone to oversee daily operations and partner with physicians to improve" in letter
    assert "The posting also names quality improvement and budgeting, which my resume does not show yet" in letter
    # Too few achievements name a shared skill: the current role's own argue, in her voice and tense.
    assert "At Providence Medical Center, I supervise a team of 14 nurses per shift in a 52-bed trauma center." in letter
    assert letter.rstrip().endswith("Sincerely,\n\nJane R. Dougherty")


# --- resume tailor ----------------------------------------------------------------------------------------

LONG_RESUME = RESUME.replace(
    "- Mentored four engineers and introduced code review guidelines.",
    "- Mentored four engineers and introduced code review guidelines.\n"
    "- Organised the company hackathon two years running.\n"
    "- Ran Terraform upgrades across twelve AWS accounts.",
).replace(
    "Skills\n",
    "Junior Developer, Cobalt Studio, Jun 2014 - Feb 2016\n- Maintained internal PHP tools.\n\n"
    "Intern, Cobalt Studio, Jun 2013 - Sep 2013\n- Wrote test scripts.\n\nSkills\n",
)


async def tailor(
    runtime: AgentRuntime, tmp_path: Path, slots: dict[str, str], resume_text: str = RESUME
) -> tuple[CheckpointReached, Completed]:
    inputs = [text_file(tmp_path, "posting.txt", POSTING), docx_file(tmp_path, "resume.docx", resume_text)]
    paused = await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p1", slots=slots)
    assert isinstance(paused, CheckpointReached)
    done = await run(
        runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p2",
        slots={**slots, "confirmed_titles": "Staff Platform Engineer, Senior Backend Engineer"},
        history=json.loads(json.dumps(paused.history)), resume=paused.checkpoint_id,
    )
    assert isinstance(done, Completed)
    return paused, done


async def test_the_resume_tailor_asks_to_confirm_the_detected_roles_then_writes_the_tailored_resume(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    paused, done = await tailor(runtime, tmp_path, {"tone": "professional", "length": "two_pages"})

    assert paused.checkpoint_id == "profile_review"
    assert paused.preview == (
        "Proposed headline: Senior Backend Engineer\nRoles on your resume: Senior Backend Engineer, Software Engineer"
    )
    assert [(s.slot_id, s.type) for s in paused.slots] == [("confirmed_titles", "text")]
    assert sorted(f.name for f in done.files) == ["tailored_resume.docx", "tailored_resume.md", "tailored_resume.pdf"]
    resume = (tmp_path / "p2" / "tailored_resume.md").read_text()
    assert resume.startswith("# Maya Okafor\n\n**Staff Platform Engineer | Senior Backend Engineer**\n")
    assert "as the Staff Platform Engineer role at Northwind Health asks for." in resume
    assert "<!--" not in resume  # the print layout line goes only to the .pdf and .docx
    # Skills in the posting's order first, then the rest of the resume's.
    assert "- **Most relevant to this role:** Python, PostgreSQL, Kafka, AWS, Docker, Kubernetes, Terraform" in resume
    assert "- **Also:** FastAPI, Django, CI/CD" in resume
    assert "### Senior Backend Engineer, Ledgerly\n\nJan 2021 - Present" in resume
    assert "## Education\n\n- BSc Computer Science, University of Manchester, 2015" in resume
    assert "Staff Platform Engineer | Senior Backend Engineer" in docx_text(tmp_path / "p2" / "tailored_resume.docx")


@pytest.mark.parametrize(
    ("tone", "phrase"),
    [
        ("professional", "Experienced in Python, PostgreSQL, Kafka, AWS and Docker, as the"),
        ("friendly", "I enjoy working with Python, PostgreSQL, Kafka, AWS and Docker, and I would love to"),
        ("confident", "A proven record with Python, PostgreSQL, Kafka, AWS and Docker, ready to deliver"),
    ],
)
async def test_the_tailored_summary_speaks_in_the_chosen_tone(
    runtime: AgentRuntime, tmp_path: Path, tone: str, phrase: str
) -> None:
    await tailor(runtime, tmp_path, {"tone": tone, "length": "one_page"})
    assert phrase in (tmp_path / "p2" / "tailored_resume.md").read_text()


async def test_one_page_keeps_every_role_with_the_most_relevant_achievements_first(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    await tailor(runtime, tmp_path, {"tone": "professional", "length": "one_page"}, LONG_RESUME)
    resume = (tmp_path / "p2" / "tailored_resume.md").read_text()
    assert "### Junior Developer, Cobalt Studio" in resume
    assert "Intern, Cobalt Studio" in resume  # it fits on the page, so nothing was folded or cut
    assert len(PdfReader(tmp_path / "p2" / "tailored_resume.pdf").pages) == 1
    ledgerly = resume.split("### Senior Backend Engineer, Ledgerly")[1].split("###")[0]
    assert [line for line in ledgerly.splitlines() if line.startswith("- ")] == [
        "- Led the migration of the payments API to FastAPI and PostgreSQL, cutting latency by 40%.",
        "- Built event pipelines on Kafka and AWS for 2 million daily transactions.",
        "- Ran Terraform upgrades across twelve AWS accounts.",
        "- Mentored four engineers and introduced code review guidelines.",
        "- Organised the company hackathon two years running.",
    ]


# A career long enough for two printed pages: seven positions of long bullets, credentials and a project.
VETERAN_RESUME = "\n".join(
    ["Maya Okafor", "Principal Backend Engineer", "maya.okafor@example.com | +44 20 7946 0958", "", "Experience"]
    + [
        line
        for year, (title, company) in zip(
            range(2024, 1996, -4),
            [("Principal Backend Engineer", "Ledgerly"), ("Staff Engineer", "Brightwave Analytics"),
             ("Senior Engineer", "Cobalt Studio"), ("Backend Engineer", "Quayside Systems"),
             ("Software Engineer", "Harbour Data"), ("Developer", "Northgate Software"),
             ("Junior Developer", "Mill Lane Labs")],
            strict=True,
        )
        for line in [f"{title}, {company}, Jan {year - 4} - " + ("Present" if year == 2024 else f"Dec {year - 1}")]
        + [f"- Led the {topic} work in Python and PostgreSQL for {company}, reporting to the head of engineering "
           f"and presenting the results to the board every quarter." for topic in ("payments", "ledger", "billing",
                                                                                  "search", "reporting")]
        + [""]
    ]
    + ["Certifications", "- AWS Certified Solutions Architect – Professional, 2023", "- Certified Kubernetes "
       "Administrator (CKA), 2022", "- PRINCE2 Foundation, 2012", "",
       "Projects", "- Ledger explorer: an open-source PostgreSQL audit tool with 2,000 GitHub stars.", "",
       "Skills", "Python, FastAPI, Django, PostgreSQL, Kafka, AWS, Docker, Kubernetes, Terraform", "",
       "Education", "BSc Computer Science, University of Manchester, 1996"]
)  # fmt: skip
CERTIFIED_POSTING = POSTING.replace("- Terraform\n", "- Terraform\n- AWS certification (Solutions Architect)\n")


async def test_one_page_fits_the_printed_page_keeping_the_employer_the_asked_credentials_and_projects(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    inputs = [text_file(tmp_path, "posting.txt", CERTIFIED_POSTING), text_file(tmp_path, "cv.txt", VETERAN_RESUME)]
    slots = {"tone": "professional", "length": "one_page"}
    paused = await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p1", slots=slots)
    assert isinstance(paused, CheckpointReached)
    done = await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p2",
                     slots={**slots, "confirmed_titles": "Principal Backend Engineer"}, history=paused.history,
                     resume=paused.checkpoint_id)  # fmt: skip
    assert isinstance(done, Completed)
    two_pages = await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p3",
                          slots={**slots, "length": "two_pages", "confirmed_titles": "Principal Backend Engineer"},
                          history=paused.history, resume=paused.checkpoint_id)  # fmt: skip
    assert isinstance(two_pages, Completed)
    assert len(PdfReader(tmp_path / "p3" / "tailored_resume.pdf").pages) == 2  # the same resume does not fit one

    assert len(PdfReader(tmp_path / "p2" / "tailored_resume.pdf").pages) == 1  # the real rendered PDF
    resume = (tmp_path / "p2" / "tailored_resume.md").read_text()
    assert "### Principal Backend Engineer, Ledgerly\n\nJan 2020 - Present" in resume  # the current employer, whole
    assert "AWS Certified Solutions Architect – Professional, 2023" in resume  # the credential the posting asks for
    assert "Ledger explorer: an open-source PostgreSQL audit tool with 2,000 GitHub stars." in resume
    for company in ("Brightwave Analytics", "Quayside Systems", "Mill Lane Labs"):  # older roles shortened, not lost
        assert company in resume
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p2" / "tailored_resume.pdf").pages)
    assert "Ledgerly" in text and "layout" not in text


async def test_two_pages_keeps_every_role_and_achievement(runtime: AgentRuntime, tmp_path: Path) -> None:
    await tailor(runtime, tmp_path, {"tone": "professional", "length": "two_pages"}, LONG_RESUME)
    resume = (tmp_path / "p2" / "tailored_resume.md").read_text()
    assert "### Intern, Cobalt Studio" in resume
    assert "- Organised the company hackathon two years running." in resume


async def test_resuming_the_tailor_twice_from_its_checkpoint_writes_the_same_resume(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    inputs = [text_file(tmp_path, "posting.txt", POSTING), text_file(tmp_path, "resume.md", RESUME)]
    slots = {"tone": "confident", "length": "one_page"}
    paused = await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "p1", slots=slots)
    assert isinstance(paused, CheckpointReached)
    written = []
    for attempt in range(2):
        done = await run(
            runtime, "goal_lane.resume_tailor", inputs, tmp_path / f"r{attempt}",
            slots={**slots, "confirmed_titles": "Platform Engineer"}, history=paused.history, resume="profile_review",
        )
        assert isinstance(done, Completed)
        written.append((tmp_path / f"r{attempt}" / "tailored_resume.md").read_text())
    assert written[0] == written[1]
    assert "**Platform Engineer**" in written[0]


# --- action items -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [text_file, docx_file, pdf_file], ids=["md", "docx", "pdf"])
async def test_action_items_name_owner_task_and_due_date_and_skip_the_discussion(
    runtime: AgentRuntime, tmp_path: Path, make: Any
) -> None:
    suffix = {text_file: "md", docx_file: "docx", pdf_file: "pdf"}[make]
    notes = make(tmp_path, f"product-sync.{suffix}", MEETING_NOTES)
    outcome = await run(runtime, "goal_lane.action_items_extractor", [notes], tmp_path / "out")

    assert isinstance(outcome, Completed)
    summary = (tmp_path / "out" / "action_items.md").read_text()
    assert "| Priya Shah | Send the revised roadmap to the leadership team | 2026-03-20 (20 March 2026) |" in summary
    assert "| Tom Becker | Fix the login timeout bug | 2026-03-13 (Friday) |" in summary
    assert "| Ana Lima | Draft the customer interview guide | 2026-03-25 |" in summary
    assert "## Without an owner\n\n- Book the offsite venue" in summary
    for discussion in ("onboarding survey", "churn", "pricing"):
        assert discussion not in summary

    rows = list(csv.DictReader((tmp_path / "out" / "action_items.csv").read_text(encoding="utf-8").splitlines()))
    assert [(r["Owner"], r["Task"], r["Due date"]) for r in rows] == [
        ("Priya Shah", "Send the revised roadmap to the leadership team", "2026-03-20"),
        ("Tom Becker", "Fix the login timeout bug", "2026-03-13"),
        ("Ana Lima", "Draft the customer interview guide", "2026-03-25"),
        ("", "Book the offsite venue", ""),
    ]
    data = json.loads((tmp_path / "out" / "action_items.json").read_text())
    assert data["sources"] == [notes.filename]
    assert [(i["owner"], i["due"]) for i in data["items"]] == [
        ("Priya Shah", "2026-03-20"), ("Tom Becker", "2026-03-13"), ("Ana Lima", "2026-03-25"), (None, None)
    ]


async def test_notes_without_commitments_say_so(runtime: AgentRuntime, tmp_path: Path) -> None:
    notes = text_file(tmp_path, "chat.txt", "We talked about the weather.\nEveryone enjoyed the lunch.\n")
    outcome = await run(runtime, "goal_lane.action_items_extractor", [notes], tmp_path / "out")
    assert isinstance(outcome, Completed)
    assert "No action items were found" in (tmp_path / "out" / "action_items.md").read_text()
    assert (tmp_path / "out" / "action_items.csv").read_text().strip() == "Owner,Task,Due date,Due as written,Source"


# --- document summary -------------------------------------------------------------------------------------


async def test_the_summary_gives_key_points_entities_and_keywords(runtime: AgentRuntime, tmp_path: Path) -> None:
    article = pdf_file(tmp_path, "remote-work-study.pdf", ARTICLE)
    outcome = await run(runtime, "goal_lane.document_summary", [article], tmp_path / "out")

    assert isinstance(outcome, Completed)
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert summary.startswith("# Summary: Remote Work and Team Productivity\n")
    assert "*remote-work-study.pdf · 148 words*" in summary
    brief = summary.split("## In brief\n\n")[1].split("\n\n")[0]
    # The main point (what the study recommends) leads, then the opening sentence.
    assert brief.startswith("The study recommends hybrid schedules, written decision logs and regular retrospectives. "
                            "A two-year study by the Meridian Institute followed 1,200 employees")
    assert "- **People:** Elena Vasquez" in summary  # named as owners are, without the title
    assert "- **Organisations:** Meridian Institute, Contoso Ltd, Fabrikam Inc" in summary
    assert "- **Amounts:** $2.4 million" in summary
    keywords = summary.split("## Keywords\n\n")[1]
    assert "remote teams" in keywords and "Fabrikam" in keywords


async def test_a_plain_text_report_is_summarised_under_its_own_first_line(runtime: AgentRuntime, tmp_path: Path) -> None:
    report = text_file(tmp_path, "q3.txt", "Quarterly Operations Review: Q3 2026\n\n" + ARTICLE.split("\n", 2)[2])
    await run(runtime, "goal_lane.document_summary", [report], tmp_path / "out")
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert summary.startswith("# Summary: Quarterly Operations Review: Q3 2026\n")


async def test_several_documents_are_summarised_one_section_each(runtime: AgentRuntime, tmp_path: Path) -> None:
    inputs = [docx_file(tmp_path, "study.docx", ARTICLE), text_file(tmp_path, "sync.md", MEETING_NOTES)]
    await run(runtime, "goal_lane.document_summary", inputs, tmp_path / "out")
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert summary.startswith("# Summary: 2 documents\n")
    assert "## Remote Work and Team Productivity" in summary and "## Product sync - 12 March 2026" in summary
    assert "- **People:** Priya Shah, Tom Becker, Ana Lima" in summary


# --- report builder ---------------------------------------------------------------------------------------


async def test_the_report_passes_an_outline_review_and_a_draft_review_then_is_delivered_three_ways(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    inputs = [docx_file(tmp_path, "study.docx", ARTICLE), text_file(tmp_path, "sync.md", MEETING_NOTES)]
    spec_id = "goal_lane.report_builder"

    outline = await run(runtime, spec_id, inputs, tmp_path / "p1")
    assert isinstance(outline, CheckpointReached) and outline.checkpoint_id == "outline_review"
    assert outline.preview == (
        "Proposed title: Findings from Remote Work and Team Productivity and Product sync - 12 March 2026\n"
        "Proposed sections: Executive summary; Remote Work and Team Productivity; Product sync - 12 March 2026; "
        "People and organisations; Key terms; Next steps"
    )
    assert [s.slot_id for s in outline.slots] == ["report_title", "sections"]

    slots = {"report_title": "Hybrid work review", "sections": "Executive summary; Remote Work and Team Productivity; Next steps"}
    draft = await run(runtime, spec_id, inputs, tmp_path / "p2", slots=slots, history=outline.history,
                      resume="outline_review")
    assert isinstance(draft, CheckpointReached) and draft.checkpoint_id == "draft_review"
    assert draft.preview.startswith(
        'Draft "Hybrid work review" with the sections Executive summary; Remote Work and Team Productivity; Next steps.\n'
        "Executive summary: This report brings together two documents. Remote Work and Team Productivity: "
        "The study recommends hybrid schedules"  # each document named, with its main point
    )

    slots |= {"approval": "approve_with_note", "note": "Share with the leadership team before the offsite."}
    done = await run(runtime, spec_id, inputs, tmp_path / "p3", slots=slots, history=draft.history,
                     resume="draft_review")
    assert isinstance(done, Completed)
    assert [f.name for f in done.files] == ["report.md", "report.docx", "report.pdf"]
    report = (tmp_path / "p3" / "report.md").read_text()
    assert report.startswith("# Hybrid work review\n")
    assert [line for line in report.splitlines() if line.startswith("## ")] == [
        "## Executive summary", "## Remote Work and Team Productivity", "## Next steps", "## Reviewer's note"
    ]
    assert "- Priya Shah to send the revised roadmap to the leadership team by 20 March 2026." in report
    assert "Share with the leadership team before the offsite." in report
    assert "People and organisations" not in report  # left out at the outline review
    assert "Hybrid work review" in docx_text(tmp_path / "p3" / "report.docx")
    assert (tmp_path / "p3" / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Reviewer's note" in pdf_text(tmp_path / "p3" / "report.pdf")


async def test_an_unedited_outline_keeps_every_proposed_section(runtime: AgentRuntime, tmp_path: Path) -> None:
    inputs = [text_file(tmp_path, "study.txt", ARTICLE)]
    spec_id = "goal_lane.report_builder"
    outline = await run(runtime, spec_id, inputs, tmp_path / "p1")
    draft = await run(runtime, spec_id, inputs, tmp_path / "p2", slots={"report_title": "Study notes"},
                      history=outline.history, resume="outline_review")
    done = await run(runtime, spec_id, inputs, tmp_path / "p3", slots={"report_title": "Study notes", "approval": "approve"},
                     history=draft.history, resume="draft_review")
    assert isinstance(done, Completed)
    report = (tmp_path / "p3" / "report.md").read_text()
    assert [line for line in report.splitlines() if line.startswith("## ")] == [
        "## Executive summary", "## Key points", "## People and organisations", "## Key terms"
    ]  # one document: its points are the report's key points, not a second heading with its title
    assert "| Fabrikam | 3 |" in report


# --- inputs a person must fix -----------------------------------------------------------------------------


async def test_an_encrypted_pdf_fails_asking_for_an_unprotected_copy(runtime: AgentRuntime, tmp_path: Path) -> None:
    inputs = [encrypted_pdf_file(tmp_path, "resume.pdf", RESUME), text_file(tmp_path, "posting.txt", POSTING)]
    with pytest.raises(PhaseFailed) as failure:
        await run(runtime, "goal_lane.cover_letter", inputs, tmp_path / "out")
    assert str(failure.value) == "resume.pdf is encrypted; upload an unprotected copy"


async def test_an_empty_document_fails_naming_it(runtime: AgentRuntime, tmp_path: Path) -> None:
    with pytest.raises(PhaseFailed) as failure:
        await run(runtime, "goal_lane.document_summary", [text_file(tmp_path, "blank.md", " \n\n")], tmp_path / "out")
    assert str(failure.value) == "blank.md contains no text"


def test_every_curated_workflow_is_shipped_and_valid() -> None:
    assert set(SPECS) == {
        "goal_lane.cover_letter", "goal_lane.resume_tailor", "goal_lane.action_items_extractor",
        "goal_lane.document_summary", "goal_lane.report_builder",
    }
    for spec in SPECS.values():
        assert validate_plan(spec) is not None
        assert spec.system_prompt and spec.output_specs and spec.supported_input_formats


async def test_a_user_workflow_on_the_builtin_servers_reports_what_each_palette_tool_found(
    runtime: AgentRuntime, tmp_path: Path
) -> None:
    spec = DestinationSpec.model_validate(
        {
            "specId": "uw_" + "d" * 24,
            "name": "Meeting digest",
            "toolPalette": ["text-analysis-mcp:extract_action_items", "text-analysis-mcp:extract_entities",
                            "doc-writer-mcp:write_docx"],
            "outputSpecs": [{"filename": "digest.md", "format": "md"}, {"filename": "digest.docx", "format": "docx"}],
        }
    )
    notes = docx_file(tmp_path, "sync.docx", MEETING_NOTES)
    outcome = await runtime.run_phase(phase_request(spec, [notes], tmp_path / "out"), ProgressLog())
    assert isinstance(outcome, Completed)
    digest = (tmp_path / "out" / "digest.md").read_text()
    assert "- sync.docx: 94 words" in digest
    assert "## Extract action items" in digest
    assert "  - Send the revised roadmap to the leadership team (Owner: Priya Shah; Due: 2026-03-20;" in digest
    assert "- **People**: Priya Shah, Tom Becker, Ana Lima" in digest
    assert "Extract action items" in docx_text(tmp_path / "out" / "digest.docx")


async def test_phases_of_different_jobs_run_concurrently_on_one_runtime(runtime: AgentRuntime, tmp_path: Path) -> None:
    notes = text_file(tmp_path, "sync.md", MEETING_NOTES)
    article = text_file(tmp_path, "study.txt", ARTICLE)
    outcomes = await asyncio.gather(
        *(
            runtime.run_phase(
                phase_request(SPECS[spec_id], [document], tmp_path / f"job{i}", job_id=f"job_{i}"), ProgressLog()
            )
            for i, (spec_id, document) in enumerate(
                [("goal_lane.action_items_extractor", notes), ("goal_lane.document_summary", article)] * 3
            )
        )
    )
    assert all(isinstance(o, Completed) for o in outcomes)
    assert len({(tmp_path / f"job{i}" / "summary.md").read_text() for i in (1, 3, 5)}) == 1


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        ({"length": "one_page"}, r"^The workflow needs a value for Tone of the summary \(tone\)\.$"),
        ({"tone": "sarcastic", "length": "one_page"}, r"^The value given for tone must be one of: professional, friendly"),
    ],
)
async def test_missing_or_invalid_required_slots_fail_before_any_work(
    runtime: AgentRuntime, tmp_path: Path, slots: dict[str, str], message: str
) -> None:
    inputs = [text_file(tmp_path, "posting.txt", POSTING), text_file(tmp_path, "resume.txt", RESUME)]
    with pytest.raises(PhaseFailed, match=message):
        await run(runtime, "goal_lane.resume_tailor", inputs, tmp_path / "out", slots=slots)
