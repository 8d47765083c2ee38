"""Logging for every role (``convilyn serve``, ``convilyn worker``): one set-up, text or JSON lines.

Each record carries the request id of the HTTP request it was logged in (the
``X-Request-ID`` the caller sent, or one made up; see ``RequestId``) and the job
id of the phase it was logged in, from context variables, so a line from deep in
a tool call still says whose it was. ``configure_logging`` is the one place the
handlers are set up; the commands call it with their ``--log-level`` before
anything logs, and hand uvicorn ``log_config=None`` so it keeps ours.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID: ContextVar[str | None] = ContextVar("convilyn_request_id", default=None)
JOB_ID: ContextVar[str | None] = ContextVar("convilyn_job_id", default=None)

LEVELS = ("critical", "error", "warning", "info", "debug")
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(job_id)s] %(message)s"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


class ContextFields(logging.Filter):
    """Put the current request id and job id on every record (``-`` when there is none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        record.job_id = JOB_ID.get() or "-"
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, job_id, and exc_info."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in ("request_id", "job_id"):
            value = getattr(record, field, "-")
            if value != "-":
                entry[field] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "info", fmt: str = "text") -> None:
    """Send every logger (ours, uvicorn's, the libraries') to stderr at ``level``, as text or JSON lines."""
    if level.lower() not in LEVELS:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)}")
    if fmt not in FORMATS:
        raise ValueError(f"log format must be one of {', '.join(FORMATS)}")
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ContextFields())
    handler.setFormatter(JsonLines() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        # uvicorn's own handlers would print a second, unstructured copy.
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


@contextlib.contextmanager
def job_logging(job_id: str) -> Iterator[None]:
    """Tag what is logged inside the block with ``job_id``."""
    token = JOB_ID.set(job_id)
    try:
        yield
    finally:
        JOB_ID.reset(token)


class RequestId:
    """ASGI middleware: a request id for every HTTP request, in the logs and the ``X-Request-ID`` response header.

    A caller's own ``X-Request-ID`` (up to 128 of ``A-Z a-z 0-9 . _ : -``) is kept,
    so one id follows a request through a proxy and into these logs; anything
    else is replaced by a fresh one rather than written to the logs as sent.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = next((value.decode("latin-1") for name, value in scope.get("headers", [])
                     if name == b"x-request-id"), "")
        request_id = sent if _VALID_REQUEST_ID.match(sent) else secrets.token_hex(16)  # as uuid4().hex, 3x cheaper

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        token = REQUEST_ID.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)
