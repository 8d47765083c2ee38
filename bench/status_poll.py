"""The status poll (and the other read routes) against a bare Starlette JSON endpoint, under wrk.

The seed tells every client to poll ``GET /jobs/goal/{id}/status`` every 2 s, so it
is the hottest route. Both servers are uvicorn, one process each, started the same
way and pinned to one core; wrk (a C load generator that outruns either server)
runs pinned to another core, so the client is never the bottleneck. Each round
runs the bare endpoint and then every Convilyn route in turn; the ratio to the
bare endpoint *in the same round* is what counts, since the machine's absolute
speed varies with its load. Rate limits are raised out of the way (still counted,
never reached), so the limiter's cost is in the figure. On a machine shared with
other work, the server may not get its whole core; the last columns divide the
requests by the CPU time the server process actually used, a steadier figure.

    python bench/status_poll.py [--rounds 5] [--seconds 5] [--connections 64]
                                [--routes status,job,catalog,workflows]
                                [--database-url postgresql://postgres@127.0.0.1:5432/postgres]

wrk comes from the distribution (Debian: ``apt-get install wrk``); the script
installs it when it runs as root with apt-get, and otherwise says how.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from harness import UVICORN, cores, free_port, instance, pinned, server

BARE_APP = '''
import contextlib
import gc

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def status(request):
    return JSONResponse({"status": "executing", "progress": 45, "currentStep": "generating_output", "itemVersion": 2})

@contextlib.asynccontextmanager
async def lifespan(app):
    gc.freeze()  # as Convilyn's app does once it has started
    yield

app = Starlette(routes=[Route("/status", status)], lifespan=lifespan)
'''

# Limits no run reaches, so every request is still counted by the limiter.
UNREACHED = "1000000000/minute"
ROUTES = {
    "status": "GET /jobs/goal/{id}/status",
    "job": "GET /jobs/goal/{id}",
    "jobs": "GET /jobs/goal",
    "workflows": "GET /user_workflows",
    "catalog": "GET /workflows/catalog",
}


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failures: int
    requests: int = 0
    server_cpu_seconds: float = 0.0

    @property
    def per_cpu_second(self) -> float:
        """Requests per second of the server's own CPU time: steadier than req/s on a shared machine."""
        return self.requests / self.server_cpu_seconds if self.server_cpu_seconds else 0.0


