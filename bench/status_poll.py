"""Status-poll throughput: GET /jobs/goal/{id}/status against a bare Starlette JSON endpoint.

Both are served the same way (uvicorn, one worker process each, on loopback) in
the same run, and hit by the same async client; the ratio is what auth, rate
limiting and the database read cost per request.

    python bench/status_poll.py [--seconds 5] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from convilyn.demo import free_port

BARE_APP = '''
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def status(request):
    return JSONResponse({"status": "executing", "progress": 45, "currentStep": "generating_output", "itemVersion": 2})

app = Starlette(routes=[Route("/status", status)])
'''


def serve(args: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server on {port} did not start: {process.stderr.read().decode()[-2000:]}")


async def hammer(url: str, headers: dict[str, str], seconds: float, concurrency: int) -> tuple[float, int]:
    done = 0
    errors = 0
    stop = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done, errors
        while time.monotonic() < stop:
            response = await client.get(url)
            if response.status_code == 200:
                done += 1
            else:
                errors += 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=30) as client:
        await client.get(url)  # warm up
        started = time.monotonic()
        await asyncio.gather(*[worker(client) for _ in range(concurrency)])
        elapsed = time.monotonic() - started
    if errors:
        print(f"  ({errors} non-200 responses at {url})", file=sys.stderr)
    return done / elapsed, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="convilyn-bench-"))
    env = {**os.environ, "CONVILYN_DATA_DIR": str(workdir / "data"),
           # Measure the limiter's cost without tripping it: a limit no run reaches.
           "CONVILYN_RATE_LIMITS": json.dumps({"pro": {"status_poll": "100000000/minute"}})}
    user = json.loads(subprocess.check_output(
        [sys.executable, "-m", "convilyn.cli", "users", "create", "bench", "--tier", "pro", "--json"], env=env))
    (workdir / "bare.py").write_text(BARE_APP)

    app_port, bare_port = free_port(), free_port()
    uvicorn = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--log-level", "warning", "--no-access-log"]
    app = serve([*uvicorn, "--factory", "convilyn.app:create_app", "--port", str(app_port)], env, app_port)
    bare = serve([*uvicorn, "--app-dir", str(workdir), "bare:app", "--port", str(bare_port)], env, bare_port)
    try:
        headers = {"Authorization": f"Bearer {user['apiKey']}"}
        base = f"http://127.0.0.1:{app_port}/api/v1"
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            file_id = client.post("/upload", files={"file": ("notes.txt", b"Alice will send the deck by Friday.")}).json()["file_id"]
            job = client.post("/jobs/goal", json={"workflowId": "goal_lane.action_items_extractor",
                                                   "fileIds": [file_id]}).json()
        status_url = f"{base}/jobs/goal/{job['jobSpecId']}/status"
        bare_rps, _ = asyncio.run(hammer(f"http://127.0.0.1:{bare_port}/status", {}, options.seconds, options.concurrency))
        app_rps, _ = asyncio.run(hammer(status_url, headers, options.seconds, options.concurrency))
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=10)
    print(f"bare Starlette JSON endpoint : {bare_rps:8.0f} req/s")
    print(f"Convilyn status poll         : {app_rps:8.0f} req/s  (API key auth + rate limit + SQLite read)")
    print(f"ratio (convilyn / bare)      : {app_rps / bare_rps:8.2f}")


if __name__ == "__main__":
    main()
