"""``convilyn run``, ``jobs``, ``workflows`` and ``catalog`` as a user runs them: a subprocess per
command against a live server, checkpoint prompts answered on stdin."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.support import CONVILYN, JOB_POSTING, RESUME, ScriptedRuntime

FAST = "0.05"


async def client_cli(*args: str, live, api_key: str | None, stdin: str = "",
                     env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``convilyn ARGS`` in a subprocess (off the event loop the server runs in), configured by env."""
    environ = {**os.environ, "CONVILYN_BASE_URL": live.base_url, "COLUMNS": "120", **(env or {})}
    environ.pop("CONVILYN_API_KEY", None)
    if api_key:
        environ["CONVILYN_API_KEY"] = api_key
    return await asyncio.to_thread(subprocess.run, [CONVILYN, *args], input=stdin, env=environ,
                                   capture_output=True, text=True, timeout=120)


@pytest.fixture
async def scripted(make_server):
    return await make_server(runtime=ScriptedRuntime())


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\nShip it.\n")
    return path


async def test_run_prompts_at_each_checkpoint_by_slot_type_and_unzips_the_result(scripted, notes, tmp_path):
    user = await scripted.user()
    out = tmp_path / "out"
    result = await client_cli("run", "test.two_checkpoints", str(notes), "--slot", "tone=friendly",
                              "--out", str(out), "--poll-interval", FAST, live=scripted, api_key=user.api_key,
                              stdin="Add a timeline\ny\n")
    assert result.returncode == 0, result.stderr
    assert "Checkpoint: outline_review" in result.stdout and "Checkpoint: draft_review" in result.stdout
    assert "Review outline_review" in result.stdout, "the step's preview is shown before the prompt"
    body = (out / "result.md").read_text()
    assert "('outline_notes', 'Add a timeline')" in body
    assert "('approved', True)" in body, "a boolean slot is asked as yes/no and sent as a boolean"
    assert "('tone', 'friendly')" in body
    assert len(list(out.glob("job_*.zip"))) == 1


async def test_run_no_input_exits_3_with_the_job_id_and_jobs_answer_resumes_it(scripted, notes, tmp_path):
    user = await scripted.user()
    waiting = await client_cli("run", "test.two_checkpoints", str(notes), "--slot", "tone=professional",
                               "--no-input", "--json", "--poll-interval", FAST, live=scripted, api_key=user.api_key)
    assert waiting.returncode == 3, waiting.stderr
    pending = json.loads(waiting.stdout)
    assert pending["status"] == "slot_needed" and pending["checkpointId"] == "outline_review"
    job_id = pending["jobId"]

    status = await client_cli("jobs", "status", job_id, "--json", live=scripted, api_key=user.api_key)
    assert json.loads(status.stdout)["checkpoint"]["checkpointId"] == "outline_review"

    answered = await client_cli("jobs", "answer", job_id, "--slot", "outline_notes=fine", live=scripted,
                                api_key=user.api_key)
    assert answered.returncode == 0, answered.stderr
    waiting = await client_cli("jobs", "watch", job_id, "--no-input", "--poll-interval", FAST, live=scripted,
                               api_key=user.api_key)
    assert waiting.returncode == 3 and job_id in waiting.stdout

    await client_cli("jobs", "answer", job_id, "--slot", "approved=yes", live=scripted, api_key=user.api_key)
    watched = await client_cli("jobs", "watch", job_id, "--json", "--poll-interval", FAST, live=scripted,
                               api_key=user.api_key)
    assert watched.returncode == 0, watched.stderr
    assert json.loads(watched.stdout)["outputFiles"] == ["result.md"]

    out = tmp_path / "dl"
    downloaded = await client_cli("jobs", "download", job_id, "--out", str(out), "--json", live=scripted,
                                  api_key=user.api_key)
    assert downloaded.returncode == 0, downloaded.stderr
    assert json.loads(downloaded.stdout)["files"] == [str(out / "result.md")]
    assert "('approved', True)" in (out / "result.md").read_text()


