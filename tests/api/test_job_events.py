"""GET /jobs/goal/{id}/events: Server-Sent Events from a stored log, replayed after Last-Event-ID, then live."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from convilyn.demo import free_port
from tests.support import JOB_POSTING, RESUME, ScriptedRuntime

CONVILYN = str(Path(sys.executable).parent / "convilyn")


async def read_events(response: httpx.Response, *, until: set[str] | None = None, count: int | None = None):
    """Parse SSE frames from a streamed response; stop after an event type in ``until`` or ``count`` events.
    Called again on the same response, it carries on where it stopped."""
    lines = getattr(response, "sse_lines", None)
    if lines is None:
        lines = response.sse_lines = response.aiter_lines()
    events, frame = [], {}
    async for line in lines:
        if line == "":
            if "event" in frame:
                events.append({"id": int(frame["id"]), "event": frame["event"], "data": json.loads(frame["data"])})
                if (until and frame["event"] in until) or (count and len(events) >= count):
                    return events
            frame = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        frame[name] = value.removeprefix(" ")
    return events


async def test_events_replay_then_follow_a_job_to_its_end(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "text")])
    job_id = job["jobSpecId"]
    async with api.client() as client, client.stream("GET", f"/api/v1/jobs/goal/{job_id}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        await api.fill(job_id, 1, tone="friendly")
        await api.confirm(job_id, 2)
        first = await read_events(response, until={"checkpoint"})
    assert [e["id"] for e in first] == list(range(1, len(first) + 1)), "every event once, in order"
    assert [e["event"] for e in first[:4]] == ["status", "status", "status", "status"]
    assert [e["data"]["status"] for e in first[:4]] == ["pending", "pending", "confirming", "executing"]
    assert "progress" in {e["event"] for e in first}
    checkpoint = first[-1]["data"]
    assert checkpoint["status"] == "slot_needed" and checkpoint["checkpoint"]["checkpointId"] == "outline_review"

    # Resume after the checkpoint event: nothing before it is sent again.
    headers = {"Last-Event-ID": str(first[-1]["id"])}
    async with api.client() as client, client.stream("GET", f"/api/v1/jobs/goal/{job_id}/events",
                                                     headers=headers) as response:
        await api.fill(job_id, checkpoint["itemVersion"], outline_notes="fine")
        await api.confirm(job_id, checkpoint["itemVersion"] + 1)
        second = await read_events(response, until={"checkpoint"})
        status = await api.settle(job_id)
        await api.fill(job_id, status["itemVersion"], approved=True)
        await api.confirm(job_id, status["itemVersion"] + 1)
        rest = await read_events(response, until={"completed"})
    ids = [e["id"] for e in first + second + rest]
    assert ids == list(range(1, len(ids) + 1))
    assert rest[-1]["event"] == "completed" and rest[-1]["data"]["outputFiles"] == ["result.md"]

    # A finished job's stream replays the log and ends.
    async with api.client() as client:
        replay = await client.get(f"/api/v1/jobs/goal/{job_id}/events", headers={"Last-Event-ID": str(ids[-3])})
    assert [int(line[4:]) for line in replay.text.splitlines() if line.startswith("id: ")] == ids[-2:]


def _ids(text: str) -> list[int]:
    return [int(line[4:]) for line in text.splitlines() if line.startswith("id: ")]


async def test_a_first_connection_starts_where_the_job_stands_and_last_event_id_0_replays_it_all(make_server):
    """A browser's EventSource cannot send Last-Event-ID on its first connection: it gets the latest event."""
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "text")]))["jobSpecId"]
    await api.confirm(job_id, 1)
    assert (await api.settle(job_id))["status"] == "completed"
    async with api.client() as client:
        fresh = await client.get(f"/api/v1/jobs/goal/{job_id}/events")
        whole = await client.get(f"/api/v1/jobs/goal/{job_id}/events", headers={"Last-Event-ID": "0"})
    last = _ids(whole.text)[-1]
    assert _ids(whole.text) == list(range(1, last + 1)) and last > 3
    assert _ids(fresh.text) == [last] and "event: completed" in fresh.text


