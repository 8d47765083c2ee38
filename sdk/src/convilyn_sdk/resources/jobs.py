"""Goal Lane jobs: create, list, fill slots, confirm, cancel, follow, answer checkpoints, download; and ``run``.

Following a job reads its live events (``events``), and falls back to polling the status when the
server has no events route; an explicit ``poll_interval`` asks for polling.

``run`` does the whole seed flow in one call: upload, create, fill, confirm, follow the job, answer
each checkpoint through ``on_checkpoint`` (a 409 re-reads the job and retries once), and return
the result or raise :class:`~convilyn_sdk.JobFailed`.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk._errors import APIConnectionError, JobFailed, VersionConflict
from convilyn_sdk._events import (
    MAX_IDLE_RECONNECTS,
    EventState,
    JobEvent,
    SSEDecoder,
    events_request,
    falls_back_to_polling,
    reconnect_delay,
)
from convilyn_sdk._files import FileInput
from convilyn_sdk._run import (
    STOPPED,
    CheckpointCallback,
    Follower,
    JobResult,
    PendingCheckpoint,
    ProgressCallback,
    SlotValues,
    slot_values,
)
from convilyn_sdk.pagination import AsyncPaginator, PageRequest, SyncPage, first_page
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import (
    TERMINAL_STATUSES,
    CancelJob,
    ConfirmJob,
    CreateJob,
    DownloadLink,
    JobPage,
    JobStatus,
    JobStatusView,
    JobSummary,
    JobView,
)

ByteProgress = Callable[[int, int | None], Any]


def _job(method: str, path: str, job_id: str, cast_to: Any, **kwargs: Any) -> APIRequest[Any]:
    return api_request(method, path, cast_to, path_params={"jobSpecId": job_id}, **kwargs)


def _create(workflow_id: str, file_ids: Sequence[str], idempotency_key: str | None) -> APIRequest[Any]:
    body = CreateJob(workflow_id=workflow_id, file_ids=list(file_ids)).model_dump(by_alias=True)
    return api_request("POST", "/jobs/goal", JobView, json=body, idempotent=True, idempotency_key=idempotency_key)


def _fill(job_id: str, item_version: int, slots: SlotValues) -> APIRequest[Any]:
    body = {"itemVersion": item_version, "slots": slot_values(slots)}
    return _job("PATCH", "/jobs/goal/{jobSpecId}/slots", job_id, JobView, json=body)


def _confirm(job_id: str, item_version: int, idempotency_key: str | None) -> APIRequest[Any]:
    body = ConfirmJob(item_version=item_version).model_dump(by_alias=True)
    return _job("POST", "/jobs/goal/{jobSpecId}/confirm", job_id, JobView, json=body, idempotent=True,
                idempotency_key=idempotency_key)


def _list(status: JobStatus | None, workflow_id: str | None, limit: int | None) -> PageRequest:
    def page(cursor: str | None) -> APIRequest[Any]:
        params = {"status": status, "workflowId": workflow_id, "limit": limit, "cursor": cursor}
        return api_request("GET", "/jobs/goal", JobPage, params={k: v for k, v in params.items() if v is not None})

    return page


def _cancel(job_id: str, item_version: int) -> APIRequest[Any]:
    body = CancelJob(item_version=item_version).model_dump(by_alias=True)
    return _job("POST", "/jobs/goal/{jobSpecId}/cancel", job_id, JobView, json=body)


def _get(job_id: str) -> APIRequest[Any]:
    return _job("GET", "/jobs/goal/{jobSpecId}", job_id, JobView)


def _download_link(job_id: str) -> APIRequest[Any]:
    return _job("GET", "/jobs/goal/{jobSpecId}/download", job_id, DownloadLink)


def _status(job_id: str) -> APIRequest[Any]:
    return _job("GET", "/jobs/goal/{jobSpecId}/status", job_id, JobStatusView)


def _raw(request: APIRequest[Any]) -> APIRequest[Any]:
    return replace(request, cast_to=httpx.Response)


def _destination(dest: str | os.PathLike[str], job_id: str) -> Path:
    path = Path(dest)
    return path / f"{job_id}.zip" if path.is_dir() else path


def _result(job: JobView, link: DownloadLink) -> JobResult:
    return JobResult(job_id=job.job_spec_id, job=job, download_url=link.url, expires_at=link.expires_at)


class Jobs(SyncResource):
    def create(self, workflow_id: str, file_ids: Sequence[str] = (), *,
               idempotency_key: str | None = None) -> JobView:
        """A pending job of ``workflow_id`` over uploaded files (retried safely: one job per call)."""
        return self._client.request(_create(workflow_id, file_ids, idempotency_key))

    def get(self, job_id: str) -> JobView:
        return self._client.request(_get(job_id))

    def list(self, *, status: JobStatus | None = None, workflow_id: str | None = None,
             limit: int | None = None) -> SyncPage[JobSummary]:
        """Your jobs, newest first; iterating the page walks every page after it."""
        return first_page(self._client, _list(status, workflow_id, limit))

    def cancel(self, job_id: str, *, item_version: int | None = None) -> JobView:
        """Cancel a job that has not ended (the current ``itemVersion`` is read when not given)."""
        version = item_version if item_version is not None else self.get(job_id).item_version
        return self._client.request(_cancel(job_id, version))

    def status(self, job_id: str) -> JobStatusView:
        """The status, progress and current step; ``checkpoint`` when ``slot_needed``, ``error`` when failed."""
        return self._client.request(_status(job_id))

    def fill_slots(self, job_id: str, *, item_version: int, slots: SlotValues) -> JobView:
        """Store slot values (``{"tone": "friendly"}``) before the run or at a checkpoint."""
        return self._client.request(_fill(job_id, item_version, slots))

    def confirm(self, job_id: str, *, item_version: int, idempotency_key: str | None = None) -> JobView:
        """Start the job, or resume it after a checkpoint."""
        return self._client.request(_confirm(job_id, item_version, idempotency_key))

    def download_link(self, job_id: str) -> DownloadLink:
        """A pre-signed URL to the result ZIP, valid for one hour."""
        return self._client.request(_download_link(job_id))

    @contextmanager
    def stream_download(self, job_id: str) -> Iterator[httpx.Response]:
        """The result ZIP as a streamed response (``response.iter_bytes()``)."""
        with self._client.stream_url(self.download_link(job_id).url) as response:
            yield response

    def download(self, job_id: str, dest: str | os.PathLike[str], *, on_progress: ByteProgress | None = None) -> Path:
        """Stream the result ZIP to ``dest`` (a file, or a directory for ``{job_id}.zip``); returns the path."""
        path = _destination(dest, job_id)
        partial = path.with_name(path.name + ".part")
        with self.stream_download(job_id) as response, partial.open("wb") as out:
            total = int(response.headers.get("content-length") or 0) or None
            for chunk in response.iter_bytes():
                out.write(chunk)
                if on_progress is not None:
                    on_progress(response.num_bytes_downloaded, total)
        return partial.replace(path)

    def answer(self, job_id: str, values: SlotValues, *, item_version: int | None = None) -> JobView:
        """Fill a checkpoint's slots and confirm; on a 409 re-read the job and try once more."""
        version = item_version if item_version is not None else self.get(job_id).item_version
        for attempt in range(2):
            try:
                if values:
                    version = self.fill_slots(job_id, item_version=version, slots=values).item_version
                return self.confirm(job_id, item_version=version)
            except VersionConflict:
                if attempt:
                    raise
                version = self.get(job_id).item_version
        raise AssertionError("unreachable")

    def follow(self, job_id: str, *, on_progress: ProgressCallback | None = None,
               on_checkpoint: CheckpointCallback | None = None, poll_interval: float | None = None,
               timeout: float | None = None) -> JobResult | PendingCheckpoint:
        """Follow a confirmed job until it completes (result), fails (``JobFailed``) or waits for you."""
        follower = Follower(on_progress=on_progress, poll_interval=poll_interval, timeout=timeout)
        while True:
            status = self._wait(job_id, follower)
            if status.status == "completed":
                return _result(self.get(job_id), self.download_link(job_id))
            if status.status != "slot_needed":
                raise JobFailed(job_id, status)
            values = on_checkpoint(status.checkpoint, status) if on_checkpoint and status.checkpoint else None
            if values is None:
                return PendingCheckpoint(job_id=job_id, status=status)
            self.answer(job_id, values, item_version=status.item_version)

    def events(self, job_id: str, *, last_event_id: int | None = None) -> Iterator[JobEvent]:
        """The job's events after ``last_event_id``, then live until it ends; reconnects by itself."""
        last, idle = last_event_id, 0
        while True:
            decoder, got = SSEDecoder(), False
            try:
                with self._client.stream(events_request(job_id, last)) as response:
                    for line in response.iter_lines():
                        event = decoder.line(line)
                        if event is None or (last is not None and event.id <= last):
                            continue
                        last, got = event.id, True
                        yield event
                        if event.final:
                            return
            except (httpx.TransportError, APIConnectionError):
                pass  # dropped: resume after the last event
            idle = 0 if got else idle + 1
            if idle and self.status(job_id).status in TERMINAL_STATUSES:
                return  # ended before its events were kept
            if idle > MAX_IDLE_RECONNECTS:
                raise APIConnectionError("The job's event stream keeps closing; try again later.")
            time.sleep(reconnect_delay(decoder, idle))

    def _wait(self, job_id: str, follower: Follower) -> JobStatusView:
        if follower.poll_interval is None:
            try:
                return self._wait_for_events(job_id, follower)
            except Exception as exc:
                if not falls_back_to_polling(exc):
                    raise
        while True:
            response = self._client.request(_raw(_status(job_id)))
            status = JobStatusView.model_validate_json(response.content)
            follower.seen(status)
            if status.status in STOPPED:
                return status
            time.sleep(follower.next_poll_in(response))

    def _wait_for_events(self, job_id: str, follower: Follower) -> JobStatusView:
        state = EventState()
        for event in self.events(job_id):
            fields = state.apply(event)
            if fields is not None and event.event in ("status", "progress"):
                follower.seen(JobStatusView.model_validate(fields))
            follower.check_deadline()
            if event.event == "checkpoint" or event.final:
                status = self.status(job_id)  # the events replay history: the status says where it is now
                follower.seen(status)
                if status.status in STOPPED:
                    return status
        return self.status(job_id)

    def run(self, workflow_id: str, files: Sequence[FileInput] = (), *, file_ids: Sequence[str] = (),
            slots: SlotValues | None = None, on_progress: ProgressCallback | None = None,
            on_checkpoint: CheckpointCallback | None = None, poll_interval: float | None = None,
            timeout: float | None = None) -> JobResult | PendingCheckpoint:
        """Upload ``files``, create the job, fill ``slots``, confirm, and :meth:`follow` it."""
        ids = [*file_ids, *(self._client.files.upload(file).file_id for file in files)]
        job = self.create(workflow_id, ids)
        if slots:
            job = self.fill_slots(job.job_spec_id, item_version=job.item_version, slots=slots)
        self.confirm(job.job_spec_id, item_version=job.item_version)
        return self.follow(job.job_spec_id, on_progress=on_progress, on_checkpoint=on_checkpoint,
                           poll_interval=poll_interval, timeout=timeout)

    def resume(self, pending: PendingCheckpoint, values: SlotValues, **follow: Any) -> JobResult | PendingCheckpoint:
        """Answer a pending checkpoint and follow the job again (same keywords as :meth:`follow`)."""
        self.answer(pending.job_id, values, item_version=pending.item_version)
        return self.follow(pending.job_id, **follow)


