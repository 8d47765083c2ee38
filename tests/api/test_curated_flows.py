"""Every curated workflow end to end through the HTTP API on the built-in model,
with real PDF and DOCX uploads made in the test, asserting on what was delivered."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from tests.runtime import sample_documents as docs
from tests.support import JOB_POSTING, MEETING_NOTES, RESUME


def _bytes(document) -> bytes:
    return document.path.read_bytes()


async def test_full_flow_cover_letter_from_a_pdf_resume_and_a_docx_posting(server, tmp_path: Path):
    api = await server.user()
    # The seed's full flow: upload, create, confirm, poll, download. Posting first: roles come from content.
    posting = await api.upload("posting.docx", _bytes(docs.docx_file(tmp_path, "posting.docx", JOB_POSTING)),
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resume = await api.upload("resume.pdf", _bytes(docs.pdf_file(tmp_path, "resume.pdf", RESUME)), "application/pdf")
    job = await api.create_job("goal_lane.cover_letter", [posting, resume])
    assert job["slots"] == [] and job["itemVersion"] == 1
    await api.confirm(job["jobSpecId"], 1)
    status = await api.settle(job["jobSpecId"])
    assert status["status"] == "completed", status

    files = await api.download(job["jobSpecId"])
    assert set(files) == {"cover_letter.md", "cover_letter.docx"}
    letter = files["cover_letter.md"].decode()
    for expected in ("Jane Doe", "Acme Analytics", "Staff Backend Engineer", "Python", "PostgreSQL", "Kubernetes"):
        assert expected in letter, expected
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(files["cover_letter.docx"])).paragraphs)
    assert "Dear Acme Analytics hiring team" in docx_text and "Jane Doe" in docx_text


async def test_resume_tailor_asks_to_confirm_detected_roles(server):
    api = await server.user()
    resume = await api.upload("resume.md", RESUME)
    posting = await api.upload("posting.txt", JOB_POSTING)
    job = await api.create_job("goal_lane.resume_tailor", [resume, posting])
    assert [s["slotId"] for s in job["slots"]] == ["tone", "length"]
    job_id = job["jobSpecId"]
    job = await api.fill(job_id, 1, tone="confident", length="one_page")
    await api.confirm(job_id, job["itemVersion"])

    status = await api.settle(job_id)
    assert status["status"] == "slot_needed", status
    checkpoint = status["checkpoint"]
    assert checkpoint["checkpointId"] == "profile_review"
    assert checkpoint["stepOutputPreview"].startswith("Proposed headline: ")
    assert "Tech Lead" in checkpoint["stepOutputPreview"] and "Senior Software Engineer" in checkpoint["stepOutputPreview"]
    assert [s["slotId"] for s in checkpoint["slots"]] == ["confirmed_titles"]

    job = await api.fill(job_id, status["itemVersion"], confirmed_titles="Tech Lead, Staff Engineer")
    await api.confirm(job_id, job["itemVersion"])
    status = await api.settle(job_id)
    assert status["status"] == "completed", status
    files = await api.download(job_id)
    tailored = files["tailored_resume.md"].decode()
    headline = "\n".join(tailored.splitlines()[:4])
    assert "Tech Lead" in headline and "Staff Engineer" in headline
    relevant, also = (line for line in tailored.splitlines() if line.startswith("- **"))
    assert "Most relevant" in relevant and all(s in relevant for s in ("Python", "PostgreSQL", "Redis"))
    assert "Django" in also and "Django" not in relevant, "skills the posting asks for come first"
    assert "Jane Doe" in "\n".join(p.text for p in Document(io.BytesIO(files["tailored_resume.docx"])).paragraphs)


async def test_action_items_from_meeting_notes(server):
    api = await server.user()
    job = await api.create_job("goal_lane.action_items_extractor", [await api.upload("sync.md", MEETING_NOTES)])
    await api.confirm(job["jobSpecId"], 1)
    assert (await api.settle(job["jobSpecId"]))["status"] == "completed"
    files = await api.download(job["jobSpecId"])

    items = json.loads(files["action_items.json"])["items"]
    by_owner = {item["owner"]: item for item in items}
    assert set(by_owner) == {"Bob Chen", "Alice Martin", "Carol Diaz"}, "owners in full, as the attendees line names them"
    assert by_owner["Bob Chen"]["due"] == "2026-11-27" and "deck" in by_owner["Bob Chen"]["task"]
    assert by_owner["Alice Martin"]["due"] == "2026-12-01" and "roadmap" in by_owner["Alice Martin"]["task"]
    assert by_owner["Carol Diaz"]["due"] == "2026-11-27", "'by Friday' resolves against the meeting date"
    text = json.dumps(items)
    assert "pricing page" not in text and "budget report" not in text and "launch" not in text

    rows = list(csv.DictReader(io.StringIO(files["action_items.csv"].decode())))
    assert len(rows) == 3 and {r["Owner"] for r in rows} == {"Bob Chen", "Alice Martin", "Carol Diaz"}
    assert "| Bob Chen |" in files["action_items.md"].decode()


async def test_document_summary(server):
    api = await server.user()
    job = await api.create_job("goal_lane.document_summary", [await api.upload("posting.txt", JOB_POSTING)])
    await api.confirm(job["jobSpecId"], 1)
    assert (await api.settle(job["jobSpecId"]))["status"] == "completed"
    summary = (await api.download(job["jobSpecId"]))["summary.md"].decode()
    assert "Acme Analytics" in summary
    assert "jobs@acme-analytics.example" in summary
    lowered = summary.lower()
    assert "key points" in lowered and "keywords" in lowered


async def test_report_builder_passes_two_checkpoints(server):
    api = await server.user()
    job = await api.create_job("goal_lane.report_builder", [await api.upload("notes.md", MEETING_NOTES),
                                                            await api.upload("posting.txt", JOB_POSTING)])
    job_id = job["jobSpecId"]
    await api.confirm(job_id, 1)
    first = await api.settle(job_id)
    assert first["status"] == "slot_needed" and first["checkpoint"]["checkpointId"] == "outline_review"
    job = await api.fill(job_id, first["itemVersion"], report_title="Quarterly briefing",
                         sections="Overview\nAction items")
    await api.confirm(job_id, job["itemVersion"])
    second = await api.settle(job_id)
    assert second["status"] == "slot_needed" and second["checkpoint"]["checkpointId"] == "draft_review"
    assert second["itemVersion"] > first["itemVersion"]
    options = next(s for s in second["checkpoint"]["slots"] if s["slotId"] == "approval")["options"]
    job = await api.fill(job_id, second["itemVersion"], approval=options[0], note="Looks good")
    await api.confirm(job_id, job["itemVersion"])
    done = await api.settle(job_id)
    assert done["status"] == "completed", done
    files = await api.download(job_id)
    assert set(files) == {"report.md", "report.docx", "report.pdf"}
    report = files["report.md"].decode()
    assert "Quarterly briefing" in report and "Overview" in report
    assert "## Next steps" not in report, "the reviewer kept only Overview and Action items"
    assert "Quarterly briefing" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(files["report.pdf"])).pages)


async def test_report_next_steps_come_from_each_document_alone(server):
    """The posting after the notes' action-items heading must not read as more action items."""
    api = await server.user()
    job = await api.create_job("goal_lane.report_builder", [await api.upload("notes.md", MEETING_NOTES),
                                                            await api.upload("posting.txt", JOB_POSTING)])
    job_id = job["jobSpecId"]
    await api.confirm(job_id, 1)
    first = await api.settle(job_id)
    job = await api.fill(job_id, first["itemVersion"], report_title="Weekly briefing", sections="")
    await api.confirm(job_id, job["itemVersion"])
    second = await api.settle(job_id)
    job = await api.fill(job_id, second["itemVersion"], approval="approve")
    await api.confirm(job_id, job["itemVersion"])
    assert (await api.settle(job_id))["status"] == "completed"
    report = (await api.download(job_id))["report.md"].decode()
    next_steps = report.split("## Next steps", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in next_steps.splitlines() if line.startswith("- ")]
    assert len(lines) == 3, lines
    assert all(owner in next_steps for owner in ("Bob Chen to", "Alice Martin to", "Carol Diaz to"))
    assert "Location" not in next_steps and "Staff Backend Engineer" not in next_steps


