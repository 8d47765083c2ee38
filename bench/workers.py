"""Jobs per second on PostgreSQL with 1 and 2 ``convilyn worker`` processes, and the
time from a worker's ``kill -9`` to its phase being taken over by another.

Every role is a real process (``convilyn serve`` with ``CONVILYN_RUN_JOBS=false``,
``convilyn worker``), on a fresh database made for the run and dropped after.
The same run measures its baseline: the embedded default (one ``convilyn serve``
on SQLite with its in-process runner). The client (upload, create, confirm, poll
until completed; ``goal_lane.action_items_extractor`` on the built-in model) runs
in this process, outside every server.

    python bench/workers.py [--pg postgresql://postgres@127.0.0.1:5432/postgres]
                            [--jobs 40] [--concurrency 12] [--kills 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg
from sqlalchemy.engine import make_url

from convilyn.demo import free_port

CONVILYN = str(Path(sys.executable).parent / "convilyn")
SLOTS = 4  # each worker's --concurrency
NOTES = """Weekly sync, 2026-11-20
Attendees: Alice, Bob, Carol
- ACTION: Bob to send the revised deck to the board by 2026-11-27
- [ ] Alice: update the public roadmap (due 2026-12-01)
- Carol will review the Q1 hiring plan by Friday
"""


class Process:
    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args, self.env, self.log = args, env, log
        self.start()

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen([CONVILYN, *self.args], env={**os.environ, **self.env}, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    def ready_lines(self) -> int:
        return sum(line.startswith("worker ") for line in self.log.read_text(errors="replace").splitlines())

    def kill(self) -> None:
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(check, what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up in {timeout} s")


def cli(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([CONVILYN, *args], env={**os.environ, **env}, capture_output=True, text=True, check=True)
    return done.stdout


async def one_job(client: httpx.AsyncClient) -> None:
    upload = await client.post("/upload", files={"file": ("notes.md", NOTES.encode(), "text/markdown")})
    job = (await client.post("/jobs/goal", json={"workflowId": "goal_lane.action_items_extractor",
                                                 "fileIds": [upload.json()["file_id"]]})).json()
    await client.post(f"/jobs/goal/{job['jobSpecId']}/confirm", json={"itemVersion": job["itemVersion"]})
    while True:
        status = (await client.get(f"/jobs/goal/{job['jobSpecId']}/status")).json()["status"]
        if status in ("completed", "failed", "slot_needed"):
            assert status == "completed", status
            return
        await asyncio.sleep(0.05)


async def throughput(base_url: str, key: str, *, jobs: int, concurrency: int) -> float:
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=f"{base_url}/api/v1", headers={"Authorization": f"Bearer {key}"},
                                 timeout=120) as client:
        async def bounded() -> None:
            async with limit:
                await one_job(client)

        await asyncio.gather(*(bounded() for _ in range(concurrency)))  # warm-up: imports, first connections
        started = time.perf_counter()
        await asyncio.gather(*(bounded() for _ in range(jobs)))
        return jobs / (time.perf_counter() - started)


def topology(env: dict[str, str], folder: Path, workers: int) -> tuple[Process, list[Process], str]:
    port = free_port()
    api = Process(["serve", "--port", str(port)], {**env, "CONVILYN_BASE_URL": f"http://127.0.0.1:{port}"},
                  folder / "api.log")
    pool = [Process(["worker", "--concurrency", str(SLOTS)], env, folder / f"of{workers}-worker{i}.log")
            for i in range(workers)]
    base_url = f"http://127.0.0.1:{port}"
    wait_for(lambda: httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200, "convilyn serve")
    for worker in pool:
        wait_for(lambda w=worker: w.ready_lines() >= 1, "convilyn worker")
    return api, pool, base_url


def executing(conninfo: str) -> dict[str, str]:
    with psycopg.connect(conninfo) as conn:
        return dict(conn.execute("SELECT id, claim FROM jobs WHERE status = 'executing'").fetchall())


def taken_over(conninfo: str, held: dict[str, str]) -> dict[str, float]:
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute("SELECT id, claim, extract(epoch FROM phase_started_at) FROM jobs WHERE id = ANY(%s)",
                            [list(held)]).fetchall()
    return {job_id: started for job_id, claim, started in rows if claim != held[job_id]}


async def kill_to_retry(base_url: str, key: str, pool: list[Process], conninfo: str, kills: int) -> list[float]:
    """Keep the workers busy, kill -9 one while it holds phases, time until another takes them over."""
    seconds: list[float] = []
    async with httpx.AsyncClient(base_url=f"{base_url}/api/v1", headers={"Authorization": f"Bearer {key}"},
                                 timeout=120) as client:
        load = asyncio.gather(*(one_job(client) for _ in range(40 * kills)))
        try:
            for round_ in range(kills):
                victim = pool[round_ % len(pool)]
                held: dict[str, str] = {}
                # More phases executing than one worker's slots: the victim surely holds one.
                while len(held) <= SLOTS:
                    await asyncio.sleep(0.1)
                    held = executing(conninfo)
                killed_at = time.time()
                victim.kill()
                deadline = time.monotonic() + 120
                retried: dict[str, float] = {}
                while time.monotonic() < deadline:
                    with psycopg.connect(conninfo) as conn:
                        done = {row[0] for row in conn.execute(
                            "SELECT id FROM jobs WHERE id = ANY(%s) AND status <> 'executing'", [list(held)])}
                    retried = taken_over(conninfo, held)
                    if set(retried) | done >= set(held) and retried:
                        break
                    await asyncio.sleep(0.1)
                if retried:
                    seconds.append(max(float(started) - killed_at for started in retried.values()))
                victim.start()
                starts = round_ // len(pool) + 2
                wait_for(lambda v=victim, n=starts: v.ready_lines() >= n, "restarted worker")
        finally:
            await load
    return seconds


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", default=os.environ.get("CONVILYN_TEST_DATABASE_URL",
                                                       "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=12)
    parser.add_argument("--kills", type=int, default=3)
    options = parser.parse_args()

    base = make_url(options.pg)
    name = f"convilyn_bench_{secrets.token_hex(4)}"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    conninfo = base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="convilyn-bench-"))
    common = {"CONVILYN_JWT_SECRET": secrets.token_urlsafe(32), "CONVILYN_SIGNING_SECRET": secrets.token_urlsafe(32),
              "CONVILYN_RATE_LIMITS_ENABLED": "false", "CONVILYN_RUNNER_CONCURRENCY": "4"}
    results: list[tuple[str, float]] = []
    retry: list[float] = []
    try:
        sqlite_env = {**common, "CONVILYN_DATA_DIR": str(folder / "sqlite")}
        key = json.loads(cli("users", "create", "Bench", "--tier", "pro", "--json", env=sqlite_env))["apiKey"]
        api, _, base_url = topology(sqlite_env, folder / "sqlite", 0)
        try:
            results.append(("baseline: one serve, SQLite, in-process runner",
                            await throughput(base_url, key, jobs=options.jobs, concurrency=options.concurrency)))
        finally:
            api.stop()

        pg_env = {**common, "CONVILYN_DATA_DIR": str(folder / "pg"), "CONVILYN_DATABASE_URL": conninfo,
                  "CONVILYN_RUN_JOBS": "false"}
        key = json.loads(cli("users", "create", "Bench", "--tier", "pro", "--json", env=pg_env))["apiKey"]
        for workers in (1, 2):
            api, pool, base_url = topology(pg_env, folder / "pg", workers)
            try:
                results.append((f"PostgreSQL: one serve (HTTP only) + {workers} worker(s)",
                                await throughput(base_url, key, jobs=options.jobs, concurrency=options.concurrency)))
                if workers == 2:
                    retry = await kill_to_retry(base_url, key, pool, conninfo, options.kills)
            finally:
                for process in [api, *pool]:
                    process.stop()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    baseline = results[0][1]
    print(f"\n{options.jobs} jobs, {options.concurrency} clients at a time, "
          "goal_lane.action_items_extractor (built-in model)\n")
    print("| run | jobs/s | vs baseline |\n| --- | --- | --- |")
    for label, rate in results:
        print(f"| {label} | {rate:.1f} | {rate / baseline:.2f} |")
    if retry:
        print(f"\nkill -9 to retry ({len(retry)} kills): median {statistics.median(retry):.1f} s, "
              f"max {max(retry):.1f} s (baseline before workers: the 11-minute watchdog)")


if __name__ == "__main__":
    asyncio.run(main())
