"""A job's live events (Server-Sent Events), resumed across dropped connections.

``jobs.events(job_id)`` yields :class:`JobEvent` s: the stored ones first, then each new one as the
job records it. When the connection drops, or the server closes a long stream, it reconnects with
``Last-Event-ID`` and the server replays what was missed, so every event arrives once and in order.
The iteration ends after ``completed``, ``failed`` or ``cancelled``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request

FINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})
# Reconnections in a row that bring no new event before giving up.
MAX_IDLE_RECONNECTS = 5


@dataclass(frozen=True)
class JobEvent:
    """One event: ``id`` is the job's sequence number, ``event`` the type, ``data`` its JSON body."""

    id: int
    event: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str | None:
        return self.data.get("status")

    @property
    def final(self) -> bool:
        return self.event in FINAL_EVENTS


class SSEDecoder:
    """Text/event-stream lines in, :class:`JobEvent` s out (comments and ``retry:`` are skipped)."""

    def __init__(self) -> None:
        self._fields: dict[str, str] = {}
        self.retry_ms: int | None = None

    def feed(self, lines: Iterable[str]) -> Iterator[JobEvent]:
        for line in lines:
            event = self.line(line)
            if event is not None:
                yield event

    def line(self, line: str) -> JobEvent | None:
        if line == "":
            fields, self._fields = self._fields, {}
            if "event" not in fields or "id" not in fields:
                return None
            return JobEvent(id=int(fields["id"]), event=fields["event"], data=json.loads(fields.get("data") or "{}"))
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        elif name in ("id", "event"):
            self._fields[name] = value
        elif name == "data":
            self._fields["data"] = self._fields["data"] + "\n" + value if "data" in self._fields else value
        return None


def events_request(job_id: str, last_event_id: int | None) -> APIRequest[Any]:
    # Last-Event-ID 0 asks for the whole stored history (without it the server starts at the latest event).
    headers = {"Accept": "text/event-stream", "Last-Event-ID": str(last_event_id or 0)}
    return api_request("GET", "/jobs/goal/{jobSpecId}/events", None, path_params={"jobSpecId": job_id},
                       headers=headers)


def reconnect_delay(decoder: SSEDecoder, idle_reconnects: int) -> float:
    base = (decoder.retry_ms or 1000) / 1000
    return min(base * 2 ** max(idle_reconnects - 1, 0), 10.0)


class EventState:
    """The job's status as its events tell it, for progress callbacks between polls."""

    def __init__(self) -> None:
        self.fields: dict[str, Any] = {}

    def apply(self, event: JobEvent) -> dict[str, Any] | None:
        """The merged status fields after ``event``, once they name a status and an itemVersion."""
        self.fields.update({k: v for k, v in event.data.items() if k != "seq"})
        return dict(self.fields) if {"status", "itemVersion"} <= set(self.fields) else None


# Errors of the events route after which following falls back to polling (an older server).
def falls_back_to_polling(error: Exception) -> bool:
    from convilyn_sdk._errors import APIStatusError, AuthenticationError, JobNotFound, RateLimited

    return isinstance(error, APIStatusError) and not isinstance(error, (AuthenticationError, JobNotFound,
                                                                         RateLimited))
