"""Retries and backoff against a loopback server that answers 429, 503 or hangs up on purpose."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import convilyn_sdk._base_client as pipeline
from convilyn_sdk import (
    APIConnectionError,
    AsyncConvilyn,
    Convilyn,
    InvalidTransition,
    NotFoundError,
    RateLimited,
    ServiceUnavailable,
    UnprocessableEntityError,
    VersionConflict,
)

JOB = {"jobSpecId": "job_" + "a" * 24, "workflowId": "test.simple", "status": "pending", "progress": 0,
       "itemVersion": 1, "slots": [], "fileIds": [], "createdAt": "2026-12-01T10:00:00Z",
       "updatedAt": "2026-12-01T10:00:00Z"}


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    hang_up: bool = False


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


class ScriptedServer:
    """Answers each request with the next scripted reply (the last one repeats), and records it."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.seen: list[Seen] = []
        script = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                script.seen.append(Seen(self.command, self.path, dict(self.headers), time.monotonic()))
                reply = script.replies.pop(0) if len(script.replies) > 1 else script.replies[0]
                if reply.hang_up:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                payload = json.dumps(reply.body if reply.body is not None else JOB).encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_DELETE = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def script(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.seen.clear()


@pytest.fixture(scope="module")
def loopback() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def envelope(code: str, message: str = "refused", **details: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details}


@pytest.fixture(params=["sync", "async"])
def call(request, loopback):
    """``await call(lambda client: client.jobs.get(...), **client_options)`` with either client."""

    async def run(operation, **options):
        options.setdefault("max_retries", 2)
        if request.param == "sync":
            import asyncio

            def blocking():
                with Convilyn(api_key="cvl_test", base_url=loopback.base_url, **options) as client:
                    return operation(client)
            return await asyncio.to_thread(blocking)
        async with AsyncConvilyn(api_key="cvl_test", base_url=loopback.base_url, **options) as client:
            return await operation(client)

    return run


@pytest.fixture
def no_backoff_sleep(monkeypatch):
    """Record the backoff delays the pipeline asks for, without sleeping them."""
    asked: list[float] = []

    def fake_backoff(*args: Any, **kwargs: Any) -> float | None:
        delay = real(*args, **kwargs)
        if delay is not None:
            asked.append(delay)
            return 0.0
        return None

    real = pipeline.BaseClient._retry_delay
    monkeypatch.setattr(pipeline.BaseClient, "_retry_delay", fake_backoff)
    return asked


async def test_429_waits_for_retry_after_then_succeeds(loopback, call):
    loopback.script(Reply(429, envelope("RATE_LIMITED"), {"Retry-After": "1"}), Reply(200))
    job = await call(lambda c: c.jobs.get(JOB["jobSpecId"]))
    assert job.job_spec_id == JOB["jobSpecId"]
    assert len(loopback.seen) == 2
    assert loopback.seen[1].at - loopback.seen[0].at >= 0.95, "Retry-After: 1 is honoured"


async def test_503_and_dropped_connections_back_off_exponentially_with_jitter(loopback, call, no_backoff_sleep):
    loopback.script(Reply(503, envelope("SERVICE_UNAVAILABLE")), Reply(hang_up=True), Reply(502, "bad gateway"),
                    Reply(200))
    job = await call(lambda c: c.jobs.status(JOB["jobSpecId"]), max_retries=3)
    assert job.status == "pending" and len(loopback.seen) == 4
    first, second, third = no_backoff_sleep
    assert 0.375 <= first <= 0.5 and 0.75 <= second <= 1.0 and 1.5 <= third <= 2.0


async def test_retries_stop_after_max_retries_with_the_typed_error(loopback, call, no_backoff_sleep):
    loopback.script(Reply(503, envelope("SERVICE_UNAVAILABLE", "busy")))
    with pytest.raises(ServiceUnavailable) as exc:
        await call(lambda c: c.jobs.get(JOB["jobSpecId"]), max_retries=2)
    assert len(loopback.seen) == 3 and exc.value.message == "busy"

    loopback.script(Reply(503, envelope("SERVICE_UNAVAILABLE")))
    with pytest.raises(ServiceUnavailable):
        await call(lambda c: c.jobs.get(JOB["jobSpecId"]), max_retries=0)
    assert len(loopback.seen) == 1


@pytest.mark.parametrize(("status", "code", "error"), [
    (400, "INVALID_TRANSITION", InvalidTransition),
    (404, "JOB_NOT_FOUND", NotFoundError),
    (409, "VERSION_CONFLICT", VersionConflict),
    (422, "VALIDATION_ERROR", UnprocessableEntityError),
])
async def test_other_4xx_are_never_retried(loopback, call, status, code, error):
    loopback.script(Reply(status, envelope(code, currentItemVersion=7)), Reply(200))
    with pytest.raises(error) as exc:
        await call(lambda c: c.jobs.confirm(JOB["jobSpecId"], item_version=1))
    assert len(loopback.seen) == 1 and exc.value.code == code


async def test_a_retry_reuses_the_idempotency_key_and_a_new_call_gets_a_new_one(loopback, call, no_backoff_sleep):
    loopback.script(Reply(503, envelope("SERVICE_UNAVAILABLE")), Reply(hang_up=True), Reply(201))
    await call(lambda c: c.jobs.create("test.simple", ["file_" + "b" * 24]))
    keys = [seen.headers.get("Idempotency-Key") for seen in loopback.seen]
    assert len(keys) == 3 and keys[0] and len(set(keys)) == 1

    loopback.script(Reply(201))
    await call(lambda c: c.jobs.create("test.simple", ["file_" + "b" * 24]))
    assert loopback.seen[0].headers["Idempotency-Key"] not in keys


async def test_posts_without_an_idempotency_key_are_not_replayed_after_a_5xx(loopback, call, no_backoff_sleep):
    loopback.script(Reply(503, envelope("SERVICE_UNAVAILABLE")), Reply(200, {"liked": True, "likeCount": 1}))
    with pytest.raises(ServiceUnavailable):
        await call(lambda c: c.community.like("uw_" + "c" * 24))
    assert len(loopback.seen) == 1, "a toggle sent twice would undo itself"

    loopback.script(Reply(429, envelope("RATE_LIMITED"), {"Retry-After": "0"}),
                    Reply(200, {"liked": True, "likeCount": 1}))
    state = await call(lambda c: c.community.like("uw_" + "c" * 24))
    assert state.liked and len(loopback.seen) == 2, "a 429 did nothing, so it is retried"


async def test_a_long_retry_after_is_raised_at_once_with_its_value(loopback, call):
    loopback.script(Reply(429, envelope("RATE_LIMITED", "10 job creations per day"), {"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as exc:
        await call(lambda c: c.jobs.create("test.simple", []))
    assert exc.value.retry_after == 3600 and len(loopback.seen) == 1


async def test_an_unreachable_server_is_a_connection_error_after_retries(call, no_backoff_sleep):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(APIConnectionError):
        await call(lambda c: c.with_options(base_url=f"http://127.0.0.1:{port}").catalog.list())
    assert len(no_backoff_sleep) == 2