async def test_run_of_the_cover_letter_with_json_output(server, tmp_path):
    user = await server.user()
    (tmp_path / "resume.md").write_text(RESUME)
    (tmp_path / "job_posting.txt").write_text(JOB_POSTING)
    out = tmp_path / "out"
    result = await client_cli("run", "goal_lane.cover_letter", str(tmp_path / "resume.md"),
                              str(tmp_path / "job_posting.txt"), "--out", str(out), "--json",
                              "--poll-interval", "0.2", live=server, api_key=user.api_key)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "completed" and "cover_letter.md" in report["outputFiles"]
    assert (out / "cover_letter.md").read_text().strip()


async def test_a_failed_job_and_api_refusals_exit_1_with_one_readable_line(make_server, notes):
    live = await make_server(runtime=ScriptedRuntime(fail="the model refused"))
    user = await live.user()
    failed = await client_cli("run", "test.simple", str(notes), "--poll-interval", FAST, live=live,
                              api_key=user.api_key)
    assert failed.returncode == 1 and "the model refused" in failed.stderr
    assert "Traceback" not in failed.stderr

    anonymous = await client_cli("run", "goal_lane.cover_letter", str(notes), live=live, api_key=None)
    assert anonymous.returncode == 1 and "401 UNAUTHENTICATED" in anonymous.stderr

    bad_slot = await client_cli("run", "test.simple", str(notes), "--slot", "novalue", live=live,
                                api_key=user.api_key)
    assert bad_slot.returncode == 2 and "name=value" in bad_slot.stderr


async def test_catalog_and_workflow_commands(server, tmp_path):
    user = await server.user("pro")
    table = await client_cli("catalog", live=server, api_key=user.api_key)
    assert "goal_lane.cover_letter" in table.stdout

    forked = json.loads((await client_cli("workflows", "fork", "goal_lane.action_items_extractor", "--name",
                                          "Mine", "--json", live=server, api_key=user.api_key)).stdout)
    workflow_id = forked["workflowId"]
    exported = tmp_path / "wf.json"
    await client_cli("workflows", "export", workflow_id, "--out", str(exported), live=server, api_key=user.api_key)
    assert json.loads(exported.read_text())["name"] == "Mine"
    imported = json.loads((await client_cli("workflows", "import", str(exported), "--json", live=server,
                                            api_key=user.api_key)).stdout)
    assert imported["workflowId"] != workflow_id and imported["name"] == "Mine"

    published = await client_cli("workflows", "publish", workflow_id, live=server, api_key=user.api_key)
    assert published.returncode == 0 and "public" in published.stdout, published.stderr
    listed = await client_cli("workflows", "list", "--visibility", "public", live=server, api_key=user.api_key)
    assert workflow_id in listed.stdout and imported["workflowId"] not in listed.stdout
    refused = await client_cli("workflows", "delete", workflow_id, live=server, api_key=user.api_key)
    assert refused.returncode == 1 and "WORKFLOW_IS_PUBLIC" in refused.stderr


async def test_jobs_list_cancel_and_events(scripted, notes):
    user = await scripted.user()
    pending = await user.create_job("test.simple", [await user.upload("notes.md", "# Notes")])
    done = await user.create_job("test.simple", [await user.upload("more.md", "# More")])
    await user.confirm(done["jobSpecId"], 1)
    await user.settle(done["jobSpecId"])
    listed = await client_cli("jobs", "list", "--json", live=scripted, api_key=user.api_key)
    assert listed.returncode == 0, listed.stderr
    assert [j["jobSpecId"] for j in json.loads(listed.stdout)] == [done["jobSpecId"], pending["jobSpecId"]]
    waiting = await client_cli("jobs", "list", "--status", "pending", live=scripted, api_key=user.api_key)
    assert pending["jobSpecId"] in waiting.stdout and done["jobSpecId"] not in waiting.stdout
    cancelled = await client_cli("jobs", "cancel", pending["jobSpecId"], live=scripted, api_key=user.api_key)
    assert cancelled.returncode == 0 and cancelled.stdout.strip() == f"{pending['jobSpecId']} cancelled"
    again = await client_cli("jobs", "cancel", pending["jobSpecId"], live=scripted, api_key=user.api_key)
    assert again.returncode == 1 and "cancelled" in again.stderr
    events = await client_cli("jobs", "events", done["jobSpecId"], live=scripted, api_key=user.api_key)
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    assert [e["id"] for e in lines] == list(range(1, len(lines) + 1))
    assert lines[-1]["event"] == "completed"
