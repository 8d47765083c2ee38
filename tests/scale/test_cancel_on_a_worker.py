"""Cancel with the phase on a ``convilyn worker`` process: the worker stops at its next step and
records nothing after; an API process that runs no phases follows the worker's events live.

The worker runs the agent runtime against an OpenAI-compatible stand-in (tests/runtime/fake_providers.py)
that holds its second answer until the test lets it go, so the job is cancelled while the phase is
mid-way: one tool called, the model thinking about the next.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import threading
from pathlib import Path

import httpx

from tests.api.test_job_events import read_events
from tests.runtime.fake_providers import Reply, ToolCall, Turn, openai_server
from tests.scale.conftest import pg_only
from tests.scale.processes import Role
from tests.scale.test_topology import _sql
from tests.support import MEETING_NOTES, run_cli


class HeldModel:
    """Reads the document, then holds its next answer (a summarize call) until ``release``."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.released = threading.Event()

    def __call__(self, turns: list[Turn], offered: list[str]) -> Reply:
        if not any(turn.role == "tool" for turn in turns):
            path = re.search(r"path: (\S+)", next(t.text for t in turns if t.role == "user")).group(1)
            return Reply(tool_calls=[ToolCall("doc_parser_mcp__extract_text", {"path": path})])
        self.holding.set()
        self.released.wait(120)
        return Reply(tool_calls=[ToolCall("text_analysis_mcp__summarize", {"text": "The campaign launches."})])


async def _until(predicate, what: str, timeout: float = 120) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


@pg_only
async def test_a_job_cancelled_mid_phase_on_a_worker_stops_there_and_records_nothing_after(
    fresh_pg_url: str, tmp_path: Path
):
    model = HeldModel()
    with openai_server(model) as fake:
        env = {"CONVILYN_DATABASE_URL": fresh_pg_url, "CONVILYN_DATA_DIR": str(tmp_path / "shared"),
               "CONVILYN_RUN_JOBS": "false", "CONVILYN_MODEL": "openai:fake-gpt",
               "CONVILYN_OPENAI_BASE_URL": fake.url, "CONVILYN_OPENAI_API_KEY": "test-key",
               "CONVILYN_JWT_SECRET": secrets.token_urlsafe(32), "CONVILYN_SIGNING_SECRET": secrets.token_urlsafe(32),
               "CONVILYN_RATE_LIMITS_ENABLED": "false"}
        migrated = run_cli("migrate", data_dir=tmp_path / "shared", database_url=fresh_pg_url)
        assert migrated.returncode == 0, migrated.stderr
        created = run_cli("users", "create", "Canceller", "--json", data_dir=tmp_path / "shared",
                          database_url=fresh_pg_url)
        token = json.loads(created.stdout)["apiKey"]
        api = Role.serve(env, tmp_path / "api.log")
        worker = Role(["worker", "--concurrency", "1"], env=env, log=tmp_path / "worker.log")
        try:
            api.wait_healthy()
            async with httpx.AsyncClient(base_url=f"{api.base_url}/api/v1", timeout=60,
                                         headers={"Authorization": f"Bearer {token}"}) as client:
                uploaded = await client.post("/upload", files={"file": ("notes.md", MEETING_NOTES.encode(),
                                                                        "text/markdown")})
                job = (await client.post("/jobs/goal", json={"workflowId": "goal_lane.document_summary",
                                                             "fileIds": [uploaded.json()["file_id"]]})).json()
                job_id = job["jobSpecId"]
                async with client.stream("GET", f"/jobs/goal/{job_id}/events") as stream:
                    confirmed = await client.post(f"/jobs/goal/{job_id}/confirm", json={"itemVersion": 1})
                    assert confirmed.status_code == 202, confirmed.text
                    # The worker's events reach this API process (it runs no phases) through NOTIFY.
                    before = await read_events(stream, until={"progress"})
                    await _until(lambda: asyncio.to_thread(model.holding.is_set), "the phase to be mid-way")
                    status = (await client.get(f"/jobs/goal/{job_id}/status")).json()
                    assert status["status"] == "executing" and status["currentStep"] == "extracting_text"
                    cancelled = await client.post(f"/jobs/goal/{job_id}/cancel",
                                                  json={"itemVersion": status["itemVersion"]})
                    assert cancelled.status_code == 200, cancelled.text
                    assert cancelled.json()["status"] == "cancelled"
                    rest = await read_events(stream, until={"cancelled"})
                model.released.set()  # the model answers: the worker's next step is a tool call

                async def stopped() -> bool:
                    return "the phase stopped" in worker.log.read_text(errors="replace")

                await _until(stopped, "the worker to stop the phase")
                await asyncio.sleep(1)  # anything the worker would still write has had its chance
                final = (await client.get(f"/jobs/goal/{job_id}")).json()
            events = await _sql(fresh_pg_url, f"SELECT seq, type FROM job_events WHERE job_id = '{job_id}' "
                                              "ORDER BY seq")
            row = await _sql(fresh_pg_url, f"SELECT status, current_step, output_key FROM jobs WHERE id = '{job_id}'")
            queued = await _sql(fresh_pg_url, "SELECT count(*) FROM procrastinate_jobs "
                                              "WHERE status IN ('todo', 'doing')")
        finally:
            model.released.set()
            api.stop()
            worker.stop()
    seen = before + rest
    assert [e["id"] for e in seen] == list(range(1, len(seen) + 1)), "every event once, in order"
    assert [e["event"] for e in seen][-1] == "cancelled"
    assert events[-1][1] == "cancelled" and len(events) == len(seen), "nothing recorded after the cancel"
    assert row == [("cancelled", "cancelled", None)]
    assert final["status"] == "cancelled" and final["outputFiles"] is None
    assert len(fake.requests) == 2, "the model was not asked again: the summarize call never ran"
    assert queued == [(0,)], "the worker's phase job ended"