async def test_an_encrypted_pdf_fails_the_job_with_a_readable_error(server, tmp_path: Path):
    api = await server.user()
    locked = await api.upload("notes.pdf", _bytes(docs.encrypted_pdf_file(tmp_path, "notes.pdf", MEETING_NOTES)),
                              "application/pdf")
    job = await api.create_job("goal_lane.action_items_extractor", [locked])
    await api.confirm(job["jobSpecId"], 1)
    status = await api.settle(job["jobSpecId"])
    assert status["status"] == "failed"
    assert "notes.pdf" in status["error"] and "encrypted" in status["error"]


async def test_the_tool_catalog_lists_every_builtin_tool_with_its_schema(server):
    async with server.client() as client:
        response = await client.get("/api/v1/mcp/tools/catalog")
    assert response.status_code == 200
    tools = {t["toolName"]: t for t in response.json()["items"]}
    for name in ("doc-parser-mcp:extract_text", "doc-parser-mcp:extract_sections", "text-analysis-mcp:summarize",
                 "text-analysis-mcp:extract_keywords", "text-analysis-mcp:extract_entities",
                 "text-analysis-mcp:extract_action_items", "career-mcp:parse_resume",
                 "career-mcp:parse_job_posting", "career-mcp:match_profile", "doc-writer-mcp:write_markdown",
                 "doc-writer-mcp:write_docx", "doc-writer-mcp:write_pdf", "doc-writer-mcp:write_csv",
                 "doc-writer-mcp:write_json"):
        assert name in tools, name
        assert tools[name]["description"] and tools[name]["inputSchema"]["type"] == "object"


STANDUP_VTT = """WEBVTT

00:00:03.000 --> 00:00:09.000
<v Amara Nwosu>Morning all. Quick one today, we've got the release at two.

00:00:22.000 --> 00:00:34.000
<v Hana Sato>I'm blocked on the payment sandbox, the keys expired.

00:00:41.000 --> 00:00:55.000
<v Ben Clarke>I'll write the release notes and post them in the channel before two.

00:00:56.000 --> 00:01:05.000
<v Amara Nwosu>Decision on the dark mode flag: we keep it off for this release.
"""


async def test_a_caption_file_is_read_as_speaker_turns_and_named_after_its_upload(server):
    api = await server.user()
    captions = await api.upload("standup.vtt", STANDUP_VTT)
    actions = await api.create_job("goal_lane.action_items_extractor", [captions])
    summary = await api.create_job("goal_lane.document_summary", [captions])
    for job in (actions, summary):
        await api.confirm(job["jobSpecId"], 1)
        assert (await api.settle(job["jobSpecId"]))["status"] == "completed"
    items = json.loads((await api.download(actions["jobSpecId"]))["action_items.json"])
    assert any(i["owner"] == "Ben Clarke" and "release notes" in i["task"] for i in items["items"]), items
    text = (await api.download(summary["jobSpecId"]))["summary.md"].decode()
    assert text.startswith("# Summary: standup"), text.split("\n")[0]
    assert "WEBVTT" not in text and "<v " not in text and "-->" not in text
