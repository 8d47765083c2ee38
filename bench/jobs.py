"""Jobs per second end to end, and the agent runtime's own overhead per job.

Three runs of the same client loop (upload, create, confirm, poll until
completed) against a real server on loopback, all in this process:

1. baseline: a runtime that writes one small file and returns at once, so
   what is measured is the platform alone (HTTP, auth, database, runner, ZIP);
2. no-op plan: the real agent runtime (pydantic-ai loop, built-in model, MCP
   toolsets, outputs) on a spec whose plan calls no tool;
3. ``goal_lane.action_items_extractor`` on the built-in model: real work.

    python bench/jobs.py [--jobs 40] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx
import uvicorn

from convilyn.app import create_app
from convilyn.auth import service as auth
from convilyn.catalog.spec import DestinationSpec
from convilyn.context import build_context
from convilyn.core.settings import Settings
from convilyn.demo import free_port
from convilyn.runtime.phase import Completed

NOTES = b"""Weekly sync, 2026-11-20
Attendees: Alice, Bob, Carol
- We discussed whether to move the launch.
- ACTION: Bob to send the revised deck to the board by 2026-11-27
- [ ] Alice: update the public roadmap (due 2026-12-01)
- Carol will review the Q1 hiring plan by Friday
"""

NOOP_SPEC = {
    "specId": "test.noop",
    "name": "No-op",
    "supportedInputFormats": ["txt"],
    "outputSpecs": [{"filename": "done.md", "format": "md"}],
    "plan": {"steps": [], "outputs": [{"filename": "done.md", "template": "done"}]},
}


class NullRuntime:
    """The platform's baseline: no agent at all."""

    async def run_phase(self, request, progress):
        path = request.workdir / "done.md"
        path.write_text("done")
        return Completed(files=[path])


async def run(label: str, spec_id: str, *, runtime, jobs: int, concurrency: int) -> float:
    data = Path(tempfile.mkdtemp(prefix="convilyn-bench-"))
    port = free_port()
    settings = Settings(data_dir=data, base_url=f"http://127.0.0.1:{port}", rate_limits_enabled=False,
                        runner_concurrency=concurrency)
    ctx = build_context(settings, runtime=runtime)
    ctx.registry.register(DestinationSpec.model_validate(NOOP_SPEC))
    server = uvicorn.Server(uvicorn.Config(create_app(ctx=ctx), host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        async with ctx.db.transaction() as session:
            user = await auth.create_user(session, display_name="bench", tier="pro")
        headers = {"Authorization": f"Bearer {auth.issue_token(settings, user.id)}"}
        async with httpx.AsyncClient(base_url=f"{settings.base_url}/api/v1", headers=headers, timeout=120) as api:

            async def one_job() -> None:
                file_id = (await api.post("/upload", files={"file": ("notes.txt", NOTES)})).json()["file_id"]
                job = (await api.post("/jobs/goal", json={"workflowId": spec_id, "fileIds": [file_id]})).json()
                await api.post(f"/jobs/goal/{job['jobSpecId']}/confirm", json={"itemVersion": job["itemVersion"]})
                while True:
                    status = (await api.get(f"/jobs/goal/{job['jobSpecId']}/status")).json()
                    if status["status"] in ("completed", "failed"):
                        assert status["status"] == "completed", status
                        return
                    await asyncio.sleep(0.005)

            await one_job()  # warm up: imports, connections, first MCP sessions
            gate = asyncio.Semaphore(concurrency)

            async def gated() -> None:
                async with gate:
                    await one_job()

            started = time.perf_counter()
            await asyncio.gather(*[gated() for _ in range(jobs)])
            elapsed = time.perf_counter() - started
    finally:
        server.should_exit = True
        await task
    rate = jobs / elapsed
    print(f"{label:<44} {rate:8.1f} jobs/s  ({elapsed / jobs * 1000:7.1f} ms per job)")
    return rate


async def main(jobs: int, concurrency: int) -> None:
    print(f"{jobs} jobs, {concurrency} at a time, each: upload, create, confirm, poll to completed\n")
    baseline = await run("baseline (platform only, null runtime)", "test.noop", runtime=NullRuntime(),
                         jobs=jobs, concurrency=concurrency)
    noop = await run("agent runtime, no-op plan", "test.noop", runtime=None, jobs=jobs, concurrency=concurrency)
    real = await run("goal_lane.action_items_extractor (builtin)", "goal_lane.action_items_extractor",
                     runtime=None, jobs=jobs, concurrency=concurrency)
    print()
    print(f"runtime overhead per job : {(1 / noop - 1 / baseline) * 1000:7.1f} ms")
    print(f"no-op / baseline         : {noop / baseline:7.2f}")
    print(f"action items / baseline  : {real / baseline:7.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    options = parser.parse_args()
    asyncio.run(main(options.jobs, options.concurrency))