async def _maybe_await(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


class AsyncJobs(AsyncResource):
    async def create(self, workflow_id: str, file_ids: Sequence[str] = (), *,
                     idempotency_key: str | None = None) -> JobView:
        """A pending job of ``workflow_id`` over uploaded files (retried safely: one job per call)."""
        return await self._client.request(_create(workflow_id, file_ids, idempotency_key))

    async def get(self, job_id: str) -> JobView:
        return await self._client.request(_get(job_id))

    def list(self, *, status: JobStatus | None = None, workflow_id: str | None = None,
             limit: int | None = None) -> AsyncPaginator[JobSummary]:
        """Your jobs, newest first: ``async for job in client.jobs.list()``, or await it for the first page."""
        return AsyncPaginator(self._client, _list(status, workflow_id, limit))

    async def cancel(self, job_id: str, *, item_version: int | None = None) -> JobView:
        """Cancel a job that has not ended (the current ``itemVersion`` is read when not given)."""
        version = item_version if item_version is not None else (await self.get(job_id)).item_version
        return await self._client.request(_cancel(job_id, version))

    async def status(self, job_id: str) -> JobStatusView:
        """The status, progress and current step; ``checkpoint`` when ``slot_needed``, ``error`` when failed."""
        return await self._client.request(_status(job_id))

    async def fill_slots(self, job_id: str, *, item_version: int, slots: SlotValues) -> JobView:
        """Store slot values (``{"tone": "friendly"}``) before the run or at a checkpoint."""
        return await self._client.request(_fill(job_id, item_version, slots))

    async def confirm(self, job_id: str, *, item_version: int, idempotency_key: str | None = None) -> JobView:
        """Start the job, or resume it after a checkpoint."""
        return await self._client.request(_confirm(job_id, item_version, idempotency_key))

    async def download_link(self, job_id: str) -> DownloadLink:
        """A pre-signed URL to the result ZIP, valid for one hour."""
        return await self._client.request(_download_link(job_id))

    @asynccontextmanager
    async def stream_download(self, job_id: str) -> AsyncIterator[httpx.Response]:
        """The result ZIP as a streamed response (``response.aiter_bytes()``)."""
        link = await self.download_link(job_id)
        async with self._client.stream_url(link.url) as response:
            yield response

    async def download(self, job_id: str, dest: str | os.PathLike[str], *,
                       on_progress: ByteProgress | None = None) -> Path:
        """Stream the result ZIP to ``dest`` (a file, or a directory for ``{job_id}.zip``); returns the path."""
        path = _destination(dest, job_id)
        partial = path.with_name(path.name + ".part")
        async with self.stream_download(job_id) as response:
            total = int(response.headers.get("content-length") or 0) or None
            with partial.open("wb") as out:
                async for chunk in response.aiter_bytes():
                    out.write(chunk)
                    if on_progress is not None:
                        await _maybe_await(on_progress(response.num_bytes_downloaded, total))
        return partial.replace(path)

    async def answer(self, job_id: str, values: SlotValues, *, item_version: int | None = None) -> JobView:
        """Fill a checkpoint's slots and confirm; on a 409 re-read the job and try once more."""
        version = item_version if item_version is not None else (await self.get(job_id)).item_version
        for attempt in range(2):
            try:
                if values:
                    version = (await self.fill_slots(job_id, item_version=version, slots=values)).item_version
                return await self.confirm(job_id, item_version=version)
            except VersionConflict:
                if attempt:
                    raise
                version = (await self.get(job_id)).item_version
        raise AssertionError("unreachable")

    async def follow(self, job_id: str, *, on_progress: ProgressCallback | None = None,
                     on_checkpoint: CheckpointCallback | None = None, poll_interval: float | None = None,
                     timeout: float | None = None) -> JobResult | PendingCheckpoint:
        """Follow a confirmed job until it completes (result), fails (``JobFailed``) or waits for you.

        The callbacks may be plain functions or coroutine functions."""
        follower = Follower(on_progress=on_progress, poll_interval=poll_interval, timeout=timeout)
        while True:
            status = await self._wait(job_id, follower)
            if status.status == "completed":
                job, link = await asyncio.gather(self.get(job_id), self.download_link(job_id))
                return _result(job, link)
            if status.status != "slot_needed":
                raise JobFailed(job_id, status)
            values = None
            if on_checkpoint and status.checkpoint:
                values = await _maybe_await(on_checkpoint(status.checkpoint, status))
            if values is None:
                return PendingCheckpoint(job_id=job_id, status=status)
            await self.answer(job_id, values, item_version=status.item_version)

    async def events(self, job_id: str, *, last_event_id: int | None = None) -> AsyncIterator[JobEvent]:
        """The job's events after ``last_event_id``, then live until it ends; reconnects by itself."""
        last, idle = last_event_id, 0
        while True:
            decoder, got = SSEDecoder(), False
            try:
                async with self._client.stream(events_request(job_id, last)) as response:
                    async for line in response.aiter_lines():
                        event = decoder.line(line)
                        if event is None or (last is not None and event.id <= last):
                            continue
                        last, got = event.id, True
                        yield event
                        if event.final:
                            return
            except (httpx.TransportError, APIConnectionError):
                pass  # dropped: resume after the last event
            idle = 0 if got else idle + 1
            if idle and (await self.status(job_id)).status in TERMINAL_STATUSES:
                return  # ended before its events were kept
            if idle > MAX_IDLE_RECONNECTS:
                raise APIConnectionError("The job's event stream keeps closing; try again later.")
            await asyncio.sleep(reconnect_delay(decoder, idle))

    async def _wait(self, job_id: str, follower: Follower) -> JobStatusView:
        if follower.poll_interval is None:
            try:
                return await self._wait_for_events(job_id, follower)
            except Exception as exc:
                if not falls_back_to_polling(exc):
                    raise
        while True:
            response = await self._client.request(_raw(_status(job_id)))
            status = JobStatusView.model_validate_json(response.content)
            await _maybe_await(follower.seen(status))
            if status.status in STOPPED:
                return status
            await asyncio.sleep(follower.next_poll_in(response))

    async def _wait_for_events(self, job_id: str, follower: Follower) -> JobStatusView:
        state = EventState()
        async for event in self.events(job_id):
            fields = state.apply(event)
            if fields is not None and event.event in ("status", "progress"):
                await _maybe_await(follower.seen(JobStatusView.model_validate(fields)))
            follower.check_deadline()
            if event.event == "checkpoint" or event.final:
                status = await self.status(job_id)  # the events replay history: the status says where it is now
                await _maybe_await(follower.seen(status))
                if status.status in STOPPED:
                    return status
        return await self.status(job_id)

    async def run(self, workflow_id: str, files: Sequence[FileInput] = (), *, file_ids: Sequence[str] = (),
                  slots: SlotValues | None = None, on_progress: ProgressCallback | None = None,
                  on_checkpoint: CheckpointCallback | None = None, poll_interval: float | None = None,
                  timeout: float | None = None) -> JobResult | PendingCheckpoint:
        """Upload ``files``, create the job, fill ``slots``, confirm, and :meth:`follow` it."""
        uploaded = [await self._client.files.upload(file) for file in files]
        job = await self.create(workflow_id, [*file_ids, *(f.file_id for f in uploaded)])
        if slots:
            job = await self.fill_slots(job.job_spec_id, item_version=job.item_version, slots=slots)
        await self.confirm(job.job_spec_id, item_version=job.item_version)
        return await self.follow(job.job_spec_id, on_progress=on_progress, on_checkpoint=on_checkpoint,
                                 poll_interval=poll_interval, timeout=timeout)

    async def resume(self, pending: PendingCheckpoint, values: SlotValues,
                     **follow: Any) -> JobResult | PendingCheckpoint:
        """Answer a pending checkpoint and follow the job again (same keywords as :meth:`follow`)."""
        await self.answer(pending.job_id, values, item_version=pending.item_version)
        return await self.follow(pending.job_id, **follow)
