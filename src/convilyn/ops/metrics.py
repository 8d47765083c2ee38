"""Prometheus metrics: the series an operator watches, and the ``/metrics`` exposition.

On prometheus-client. Counters and histograms are module-level, counted where
things happen (the request middleware below, the rate limiter, the phase
runner). Job counts by state (queue depth, jobs waiting at a checkpoint) are
read from the database at scrape time, so every process reports the same
truth whichever ran the jobs. With ``PROMETHEUS_MULTIPROC_DIR`` set (several
processes on one machine, e.g. uvicorn workers or API + worker), values go to
files in that directory and one scrape of any process sums them all.
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter("convilyn_http_requests_total", "HTTP requests answered, by route template and status.",
                   ["method", "route", "status"])
REQUEST_SECONDS = Histogram("convilyn_http_request_duration_seconds", "Time to answer an HTTP request.",
                            ["method", "route"])
RATE_LIMIT_REFUSALS = Counter("convilyn_rate_limit_refusals_total", "Requests refused with 429, by endpoint group.",
                              ["group"])
RATE_LIMIT_FAIL_OPEN = Counter("convilyn_rate_limit_fail_open_total",
                               "Requests let through uncounted because the rate-limit counters were unreachable.")
PHASES = Counter("convilyn_phases_total", "Job phases finished, by outcome (completed, checkpoint, failed; crashed: retried or given up).",
                 ["outcome"])
PHASE_SECONDS = Histogram("convilyn_phase_duration_seconds", "Time a job phase ran, by outcome.", ["outcome"],
                          buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600))
QUEUE_DEPTH = Gauge("convilyn_queue_depth", "Jobs confirmed and waiting for a runner to take their next phase.",
                    multiprocess_mode="livemostrecent")
EXECUTING = Gauge("convilyn_jobs_executing", "Jobs with a phase running now.", multiprocess_mode="livemostrecent")
AT_CHECKPOINT = Gauge("convilyn_jobs_waiting_at_checkpoint", "Jobs paused at a checkpoint for user input.",
                      multiprocess_mode="livemostrecent")

UNMATCHED = "unmatched"  # the route label of a request no route matched (keeps the label set bounded)


def phase_finished(outcome: str, started: float) -> None:
    """Count one phase and its duration (``started`` from ``time.monotonic()``)."""
    PHASES.labels(outcome).inc()
    PHASE_SECONDS.labels(outcome).observe(time.monotonic() - started)


class RequestMetrics:
    """ASGI middleware: count every HTTP response by method, route template and status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # The labelled series of each (method, route, status) seen: ``labels()`` validates and locks
        # on every call, a tenth of the status poll's own cost. As many entries as the series themselves.
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception that escapes becomes a 500 further out

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            key = (scope["method"], getattr(route, "path", None) or UNMATCHED, status)
            series = self._series.get(key)
            if series is None:
                method, template, _ = key
                series = self._series[key] = (REQUESTS.labels(method, template, str(status)),
                                              REQUEST_SECONDS.labels(method, template))
            series[0].inc()
            series[1].observe(time.perf_counter() - started)


def exposition() -> bytes:
    """The text format of every metric: this process's, or all processes' in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
