"""Jobs per second end to end, and the agent runtime's own cost per job.

The server runs in its own process (uvicorn, ``bench/jobs_app.py``); this script
is the client, in another, so the client never shares the server's event loop.
Each workflow is measured on a fresh instance, in two parts:

1. throughput: ``--clients`` clients, each running jobs one after another
   (upload, create, confirm, then poll ``/status`` every ``--poll`` seconds, the
   seed's 2 s by default, until completed), for ``--jobs`` jobs; jobs per second
   over the whole run. At the seed's pace a job takes at least one poll, so
   throughput needs many clients, as in production.
2. cost: ``--cost-jobs`` jobs one at a time; each job's time on the server is
   ``completedAt`` minus the ``updatedAt`` its confirmation returned (the server's
   clock, so the client's poll pace does not enter it). Repeated ``--runs``
   times; the median of each run, then the median of those and their spread.

The workflows: ``test.noop`` on a null runtime (the platform alone: HTTP, auth,
database, runner, ZIP), ``test.noop`` on the agent runtime (pydantic-ai loop,
built-in model, MCP toolsets, outputs; no tool called) and
``goal_lane.action_items_extractor`` on the built-in model (real work). The
runtime's own cost per job is the no-op agent's server time minus the null one's.

    python bench/jobs.py [--clients 32] [--jobs 96] [--poll 2] [--cost-jobs 10] [--runs 3]
                         [--database-url postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from harness import UVICORN, cores, free_port, instance, pinned, server

NOTES = b"""Weekly sync, 2026-11-20
Attendees: Alice, Bob, Carol
- We discussed whether to move the launch.
- ACTION: Bob to send the revised deck to the board by 2026-11-27
- [ ] Alice: update the public roadmap (due 2026-12-01)
- Carol will review the Q1 hiring plan by Friday
"""
BENCH_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Workload:
    label: str
    workflow: str
    runtime: str  # "null" or "agent"


WORKLOADS = (
    Workload("platform only (null runtime)", "test.noop", "null"),
    Workload("agent runtime, no-op plan", "test.noop", "agent"),
    Workload("action_items_extractor, built-in model", "goal_lane.action_items_extractor", "agent"),
)


async def one_job(api: httpx.AsyncClient, workflow: str, poll: float) -> float:
    """Run one job through the API as a client would; its seconds on the server, confirm to completion."""
    upload = await api.post("/upload", files={"file": ("notes.txt", NOTES)})
    job = (await api.post("/jobs/goal", json={"workflowId": workflow,
                                              "fileIds": [upload.json()["file_id"]]})).raise_for_status().json()
    url = f"/jobs/goal/{job['jobSpecId']}"
    confirmed = (await api.post(f"{url}/confirm", json={"itemVersion": job["itemVersion"]})).raise_for_status().json()
    while True:
        await asyncio.sleep(poll)
        status = (await api.get(f"{url}/status")).raise_for_status().json()
        if status["status"] in ("completed", "failed", "slot_needed"):
            break
    if status["status"] != "completed":
        raise RuntimeError(f"job {job['jobSpecId']} ended {status}")
    completed = (await api.get(url)).raise_for_status().json()
    return (datetime.fromisoformat(completed["completedAt"])
            - datetime.fromisoformat(confirmed["updatedAt"])).total_seconds()


async def throughput(api: httpx.AsyncClient, workflow: str, *, jobs: int, clients: int, poll: float) -> float:
    """Jobs per second with ``clients`` clients sharing ``jobs`` jobs."""
    remaining = jobs

    async def client() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await one_job(api, workflow, poll)

    started = time.perf_counter()
    await asyncio.gather(*[client() for _ in range(clients)])
    return jobs / (time.perf_counter() - started)


async def server_times(api: httpx.AsyncClient, workflow: str, *, jobs: int) -> list[float]:
    """Seconds on the server of ``jobs`` jobs run one at a time (polled every 20 ms to start the next soon)."""
    return [await one_job(api, workflow, 0.02) for _ in range(jobs)]


def measure(workload: Workload, options: argparse.Namespace, core: str | None) -> tuple[float, list[float]]:
    with instance(database_url=options.database_url, settings={"CONVILYN_RATE_LIMITS_ENABLED": "false",
                                                               "BENCH_RUNTIME": workload.runtime}) as bench:
        key = bench.cli("users", "create", "bench", "--tier", "pro")["apiKey"]
        port = free_port()
        command = pinned([*UVICORN, "--app-dir", str(BENCH_DIR), "--factory", "jobs_app:create_app",
                          "--port", str(port)], core)
        with server(command, {**bench.env, "CONVILYN_BASE_URL": f"http://127.0.0.1:{port}"}, port):

            async def run() -> tuple[float, list[float]]:
                limits = httpx.Limits(max_connections=options.clients + 4)
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}/api/v1", timeout=300, limits=limits,
                                             headers={"Authorization": f"Bearer {key}"}) as api:
                    await one_job(api, workload.workflow, 0.02)  # warm up: imports, first MCP sessions
                    rate = await throughput(api, workload.workflow, jobs=options.jobs, clients=options.clients,
                                            poll=options.poll)
                    medians = [statistics.median(await server_times(api, workload.workflow, jobs=options.cost_jobs))
                               for _ in range(options.runs)]
                return rate, medians

            return asyncio.run(run())


def spread(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--jobs", type=int, default=96)
    parser.add_argument("--poll", type=float, default=2.0, help="seconds between status polls (the seed says 2)")
    parser.add_argument("--cost-jobs", type=int, default=10, help="jobs per cost run, one at a time")
    parser.add_argument("--runs", type=int, default=3, help="cost runs per workload")
    parser.add_argument("--database-url", help="run on this PostgreSQL server (a throwaway database)")
    options = parser.parse_args()

    server_core, _ = cores()
    print(f"{options.jobs} jobs by {options.clients} clients polling every {options.poll:g} s; cost: "
          f"{options.runs} runs of {options.cost_jobs} jobs one at a time; server "
          f"{'on CPU ' + server_core if server_core else 'not pinned'}, client in this process\n", flush=True)
    results = {}
    for workload in WORKLOADS:
        rate, medians = measure(workload, options, server_core)
        results[workload] = medians
        print(f"{workload.label:<42} {rate:6.2f} jobs/s   server time per job {spread(medians)}", flush=True)
    null, agent = results[WORKLOADS[0]], results[WORKLOADS[1]]
    own = [a - n for a, n in zip(agent, null, strict=True)]
    print(f"\nruntime's own cost per job (no-op agent - null, run by run): {spread(own)}")


if __name__ == "__main__":
    main()
