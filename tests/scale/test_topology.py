"""Two API processes and two workers on one PostgreSQL database and one S3 bucket, with workers
killed at random.

40 jobs go in through both APIs (uploads through one, create/answer/confirm through
the other): action items (complete), resume tailoring (one checkpoint, answered),
report building (stops at its second checkpoint, left unanswered) and encrypted
PDFs (fail). Meanwhile a worker is ``kill -9``-ed and restarted 10 times. Every
job must end as its inputs dictate, none left confirming/executing, none
completed twice (a trigger counts completions), every completed ZIP downloads.
Each process has a data dir of its own: the files they share travel only through
the bucket (MiniStack, see tests/support.py), as between machines.
"""

from __future__ import annotations

import asyncio
import io
import json
import random
import secrets
import time
import zipfile
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from convilyn.core.db import async_url
from tests.runtime import sample_documents as docs
from tests.scale.conftest import pg_only
from tests.scale.processes import Role
from tests.support import JOB_POSTING, MEETING_NOTES, RESUME, run_cli

KILLS = 10
WORKER_SLOTS = 3
DEADLINE_SECONDS = 240
# Triggers that record every write of status completed, and every phase taken over from a dead run.
COUNTERS = """
CREATE TABLE test_completions (job_id text);
CREATE TABLE test_takeovers (job_id text);
CREATE FUNCTION test_count_completion() RETURNS trigger AS $$
BEGIN INSERT INTO test_completions (job_id) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER test_count_completion AFTER UPDATE ON jobs FOR EACH ROW
WHEN (NEW.status = 'completed') EXECUTE FUNCTION test_count_completion();
CREATE FUNCTION test_count_takeover() RETURNS trigger AS $$
BEGIN INSERT INTO test_takeovers (job_id) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER test_count_takeover AFTER UPDATE ON jobs FOR EACH ROW
WHEN (OLD.status = 'executing' AND NEW.status = 'executing' AND NEW.claim IS DISTINCT FROM OLD.claim)
EXECUTE FUNCTION test_count_takeover();
"""


async def _sql(url: str, statement: str) -> list[tuple]:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.begin() as connection:
            result = await connection.exec_driver_sql(statement)
            return [tuple(row) for row in result.all()] if result.returns_rows else []
    finally:
        await engine.dispose()


class Client:
    """One user talking to one API process."""

    def __init__(self, base_url: str, token: str) -> None:
        self.http = httpx.AsyncClient(base_url=f"{base_url}/api/v1", headers={"Authorization": f"Bearer {token}"},
                                      timeout=30)

    async def call(self, method: str, path: str, expect: int, **kwargs) -> dict:
        response = await self.http.request(method, path, **kwargs)
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    async def upload(self, name: str, data: bytes | str, content_type: str = "text/plain") -> str:
        content = data.encode() if isinstance(data, str) else data
        return (await self.call("POST", "/upload", 201, files={"file": (name, content, content_type)}))["file_id"]


async def _run_job(kind: str, uploader: Client, driver: Client, locked_pdf: bytes) -> tuple[str, str]:
    """Drive one job to where its inputs leave it; returns (job id, final status)."""
    if kind == "action_items":
        files = [await uploader.upload("notes.md", MEETING_NOTES)]
        workflow = "goal_lane.action_items_extractor"
    elif kind == "resume":
        files = [await uploader.upload("resume.md", RESUME), await uploader.upload("posting.txt", JOB_POSTING)]
        workflow = "goal_lane.resume_tailor"
    elif kind == "report":
        files = [await uploader.upload("notes.md", MEETING_NOTES)]
        workflow = "goal_lane.report_builder"
    else:
        files = [await uploader.upload("notes.pdf", locked_pdf, "application/pdf")]
        workflow = "goal_lane.action_items_extractor"
    job = await driver.call("POST", "/jobs/goal", 201, json={"workflowId": workflow, "fileIds": files})
    job_id, version = job["jobSpecId"], job["itemVersion"]
    if kind == "resume":
        version = (await driver.call("PATCH", f"/jobs/goal/{job_id}/slots", 200, json={
            "itemVersion": version, "slots": [{"slotId": "tone", "value": "confident"},
                                              {"slotId": "length", "value": "one_page"}]}))["itemVersion"]
    await driver.call("POST", f"/jobs/goal/{job_id}/confirm", 202, json={"itemVersion": version})
    answers = {"profile_review": [{"slotId": "confirmed_titles", "value": "Tech Lead"}],
               "outline_review": [{"slotId": "report_title", "value": "Weekly briefing"}]}
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        status = await driver.call("GET", f"/jobs/goal/{job_id}/status", 200)
        if status["status"] in ("completed", "failed"):
            return job_id, status["status"]
        if status["status"] == "slot_needed":
            checkpoint = status["checkpoint"]["checkpointId"]
            if checkpoint not in answers:
                return job_id, f"slot_needed:{checkpoint}"
            version = (await driver.call("PATCH", f"/jobs/goal/{job_id}/slots", 200, json={
                "itemVersion": status["itemVersion"], "slots": answers[checkpoint]}))["itemVersion"]
            await driver.call("POST", f"/jobs/goal/{job_id}/confirm", 202, json={"itemVersion": version})
        await asyncio.sleep(0.5)
    raise AssertionError(f"{kind} job {job_id} still {status} after {DEADLINE_SECONDS} s")