async def test_an_end_committed_while_the_stream_reads_is_still_sent(make_server, monkeypatch):
    """The job ends between the stream's reads of its log and of its status (PostgreSQL's read committed
    lets each statement see a newer state): the final event is sent all the same, then the stream ends."""
    from datetime import timedelta

    from convilyn.jobs import events, service

    live = await make_server()
    api = await live.user()
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "text")]))["jobSpecId"]
    real_read_after = events.read_after
    ended = False

    async def read_then_cancel(session, job, after, **kwargs):
        nonlocal ended
        batch = await real_read_after(session, job, after, **kwargs)
        if job == job_id and not batch and not ended:  # caught up with the log: the job ends right now
            ended = True
            async with live.ctx.db.transaction() as writer:
                await service.cancel_job(writer, owner_id=api.user_id, job_id=job_id, item_version=1,
                                         keep_files_for=timedelta(hours=1))
        return batch

    monkeypatch.setattr(events, "read_after", read_then_cancel)
    async with api.client() as client:
        response = await asyncio.wait_for(client.get(f"/api/v1/jobs/goal/{job_id}/events"), 30)
    assert ended and _ids(response.text) == [1, 2] and "event: cancelled" in response.text


async def test_cancel_and_failure_end_the_stream(make_server):
    live = await make_server(runtime=ScriptedRuntime(fail="the document is empty"))
    api = await live.user()
    failing = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    await api.confirm(failing["jobSpecId"], 1)
    await api.settle(failing["jobSpecId"])
    pending = await api.create_job("test.simple", [await api.upload("b.txt", "text")])
    await api.request("POST", f"/jobs/goal/{pending['jobSpecId']}/cancel", json={"itemVersion": 1})
    async with api.client() as client:
        failed = await client.get(f"/api/v1/jobs/goal/{failing['jobSpecId']}/events")
        cancelled = await client.get(f"/api/v1/jobs/goal/{pending['jobSpecId']}/events")
    assert "event: failed" in failed.text and "the document is empty" in failed.text
    assert cancelled.text.rstrip().splitlines()[-3:-1] == ["id: 2", "event: cancelled"]


async def test_events_are_the_owners_and_last_event_id_is_checked(server):
    api, other = await server.user(), await server.user()
    job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    hidden = await other.request("GET", f"/jobs/goal/{job['jobSpecId']}/events")
    assert hidden.status_code == 404
    bad = await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/events", headers={"Last-Event-ID": "soon"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "Last-Event-ID"


async def test_status_carries_a_poll_hint_while_the_job_runs(make_server):
    from tests.api.test_job_list_cancel import GatedRuntime

    runtime = GatedRuntime()
    live = await make_server(runtime=runtime)
    api = await live.user()
    job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    pending = await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/status")
    assert "Retry-After" not in pending.headers
    await api.confirm(job["jobSpecId"], 1)
    await asyncio.wait_for(runtime.started.wait(), 10)
    running = await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/status")
    assert running.json()["status"] == "executing" and running.headers["Retry-After"] == "2"
    runtime.go.set()
    done = await api.settle(job["jobSpecId"])
    assert done["status"] == "completed"


