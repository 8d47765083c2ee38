"""The rules of the job API: create, list, fill slots, confirm, cancel, read, download.

Every state change is one guarded UPDATE on (id, owner, itemVersion, status);
when it matches no row, a re-read tells a stale version (409) from a wrong
state (400) from a job that is not the caller's (404).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.service import Principal
from convilyn.catalog.registry import SpecRegistry
from convilyn.catalog.spec import DestinationSpec, SlotDefinition
from convilyn.core.clock import clock
from convilyn.core.db import Database, rows_affected
from convilyn.core.errors import (
    AppError,
    FieldError,
    InvalidTransition,
    NotFound,
    ValidationFailed,
    VersionConflict,
)
from convilyn.core.ids import new_id
from convilyn.core.pagination import Keyset, Page, Rows
from convilyn.files import service as files
from convilyn.files.signing import signed_url
from convilyn.files.storage import Storage
from convilyn.jobs import events, inputs
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.runner import PhaseQueue
from convilyn.jobs.schemas import (
    Checkpoint,
    DownloadLink,
    JobStatusName,
    JobStatusView,
    JobSummary,
    JobView,
    Slot,
    SlotValue,
)
from convilyn.jobs.states import CANCELLABLE, CONFIRMABLE, FILLABLE, JobStatus
from convilyn.jobs.transitions import move_job

JOB_ORDER = Keyset("jobs", ((Job.created_at, "datetime"), (Job.id, "str")))


class OutputExpired(AppError):
    status_code = 410
    code = "OUTPUT_EXPIRED"


def _not_found(job_id: str) -> NotFound:
    return NotFound(f"Job {job_id} was not found.", code="JOB_NOT_FOUND")


async def get_job(session: AsyncSession, *, owner_id: str, job_id: str) -> Job:
    """The caller's job; another user's job is simply not found."""
    job = await session.scalar(select(Job).where(Job.id == job_id, Job.owner_id == owner_id))
    if job is None:
        raise _not_found(job_id)
    return job


# What a status poll reads: not the whole row (its saved agent history can be large). Built once.
STATUS_QUERY = select(Job.status, Job.progress, Job.current_step, Job.item_version, Job.checkpoint, Job.error).where(
    Job.id == bindparam("job_id"), Job.owner_id == bindparam("owner_id"))


async def job_status(db: Database, *, owner_id: str, job_id: str) -> JobStatusView:
    """The caller's job status, in one narrow read with no ORM session (the hottest route)."""
    row = await db.first(STATUS_QUERY, {"job_id": job_id, "owner_id": owner_id})
    if row is None:
        raise _not_found(job_id)
    return status_view(row)


async def job_file_ids(session: AsyncSession, job_id: str) -> list[str]:
    rows = await session.scalars(select(JobFile.file_id).where(JobFile.job_id == job_id).order_by(JobFile.position))
    return list(rows)


# What GET /jobs/goal/{id} shows, with the job's files in order (one row per file): not the saved agent
# history, the claim or the phase bookkeeping. Built once, so it runs on the driver (Database.all).
JOB_QUERY = (
    select(Job.id, Job.spec_id, Job.status, Job.progress, Job.current_step, Job.item_version, Job.checkpoint,
           Job.error, Job.slot_values, Job.resume_checkpoint_id, Job.output_files, Job.created_at, Job.updated_at,
           Job.completed_at, JobFile.file_id)
    .outerjoin(JobFile, JobFile.job_id == Job.id)
    .where(Job.id == bindparam("job_id"), Job.owner_id == bindparam("owner_id"))
    .order_by(JobFile.position)
)


async def read_job(db: Database, registry: SpecRegistry, *, owner_id: str, job_id: str) -> JobView:
    """The caller's job as ``GET /jobs/goal/{id}`` shows it: one read, no ORM session (a curated
    workflow's spec is in memory; a user workflow's is read in a session of its own)."""
    rows = await db.all(JOB_QUERY, {"job_id": job_id, "owner_id": owner_id})
    if not rows:
        raise _not_found(job_id)
    job = rows[0]
    spec = registry.get(job.spec_id)
    if spec is None:
        async with db.read() as session:
            spec = await registry.get_for_job(session, job.spec_id)
    return job_view(job, spec, [row.file_id for row in rows if row.file_id is not None])