def find_wrk() -> str:
    """The wrk binary; installed from the distribution when possible, else exit saying how."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk not found: installing it with apt-get (Debian package `wrk`)...", file=sys.stderr)
        install = ["apt-get", "-o", "DPkg::Lock::Timeout=120", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL)
            subprocess.run(install, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
        if found:
            return found
    sys.exit("This bench needs wrk, a C HTTP load generator: `sudo apt-get install wrk` (Debian/Ubuntu), "
             "`brew install wrk` (macOS), or build it from its sources; then run the bench again.")


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> Load:
    """Requests/s, p50, p99 and failed responses (socket errors, non-2xx) from ``wrk --latency``."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    failures = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if errors:
        failures += sum(int(n) for n in errors.groups())
    return Load(rate, p50, p99, failures, requests)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its threads, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(binary: str, url: str, *, headers: dict[str, str], seconds: int, connections: int,
        core: str | None, server_pid: int = 0) -> Load:
    command = [binary, "--latency", "-t", "1", "-c", str(connections), "-d", f"{seconds:d}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    cpu_before = cpu_seconds(server_pid)
    output = subprocess.run(pinned([*command, url], core), capture_output=True, text=True, check=True).stdout
    load = parse_wrk(output)
    return replace(load, server_cpu_seconds=cpu_seconds(server_pid) - cpu_before)


def prepare(base: str, api_key: str, routes: list[str]) -> dict[str, str]:
    """A job to poll, and the URL of each route to measure."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {api_key}"}, timeout=30) as client:
        file_id = client.post("/upload", files={"file": ("notes.txt", b"Alice will send the deck by Friday.")}
                              ).raise_for_status().json()["file_id"]
        job = client.post("/jobs/goal", json={"workflowId": "goal_lane.action_items_extractor",
                                              "fileIds": [file_id]}).raise_for_status().json()
        paths = {"status": f"/jobs/goal/{job['jobSpecId']}/status", "job": f"/jobs/goal/{job['jobSpecId']}",
                 "jobs": "/jobs/goal", "workflows": "/user_workflows", "catalog": "/workflows/catalog"}
        urls = {}
        for route in routes:
            response = client.get(paths[route])
            if response.status_code != 200:
                sys.exit(f"{ROUTES[route]} answered {response.status_code} on this server: {response.text[:200]}")
            urls[route] = base + paths[route]
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per endpoint per round")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--routes", default="status", help=f"comma-separated, of: {', '.join(ROUTES)}")
    parser.add_argument("--database-url", help="run Convilyn on this PostgreSQL server (a throwaway database)")
    options = parser.parse_args()
    routes = [route.strip() for route in options.routes.split(",") if route.strip()]
    if unknown := set(routes) - set(ROUTES):
        parser.error(f"unknown routes: {', '.join(sorted(unknown))}")

    binary = find_wrk()
    server_core, client_core = cores()
    limits = {tier: {group: UNREACHED for group in ("status_poll", "read")} for tier in ("free", "pro")}
    with instance(database_url=options.database_url,
                  settings={"CONVILYN_RATE_LIMITS": json.dumps(limits)}) as bench:
        user = bench.cli("users", "create", "bench", "--tier", "pro")
        (bench.workdir / "bare.py").write_text(BARE_APP)
        app_port, bare_port = free_port(), free_port()
        bare_command = pinned([*UVICORN, "--app-dir", str(bench.workdir), "bare:app", "--port", str(bare_port)],
                              server_core)
        with bench.convilyn_server(app_port, server_core) as app, server(bare_command, bench.env, bare_port) as bare:
            urls = prepare(f"http://127.0.0.1:{app_port}/api/v1", user["apiKey"], routes)
            describe(options, server_core, client_core, binary)
            bearer = {"Authorization": f"Bearer {user['apiKey']}"}
            targets = [("bare", f"http://127.0.0.1:{bare_port}/status", {}, bare.pid)]
            targets += [(route, urls[route], bearer, app.pid) for route in routes]
            for _, url, headers, _ in targets:  # warm up: imports, caches, connections
                wrk(binary, url, headers=headers, seconds=1, connections=options.connections, core=client_core)
            results: dict[str, list[Load]] = {name: [] for name, *_ in targets}
            for number in range(1, options.rounds + 1):
                line = [f"round {number}:"]
                for name, url, headers, pid in targets:
                    load = wrk(binary, url, headers=headers, seconds=options.seconds,
                               connections=options.connections, core=client_core, server_pid=pid)
                    if load.failures:
                        sys.exit(f"{name}: {load.failures} failed responses; the figures would be meaningless")
                    results[name].append(load)
                    ratio = "" if name == "bare" else f" ({load.requests_per_second / results['bare'][-1].requests_per_second:.3f})"
                    line.append(f"{name} {load.requests_per_second:,.0f} req/s{ratio}")
                print("  ".join(line), flush=True)
    report(results, routes, database="PostgreSQL" if options.database_url else "SQLite (embedded default)")


def describe(options: argparse.Namespace, server_core: str | None, client_core: str | None, binary: str) -> None:
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    pinning = f"servers on CPU {server_core}, wrk on CPU {client_core}" if server_core else "not pinned (one core)"
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{version.strip()}; {options.connections} connections, {options.seconds:g} s per endpoint, "
          f"{options.rounds} rounds; {pinning}; load average {load}", flush=True)


def report(results: dict[str, list], routes: list[str], *, database: str) -> None:
    bare = results["bare"]
    print(f"\nConvilyn on {database}; median over rounds (ratio: to the bare endpoint of the same round)\n")
    print("| endpoint | req/s | p50 ms | p99 ms | ratio | req per server CPU-s | CPU ratio |\n"
          "| --- | --- | --- | --- | --- | --- | --- |")
    for name in ["bare", *routes]:
        loads = results[name]
        ratios = [load.requests_per_second / base.requests_per_second for load, base in zip(loads, bare, strict=True)]
        label = "bare Starlette JSON endpoint" if name == "bare" else ROUTES[name]
        ratio = "1" if name == "bare" else f"**{statistics.median(ratios):.3f}** ({min(ratios):.3f}-{max(ratios):.3f})"
        cpu_ratios = [load.per_cpu_second / base.per_cpu_second for load, base in zip(loads, bare, strict=True)
                      if base.per_cpu_second]
        cpu_ratio = f"{statistics.median(cpu_ratios):.3f}" if cpu_ratios else "n/a"
        print(f"| {label} | {statistics.median(load.requests_per_second for load in loads):,.0f} "
              f"| {statistics.median(load.p50_ms for load in loads):.1f} | {statistics.median(load.p99_ms for load in loads):.1f} "
              f"| {ratio} | {statistics.median(load.per_cpu_second for load in loads):,.0f} | {cpu_ratio} |")


if __name__ == "__main__":
    main()
