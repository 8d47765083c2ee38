"""What ``jobs.run`` and ``jobs.follow`` return, and the rules they share between sync and async.

A job is followed until it stops: ``completed`` gives a :class:`JobResult`, ``failed`` or
``cancelled`` raise :class:`~convilyn_sdk.JobFailed`, and ``slot_needed`` is answered through the
``on_checkpoint`` callback, or returned as a :class:`PendingCheckpoint` when there is none.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from convilyn_sdk._errors import retry_after_seconds
from convilyn_sdk.types import Checkpoint, JobStatusView, JobView, SlotValue

# The seed's pace: "Poll every 2 seconds while executing".
DEFAULT_POLL_INTERVAL = 2.0
STOPPED = frozenset({"completed", "failed", "cancelled", "slot_needed"})

SlotValues = Mapping[str, Any] | Sequence[SlotValue]
ProgressCallback = Callable[[JobStatusView], Any]
# Gets the checkpoint and the job's status; returns the slot values, or None to leave it pending.
CheckpointCallback = Callable[[Checkpoint, JobStatusView], Any]


@dataclass(frozen=True)
class JobResult:
    """A completed job: the files it wrote and a download URL for their ZIP (valid 1 hour)."""

    job_id: str
    job: JobView
    download_url: str
    expires_at: datetime

    @property
    def output_files(self) -> list[str]:
        return list(self.job.output_files or [])


@dataclass(frozen=True)
class PendingCheckpoint:
    """A job waiting at a checkpoint; answer it with ``jobs.resume(pending, values)``."""

    job_id: str
    status: JobStatusView

    @property
    def checkpoint(self) -> Checkpoint:
        assert self.status.checkpoint is not None
        return self.status.checkpoint

    @property
    def item_version(self) -> int:
        return self.status.item_version


def slot_values(values: SlotValues) -> list[dict[str, Any]]:
    """The ``slots`` body of PATCH /slots from a mapping or a list of :class:`SlotValue`."""
    if isinstance(values, Mapping):
        items = [SlotValue(slot_id=k, value=v) for k, v in values.items()]
    else:
        items = [v if isinstance(v, SlotValue) else SlotValue.model_validate(v) for v in values]
    return [item.model_dump(mode="json", by_alias=True) for item in items]


class Follower:
    """The bookkeeping of one follow: deadline, progress reports, the pace of polls."""

    def __init__(self, *, on_progress: ProgressCallback | None, poll_interval: float | None,
                 timeout: float | None) -> None:
        self.on_progress = on_progress
        self.poll_interval = poll_interval
        self.deadline = time.monotonic() + timeout if timeout else None
        self._last: tuple[Any, ...] | None = None

    def seen(self, status: JobStatusView) -> Any:
        """Report a status if it differs from the last one; returns the callback's result (maybe awaitable)."""
        key = (status.status, status.progress, status.current_step, status.item_version)
        if key == self._last or self.on_progress is None:
            self._last = key
            return None
        self._last = key
        return self.on_progress(status)

    def check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise TimeoutError("The job did not stop within the timeout; it keeps running on the server.")

    def next_poll_in(self, response: httpx.Response) -> float:
        """The explicit ``poll_interval``, else the pace the API asks (``Retry-After``), else 2 s."""
        if self.poll_interval is not None:
            delay = self.poll_interval
        else:
            asked = retry_after_seconds(response)
            delay = asked if asked is not None else DEFAULT_POLL_INTERVAL
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("The job did not stop within the timeout; it keeps running on the server.")
            delay = min(delay, left)
        return delay