class ServeProcess:
    """``convilyn serve`` in its own process, on the test database."""

    def __init__(self, data_dir: Path, database_url: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "CONVILYN_DATA_DIR": str(data_dir), "CONVILYN_DATABASE_URL": database_url,
               "CONVILYN_BASE_URL": self.base_url}
        # Logs go to a file: a pipe nobody reads would fill up and stall the server.
        self.log = data_dir.parent / f"serve-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen([CONVILYN, "serve", "--port", str(self.port)], env=env,
                                            stdout=log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            for _ in range(720):  # a loaded machine imports slowly
                if self.process.poll() is not None:
                    raise AssertionError(self.log.read_text())
                try:
                    await client.get("/healthz")  # any answer: it is serving (anonymous polls are rate limited)
                    return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.25)
        raise AssertionError(f"convilyn serve did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.mark.skipif(not os.environ.get("CONVILYN_TEST_DATABASE_URL"), reason="two API processes share PostgreSQL")
async def test_a_client_reconnecting_to_another_process_gets_every_event_once_in_order(server, tmp_path):
    """Process A runs the job's first phase and B the second; the client follows A, drops the stream, and
    resumes on B with Last-Event-ID: the missed events are replayed, then B's own and A's come live."""
    data_dir = tmp_path / "shared"  # both processes see the same uploaded files
    a, b = ServeProcess(data_dir, server.ctx.settings.resolved_database_url), None
    try:
        b = ServeProcess(data_dir, server.ctx.settings.resolved_database_url)
        await asyncio.gather(a.ready(), b.ready())
        user = await server.user()
        headers = {"Authorization": f"Bearer {user.api_key}"}
        on_a = httpx.AsyncClient(base_url=a.base_url, headers=headers, timeout=60)
        on_b = httpx.AsyncClient(base_url=b.base_url, headers=headers, timeout=60)
        async with on_a, on_b:
            ids = []
            for name, text in (("resume.md", RESUME), ("posting.txt", JOB_POSTING)):
                uploaded = await on_a.post("/api/v1/upload", files={"file": (name, text.encode(), "text/plain")})
                ids.append(uploaded.json()["file_id"])
            job = (await on_a.post("/api/v1/jobs/goal", json={"workflowId": "goal_lane.resume_tailor",
                                                              "fileIds": ids})).json()
            job_id = job["jobSpecId"]
            slots = [{"slotId": "tone", "value": "friendly"}, {"slotId": "length", "value": "one_page"}]
            filled = await on_a.patch(f"/api/v1/jobs/goal/{job_id}/slots", json={"itemVersion": 1, "slots": slots})
            assert filled.status_code == 200, filled.text
            events_path = f"/api/v1/jobs/goal/{job_id}/events"
            async with on_b.stream("GET", events_path, headers={"Last-Event-ID": "0"}) as stream:
                # B's stream sees A's runner live: the confirm goes to A, so A runs the phase.
                confirmed = await on_a.post(f"/api/v1/jobs/goal/{job_id}/confirm", json={"itemVersion": 2})
                assert confirmed.status_code == 202, confirmed.text
                seen = await read_events(stream, count=3)
            # Dropped. The phase goes on without the client, to the checkpoint.
            for _ in range(600):
                status = (await on_a.get(f"/api/v1/jobs/goal/{job_id}/status")).json()
                if status["status"] in ("slot_needed", "failed", "completed"):
                    break
                await asyncio.sleep(0.1)
            assert status["status"] == "slot_needed", status
            async with on_a.stream("GET", events_path, headers={"Last-Event-ID": str(seen[-1]["id"])}) as stream:
                replayed = await read_events(stream, until={"checkpoint"})
                assert replayed[0]["id"] == seen[-1]["id"] + 1, "replay starts right after the last event seen"
                # B runs the next phase; A's stream follows it live through PostgreSQL NOTIFY.
                version = status["itemVersion"]
                slot = status["checkpoint"]["slots"][0]["slotId"]
                filled = await on_b.patch(f"/api/v1/jobs/goal/{job_id}/slots",
                                          json={"itemVersion": version, "slots": [{"slotId": slot, "value": "Lead"}]})
                assert filled.status_code == 200, filled.text
                confirmed = await on_b.post(f"/api/v1/jobs/goal/{job_id}/confirm", json={"itemVersion": version + 1})
                assert confirmed.status_code == 202, confirmed.text
                rest = await asyncio.wait_for(read_events(stream, until={"completed", "failed"}), 120)
    finally:
        a.stop()
        if b is not None:
            b.stop()
    got = seen + replayed + rest
    assert [e["id"] for e in got] == list(range(1, len(got) + 1)), "every event exactly once, in order"
    assert got[-1]["event"] == "completed", got[-1]
    async with server.ctx.db.read() as session:
        from convilyn.jobs.events import read_after

        stored = await read_after(session, job_id, 0)
    assert [(e.seq, e.type) for e in stored] == [(e["id"], e["event"]) for e in got]
