"""/metrics: Prometheus series counted where things happen, and summed across processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.support import ScriptedRuntime


async def _scrape(live) -> dict[tuple[str, frozenset], float]:
    async with live.client() as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return _samples(response.text)


def _samples(text: str) -> dict[tuple[str, frozenset], float]:
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def _value(samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_requests_are_counted_by_route_template_and_status(server):
    api = await server.user()
    before = await _scrape(server)
    for job_id in ("job_" + "1" * 24, "job_" + "2" * 24):
        assert (await api.request("GET", f"/jobs/goal/{job_id}/status")).status_code == 404
    async with server.client() as client:
        assert (await client.get("/no/such/path/at/all")).status_code == 404
    after = await _scrape(server)

    route = {"method": "GET", "route": "/api/v1/jobs/goal/{jobSpecId}/status", "status": "404"}
    assert _value(after, "convilyn_http_requests_total", **route) - _value(
        before, "convilyn_http_requests_total", **route) == 2, "one series per route template, not per job id"
    unmatched = {"method": "GET", "route": "unmatched", "status": "404"}
    assert _value(after, "convilyn_http_requests_total", **unmatched) >= 1
    assert _value(after, "convilyn_http_request_duration_seconds_count",
                  method="GET", route=route["route"]) >= 2


async def test_phases_by_outcome_and_jobs_waiting_at_a_checkpoint(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    before = await _scrape(live)
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "text")])
    job = await api.fill(job["jobSpecId"], 1, tone="friendly")
    await api.confirm(job["jobSpecId"], job["itemVersion"])
    assert (await api.settle(job["jobSpecId"]))["status"] == "slot_needed"
    after = await _scrape(live)

    for name in ("convilyn_phases_total", "convilyn_phase_duration_seconds_count"):
        assert _value(after, name, outcome="checkpoint") - _value(before, name, outcome="checkpoint") == 1, name
    assert _value(after, "convilyn_jobs_waiting_at_checkpoint") >= 1
    assert ("convilyn_queue_depth", frozenset()) in after
    assert ("convilyn_jobs_executing", frozenset()) in after


async def test_rate_limit_refusals_are_counted_by_group(make_server):
    live = await make_server(rate_limits={"free": {"anonymous": "1/minute"}})
    name, labels = "convilyn_rate_limit_refusals_total", {"group": "anonymous"}
    before = REGISTRY.get_sample_value(name, labels) or 0.0
    async with live.client() as client:
        codes = [(await client.get("/healthz")).status_code for _ in range(3)]
    assert codes == [200, 429, 429]
    assert REGISTRY.get_sample_value(name, labels) - before == 2


def test_processes_sharing_a_multiprocess_dir_are_summed_in_one_scrape(tmp_path):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    count = textwrap.dedent("""
        from convilyn.ops.metrics import PHASES, RATE_LIMIT_FAIL_OPEN
        PHASES.labels("completed").inc(3)
        RATE_LIMIT_FAIL_OPEN.inc()
    """)
    for _ in range(2):  # two processes, each counting on its own
        subprocess.run([sys.executable, "-c", count], env=env, check=True, timeout=120)
    scrape = "import sys; from convilyn.ops.metrics import exposition; sys.stdout.write(exposition().decode())"
    text = subprocess.run([sys.executable, "-c", scrape], env=env, check=True, timeout=120,
                          capture_output=True, text=True).stdout
    samples = _samples(text)
    assert _value(samples, "convilyn_phases_total", outcome="completed") == 6
    assert _value(samples, "convilyn_rate_limit_fail_open_total") == 2