async def _kill_workers_at_random(url: str, workers: list[Role], done: asyncio.Event, rng: random.Random) -> int:
    """kill -9 a worker at a random moment while phases run (mid-phase, or while it is still
    starting), and start it again, KILLS times. Another worker is always up meanwhile.

    The first kill waits for more phases executing than one worker's slots hold, so
    each worker has one mid-phase and that kill is sure to leave a phase to take over."""
    kills = 0
    while kills < KILLS and not done.is_set():
        await asyncio.sleep(rng.uniform(0.3, 1.5) if kills else 0.05)
        executing = (await _sql(url, "SELECT count(*) FROM jobs WHERE status = 'executing'"))[0][0]
        victims = [worker for worker in workers
                   if any(other.worker_ready() for other in workers if other is not worker)]
        if kills == 0 and not all(worker.worker_ready() for worker in workers):
            continue
        if executing <= (WORKER_SLOTS if kills == 0 else 0) or not victims:
            continue
        victim = rng.choice(victims)
        victim.kill()
        victim.start()
        kills += 1
    return kills


@pg_only
async def test_two_apis_and_two_workers_survive_ten_worker_kills(fresh_pg_url: str, tmp_path: Path, ministack):
    data_dir = tmp_path / "admin"
    bucket = {f"CONVILYN_{name.upper()}": value for name, value in ministack.settings(f"topology-{secrets.token_hex(4)}").items()}
    env = {"CONVILYN_DATABASE_URL": fresh_pg_url, **bucket, "CONVILYN_RUN_JOBS": "false",
           "CONVILYN_JWT_SECRET": secrets.token_urlsafe(32), "CONVILYN_SIGNING_SECRET": secrets.token_urlsafe(32),
           "CONVILYN_RATE_LIMITS_ENABLED": "false", "CONVILYN_PHASE_MAX_ATTEMPTS": "25",
           "CONVILYN_WORKER_HEARTBEAT_SECONDS": "1", "CONVILYN_WORKER_STALLED_SECONDS": "4"}
    migrated = run_cli("migrate", data_dir=data_dir, database_url=fresh_pg_url)
    assert migrated.returncode == 0, migrated.stderr
    await _sql(fresh_pg_url, COUNTERS)
    created = run_cli("users", "create", "Scale", "--tier", "pro", "--json", data_dir=data_dir,
                      database_url=fresh_pg_url)
    token = json.loads(created.stdout)["apiKey"]

    def own_dir(name: str) -> dict[str, str]:
        return {**env, "CONVILYN_DATA_DIR": str(tmp_path / name)}

    apis = [Role.serve(own_dir(f"api{i}"), tmp_path / f"api{i}.log") for i in range(2)]
    workers = [Role(["worker", "--concurrency", str(WORKER_SLOTS)], env=own_dir(f"worker{i}"),
                    log=tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        for api in apis:
            api.wait_healthy()
        clients = [Client(api.base_url, token) for api in apis]
        locked_pdf = docs.encrypted_pdf_file(tmp_path, "notes.pdf", MEETING_NOTES).path.read_bytes()
        kinds = ["action_items"] * 16 + ["resume"] * 8 + ["report"] * 8 + ["locked"] * 8
        rng = random.Random(int(time.time()))
        rng.shuffle(kinds)
        done = asyncio.Event()
        killer = asyncio.create_task(_kill_workers_at_random(fresh_pg_url, workers, done, rng))
        started = time.monotonic()
        results = await asyncio.gather(*(
            _run_job(kind, clients[i % 2], clients[(i + 1) % 2], locked_pdf) for i, kind in enumerate(kinds)))
        done.set()
        kills = await killer
        elapsed = time.monotonic() - started

        expected = {"action_items": "completed", "resume": "completed", "report": "slot_needed:draft_review",
                    "locked": "failed"}
        outcomes = Counter(status for _, status in results)
        print(f"\n{len(results)} jobs in {elapsed:.1f} s with {kills} worker kills: {dict(outcomes)}")
        assert [status for _, status in results] == [expected[kind] for kind in kinds]
        assert kills == KILLS

        stuck = await _sql(fresh_pg_url, "SELECT id, status FROM jobs WHERE status IN ('confirming', 'executing')")
        assert stuck == []
        completions = Counter(job_id for job_id, in await _sql(fresh_pg_url, "SELECT job_id FROM test_completions"))
        completed = [job_id for job_id, status in results if status == "completed"]
        assert sorted(completions) == sorted(completed)
        assert set(completions.values()) == {1}, "a job completed twice"
        takeovers = (await _sql(fresh_pg_url, "SELECT count(*) FROM test_takeovers"))[0][0]
        print(f"completions recorded: {sum(completions.values())}; phases taken over from a killed worker: "
              f"{takeovers}")
        assert takeovers >= 1, "no kill landed mid-phase; the test proved nothing about recovery"

        async with httpx.AsyncClient(timeout=30) as plain:
            for index, job_id in enumerate(completed):
                link = await clients[index % 2].call("GET", f"/jobs/goal/{job_id}/download", 200)
                archive = await plain.get(link["url"])
                assert archive.status_code == 200, archive.text
                assert zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
        for client in clients:
            await client.http.aclose()
    finally:
        for role in [*apis, *workers]:
            role.stop()