async def create_job(
    session: AsyncSession, registry: SpecRegistry, *, principal: Principal, workflow_id: str, file_ids: list[str]
) -> tuple[Job, DestinationSpec]:
    """A pending job of the workflow over the caller's files."""
    spec = await registry.resolve_for_run(session, principal, workflow_id)
    if not file_ids:
        raise ValidationFailed("Attach at least one file (fileIds is empty).", field="fileIds", code="too_short")
    if len(set(file_ids)) != len(file_ids):
        raise ValidationFailed("fileIds lists the same file twice.", field="fileIds", code="duplicate")
    _check_document_count(spec, len(file_ids))
    rows = await files.owned_files(session, owner_id=principal.user_id, file_ids=file_ids)
    accepted = spec.supported_input_formats
    for index, row in enumerate(rows):
        if row.format not in accepted:
            raise ValidationFailed(
                f"{row.filename} ({row.id}) is {row.format}; {spec.spec_id} accepts {', '.join(accepted)}.",
                field=f"fileIds.{index}",
                code="unsupported_format",
                envelope_code="UNSUPPORTED_FILE_FORMAT",
                details={"fileId": row.id, "format": row.format, "supportedInputFormats": accepted},
            )
    now = clock.now()
    job = Job(
        id=new_id("job"),
        owner_id=principal.user_id,
        spec_id=spec.spec_id,
        status=JobStatus.PENDING,
        item_version=1,
        slot_values={},
        progress=0,
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    await session.flush()
    await inputs.attach(session, job_id=job.id, rows=rows)
    await events.record_change(session, job)
    return job, spec


def _check_document_count(spec: DestinationSpec, count: int) -> None:
    documents = spec.input_documents
    if documents.min_count <= count <= documents.max_count:
        return
    raise ValidationFailed(
        f"{spec.spec_id} takes {documents.describe()}; fileIds has {count}.",
        field="fileIds", code="wrong_document_count", envelope_code="WRONG_DOCUMENT_COUNT",
        details={"workflowId": spec.spec_id, "given": count, "minCount": documents.min_count,
                 "maxCount": documents.max_count, "roles": [r.role for r in documents.roles]},
    )


@functools.cache
def _listing(*, status: bool, workflow: bool, after: bool) -> Rows:
    """The page statement of one combination of filters: built once each (eight at most), so it runs on the driver."""
    statement = select(Job.id, Job.spec_id, Job.status, Job.progress, Job.current_step, Job.item_version, Job.error,
                       Job.created_at, Job.updated_at, Job.completed_at).where(Job.owner_id == bindparam("owner_id"))
    if status:
        statement = statement.where(Job.status == bindparam("status"))
    if workflow:
        statement = statement.where(Job.spec_id == bindparam("workflow_id"))
    return JOB_ORDER.page(statement, after=after)


async def list_jobs(db: Database, *, owner_id: str, status: str | None, workflow_id: str | None,
                    limit: int, cursor: str | None) -> Page:
    """The caller's jobs (rows of ``job_summary``'s fields), newest first, optionally of one status or workflow."""
    params = {"owner_id": owner_id, "status": status, "workflow_id": workflow_id,
              **JOB_ORDER.params(limit=limit, cursor=cursor)}
    rows = await db.all(_listing(status=bool(status), workflow=bool(workflow_id), after=bool(cursor)), params)
    return JOB_ORDER.page_of(rows, limit=limit, key=lambda row: (row.created_at, row.id))


def _fillable_slots(job: JobViewFields, spec: DestinationSpec) -> list[SlotDefinition]:
    if job.status == JobStatus.SLOT_NEEDED and job.resume_checkpoint_id:
        checkpoint = spec.checkpoint(job.resume_checkpoint_id)
        return checkpoint.slots if checkpoint else []
    return spec.required_slots


def _check_state(job: Job, allowed: Sequence[JobStatus], action: str) -> None:
    if job.status not in allowed:
        raise InvalidTransition(
            f"Cannot {action} a job that is {job.status}.",
            details={"status": job.status, "allowedStatuses": [str(s) for s in allowed]},
        )


def _check_version(job: Job, item_version: int) -> None:
    if job.item_version != item_version:
        raise VersionConflict(job.item_version)


async def _guarded_update(
    session: AsyncSession, job: Job, *, item_version: int, action: str, to: JobStatus, values: dict[str, Any],
    from_: Sequence[JobStatus] | None = None,
) -> Job:
    """Move the job from the status it was read in (or any of ``from_``) to ``to``, if nobody changed it since."""
    sources = tuple(from_) if from_ is not None else (JobStatus(job.status),)
    changed = await rows_affected(session,
        move_job(job.id, to, Job.owner_id == job.owner_id, Job.item_version == item_version, from_=sources)
        .values(item_version=Job.item_version + 1, **values)
    )
    await session.refresh(job)
    if changed == 1:
        return job
    _check_state(job, sources, action)
    raise VersionConflict(job.item_version)


async def fill_slots(
    session: AsyncSession, registry: SpecRegistry, *, owner_id: str, job_id: str, item_version: int,
    slots: list[SlotValue],
) -> Job:
    """Validate and store slot values; increments itemVersion."""
    job = await get_job(session, owner_id=owner_id, job_id=job_id)
    _check_state(job, FILLABLE, "fill slots of")
    _check_version(job, item_version)
    spec = await registry.get_for_job(session, job.spec_id)
    definitions = {slot.slot_id: slot for slot in _fillable_slots(job, spec)}
    values = dict(job.slot_values or {})
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, slot in enumerate(slots):
        if slot.slot_id in seen:
            errors.append(FieldError(field=f"slots.{index}.slotId", code="duplicate",
                                     message=f"{slot.slot_id!r} is given twice."))
            continue
        seen.add(slot.slot_id)
        definition = definitions.get(slot.slot_id)
        if definition is None:
            known = ", ".join(definitions) or "none"
            errors.append(FieldError(field=f"slots.{index}.slotId", code="unknown_slot",
                                     message=f"{slot.slot_id!r} is not a slot of this step (slots: {known})."))
            continue
        try:
            values[slot.slot_id] = definition.validate_value(slot.value)
        except ValueError as exc:
            errors.append(FieldError(field=f"slots.{index}.value", code="invalid_value",
                                     message=f"{slot.slot_id} {exc}."))
    if errors:
        raise ValidationFailed.of(errors)
    job = await _guarded_update(
        session, job, item_version=item_version, action="fill slots of", to=JobStatus(job.status),
        values={"slot_values": values},
    )
    await events.record_change(session, job)
    return job


async def confirm_job(
    session: AsyncSession, registry: SpecRegistry, queue: PhaseQueue, *, owner_id: str, job_id: str,
    item_version: int,
) -> Job:
    """Move a pending or paused job to confirming and enqueue its next phase, in the caller's transaction."""
    job = await get_job(session, owner_id=owner_id, job_id=job_id)
    _check_state(job, CONFIRMABLE, "confirm")
    _check_version(job, item_version)
    spec = await registry.get_for_job(session, job.spec_id)
    values = dict(job.slot_values or {})
    missing = []
    for definition in _fillable_slots(job, spec):
        if definition.slot_id in values:
            continue
        if definition.default is not None:
            values[definition.slot_id] = definition.default
        elif definition.required:
            missing.append(definition.slot_id)
    if missing:
        raise ValidationFailed.of(
            [FieldError(field=f"slots.{slot_id}", code="missing", message=f"Slot {slot_id} must be filled before confirming.")
             for slot_id in missing],
            envelope_code="MISSING_SLOTS",
            details={"missingSlots": missing},
        )
    job = await _guarded_update(
        session, job, item_version=item_version, action="confirm", to=JobStatus.CONFIRMING,
        values={"slot_values": values, "checkpoint": None, "error": None, "attempts": 0},
    )
    await queue.enqueue(session, job.id)
    await events.record_change(session, job)
    return job


async def cancel_job(session: AsyncSession, *, owner_id: str, job_id: str, item_version: int,
                     keep_files_for: timedelta) -> Job:
    """Stop a job that has not ended: it becomes ``cancelled`` with no outputs.

    A phase running at that moment (in this process or on a worker) finds at its
    next step that it no longer holds the job and stops; every outcome it could
    record is guarded on ``executing`` and its claim, so none lands. A phase still
    queued finds nothing to claim.
    """
    job = await get_job(session, owner_id=owner_id, job_id=job_id)
    _check_state(job, CANCELLABLE, "cancel")
    _check_version(job, item_version)
    now = clock.now()
    # From any state before the end: a worker claiming the job meanwhile (confirming -> executing) is no conflict.
    job = await _guarded_update(
        session, job, item_version=item_version, action="cancel", to=JobStatus.CANCELLED, from_=CANCELLABLE,
        values={"current_step": "cancelled", "checkpoint": None, "history": None, "claim": None,
                "completed_at": now},
    )
    await inputs.release(session, job_id=job.id, keep_until=now + keep_files_for)
    await events.record_change(session, job, "cancelled")
    return job


def job_summary(job: JobSummaryFields) -> JobSummary:
    return JobSummary(
        job_spec_id=job.id, workflow_id=job.spec_id, status=cast(JobStatusName, job.status), progress=job.progress,
        current_step=job.current_step, item_version=job.item_version,
        error=job.error if job.status == JobStatus.FAILED else None,
        created_at=job.created_at, updated_at=job.updated_at, completed_at=job.completed_at,
    )


def slot_views(definitions: list[SlotDefinition], values: dict[str, Any]) -> list[Slot]:
    return [
        Slot(slot_id=d.slot_id, type=d.type, label=d.label, options=d.options, required=d.required,
             default=d.default, value=values.get(d.slot_id))
        for d in definitions
    ]


class JobStatusFields(Protocol):
    """What a status answer is made of: a ``Job``, or a row of ``STATUS_QUERY``."""

    status: str
    progress: int
    current_step: str | None
    item_version: int
    checkpoint: dict[str, Any] | None
    error: str | None


class JobSummaryFields(Protocol):
    """What a job in a listing is made of: a ``Job``, or a row of ``list_jobs``."""

    id: str
    spec_id: str
    status: str
    progress: int
    current_step: str | None
    item_version: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


class JobViewFields(JobStatusFields, Protocol):
    """What a job's full view is made of: a ``Job``, or a row of ``JOB_QUERY``."""

    id: str
    spec_id: str
    slot_values: dict[str, Any]
    resume_checkpoint_id: str | None
    output_files: list[str] | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


# While a job is in these states its status answers carry `Retry-After`: when to poll again.
POLLED = frozenset({JobStatus.CONFIRMING, JobStatus.EXECUTING})
POLL_SECONDS = 2


def poll_headers(view: JobStatusView) -> dict[str, str]:
    """``Retry-After`` while the job runs: when the next poll is useful (the SDK keeps that pace)."""
    return {"Retry-After": str(POLL_SECONDS)} if view.status in POLLED else {}


def status_view(job: JobStatusFields) -> JobStatusView:
    checkpoint = None
    if job.status == JobStatus.SLOT_NEEDED and job.checkpoint:
        checkpoint = Checkpoint.model_validate(job.checkpoint)
    return JobStatusView(
        status=cast(JobStatusName, job.status),  # the column holds one of them (jobs.states)
        progress=job.progress,
        current_step=job.current_step,
        item_version=job.item_version,
        checkpoint=checkpoint,
        error=job.error if job.status == JobStatus.FAILED else None,
    )


def job_view(job: JobViewFields, spec: DestinationSpec | None, file_ids: list[str]) -> JobView:
    definitions = _fillable_slots(job, spec) if spec else []
    return JobView(
        **status_view(job).model_dump(),
        job_spec_id=job.id,
        workflow_id=job.spec_id,
        slots=slot_views(definitions, job.slot_values or {}),
        file_ids=file_ids,
        output_files=job.output_files if job.status == JobStatus.COMPLETED else None,
        created_at=job.created_at,
        updated_at=job.updated_at,
        completed_at=job.completed_at,
    )


def download_path(job_id: str) -> str:
    return f"/api/v1/downloads/{job_id}/results.zip"


async def download_link(
    session: AsyncSession, storage: Storage, *, owner_id: str, job_id: str, secret: str, base_url: str,
    ttl_seconds: int,
) -> DownloadLink:
    """A URL for the job's result ZIP, valid for ``ttl_seconds``: the store's own pre-signed
    URL when it signs (S3), else one the app signs to its download route."""
    job = await get_job(session, owner_id=owner_id, job_id=job_id)
    if job.status != JobStatus.COMPLETED:
        raise InvalidTransition(
            f"The job is {job.status}; results can be downloaded once it is completed.",
            code="JOB_NOT_COMPLETED", details={"status": job.status},
        )
    if job.output_key is None:
        raise OutputExpired("The job's results were deleted 24 hours after it completed.")
    expires_at = clock.now() + timedelta(seconds=ttl_seconds)
    url = await storage.download_url(job.output_key, filename=download_filename(job.id), ttl_seconds=ttl_seconds)
    if url is None:
        url = signed_url(secret, base_url, download_path(job.id), int(expires_at.timestamp()))
    return DownloadLink(url=url, expires_at=expires_at.replace(microsecond=0))


def download_filename(job_id: str) -> str:
    return f"{job_id}.zip"


async def output_key_for_download(session: AsyncSession, job_id: str) -> str:
    """The stored ZIP behind a (signature-checked) download path."""
    key = await session.scalar(select(Job.output_key).where(Job.id == job_id, Job.status == JobStatus.COMPLETED))
    if key is None:
        raise OutputExpired("The job's results are no longer available.")
    return key
