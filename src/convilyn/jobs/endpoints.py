"""The Goal Lane job API routes: thin wrappers over ``jobs.service``."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import FileResponse, RedirectResponse, StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.deps import JobCreator, Reader, StatusPoller, Writer, charge
from convilyn.catalog.registry import SpecRegistry
from convilyn.core.clock import clock
from convilyn.core.errors import (
    SIGNED_IN_ERRORS,
    AppError,
    InvalidTransition,
    NotFound,
    SignatureInvalid,
    TierTooLow,
    ValidationFailed,
    VersionConflict,
    error_responses,
)
from convilyn.core.pagination import CursorQuery
from convilyn.deps import Config, Db, FileStorage, Limits, ReadSession, Registry, Runner, WriteSession
from convilyn.files.signing import verify
from convilyn.idempotency.middleware import IDEMPOTENCY_ERRORS, IdempotencyKeyHeader
from convilyn.jobs import event_stream, events, service
from convilyn.jobs.models import Job
from convilyn.jobs.schemas import (
    CancelJob,
    ConfirmJob,
    CreateJob,
    DownloadLink,
    FillSlots,
    JobPage,
    JobStatusName,
    JobStatusView,
    JobView,
)
from convilyn.jobs.service import OutputExpired

router = APIRouter(prefix="/api/v1", tags=["jobs"])

JobSpecId = Annotated[
    str, Path(alias="jobSpecId", description="The job id returned by POST /jobs/goal.", pattern=r"^job_[a-f0-9]{24}$")
]
AUTH: tuple[type[AppError], ...] = (NotFound, *SIGNED_IN_ERRORS)


async def _view(registry: SpecRegistry, session: AsyncSession, job: Job) -> JobView:
    spec = await registry.get_for_job(session, job.spec_id)
    return service.job_view(job, spec, await service.job_file_ids(session, job.id))


@router.post(
    "/jobs/goal",
    status_code=201,
    response_model=JobView,
    summary="Create a job",
    description="A pending job of a workflow over uploaded files. Fill its `slots`, then confirm it. "
    "The number of files must match the workflow's `input_documents` in the catalog (422 "
    "`WRONG_DOCUMENT_COUNT` otherwise). Only jobs actually created count against the daily quota.",
    responses=error_responses(*AUTH, TierTooLow, *IDEMPOTENCY_ERRORS),
)
async def create_job(request: Request, body: CreateJob, session: WriteSession, registry: Registry, limits: Limits,
                     principal: JobCreator, _idempotency_key: IdempotencyKeyHeader = None) -> JobView:
    job, spec = await service.create_job(
        session, registry, principal=principal, workflow_id=body.workflow_id, file_ids=body.file_ids
    )
    # Charged before the commit: a full window (a race) rolls the job back.
    await charge(request, limits, principal, "job_create")
    return service.job_view(job, spec, body.file_ids)


@router.get(
    "/jobs/goal",
    response_model=JobPage,
    summary="List your jobs",
    description="Your jobs, newest first, cursor-paginated; filter by `status` (e.g. `slot_needed` for the "
    "jobs waiting on you) and `workflowId`.",
    responses=error_responses(*AUTH),
)
async def list_jobs(
    db: Db,
    principal: Reader,
    status: Annotated[JobStatusName | None, Query(description="Only jobs in this status.")] = None,
    workflow_id: Annotated[str | None, Query(alias="workflowId", min_length=1, max_length=80,
                                             description="Only jobs of this workflow.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: CursorQuery = None,
) -> JobPage:
    page = await service.list_jobs(db, owner_id=principal.user_id, status=status, workflow_id=workflow_id,
                                   limit=limit, cursor=cursor)
    return JobPage(items=[service.job_summary(row) for row in page.rows], cursor=page.cursor)


@router.get(
    "/jobs/goal/{jobSpecId}",
    response_model=JobView,
    summary="Get a job",
    responses=error_responses(*AUTH),
)
async def get_job(job_spec_id: JobSpecId, db: Db, registry: Registry, principal: Reader) -> JobView:
    return await service.read_job(db, registry, owner_id=principal.user_id, job_id=job_spec_id)


@router.patch(
    "/jobs/goal/{jobSpecId}/slots",
    response_model=JobView,
    summary="Fill slots",
    description="Store slot values (before the run, or at a checkpoint). Increments `itemVersion`.",
    responses=error_responses(*AUTH, InvalidTransition, VersionConflict),
)
async def fill_slots(job_spec_id: JobSpecId, body: FillSlots, session: WriteSession, registry: Registry,
                     principal: Writer) -> JobView:
    job = await service.fill_slots(
        session, registry, owner_id=principal.user_id, job_id=job_spec_id,
        item_version=body.item_version, slots=body.slots,
    )
    return await _view(registry, session, job)


@router.post(
    "/jobs/goal/{jobSpecId}/confirm",
    status_code=202,
    response_model=JobView,
    summary="Confirm and start (or resume) execution",
    responses=error_responses(*AUTH, InvalidTransition, VersionConflict, *IDEMPOTENCY_ERRORS),
)
async def confirm_job(job_spec_id: JobSpecId, body: ConfirmJob, session: WriteSession, registry: Registry,
                      runner: Runner, principal: Writer, _idempotency_key: IdempotencyKeyHeader = None) -> JobView:
    # The phase is enqueued in this transaction: it is scheduled exactly when the confirm commits.
    job = await service.confirm_job(
        session, registry, runner, owner_id=principal.user_id, job_id=job_spec_id, item_version=body.item_version
    )
    return await _view(registry, session, job)


@router.post(
    "/jobs/goal/{jobSpecId}/cancel",
    response_model=JobView,
    summary="Cancel a job",
    description="From any state before the job ends: it becomes `cancelled`, with no outputs. A running phase "
    "stops at its next step and records nothing after. 400 once the job is completed, failed or cancelled.",
    responses=error_responses(*AUTH, InvalidTransition, VersionConflict),
)
async def cancel_job(job_spec_id: JobSpecId, body: CancelJob, session: WriteSession, registry: Registry,
                     settings: Config, principal: Writer) -> JobView:
    job = await service.cancel_job(
        session, owner_id=principal.user_id, job_id=job_spec_id, item_version=body.item_version,
        keep_files_for=timedelta(seconds=settings.output_ttl_seconds),
    )
    return await _view(registry, session, job)


@router.get(
    "/jobs/goal/{jobSpecId}/status",
    response_model=JobStatusView,
    response_model_exclude_none=True,
    summary="Poll a job's status",
    description="Poll every 2 seconds while executing (`Retry-After` says when, while the job runs), or follow "
    "`GET .../events` instead. `checkpoint` is present when `slot_needed`, `error` when `failed`.",
    responses={200: {"headers": {"Retry-After": {
        "description": "While the job is confirming or executing: seconds until the next poll is useful.",
        "schema": {"type": "integer"}}}}, **error_responses(*AUTH)},
)
async def job_status(job_spec_id: JobSpecId, db: Db, principal: StatusPoller, response: Response) -> JobStatusView:
    # Normally answered before routing by jobs/status_poll.py; this route serves what that passes on.
    view = await service.job_status(db, owner_id=principal.user_id, job_id=job_spec_id)
    response.headers.update(service.poll_headers(view))
    return view


@router.get(
    "/jobs/goal/{jobSpecId}/events",
    response_class=StreamingResponse,
    summary="Follow a job's events (Server-Sent Events)",
    description="`status`, `progress`, `checkpoint`, `completed`, `failed` and `cancelled` events, each with the "
    "job's sequence number as its `id`. Without `Last-Event-ID` the stream starts with the job's latest event "
    "(where it stands now), then follows live. Send `Last-Event-ID` to resume after an event: the missed events "
    "are replayed from the stored log, then new ones follow live (`Last-Event-ID: 0`: the whole history). The "
    "stream ends after the job ends, or after a few minutes (reconnect with `Last-Event-ID`).",
    responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
                     "description": "An event stream."},
               **error_responses(*AUTH)},
)
async def job_events(
    job_spec_id: JobSpecId, db: Db, settings: Config, principal: Reader,
    last_event_id: Annotated[int | None, Header(alias="Last-Event-ID", ge=0, le=2**31 - 1,
                                                description="The `id` of the last event received.")] = None,
) -> StreamingResponse:
    async with db.read() as session:
        await service.get_job(session, owner_id=principal.user_id, job_id=job_spec_id)
        # A first connection (a browser's EventSource cannot send the header) starts where the job stands.
        after = last_event_id if last_event_id is not None else max(await events.last_seq(session, job_spec_id) - 1, 0)
    body = event_stream.stream(db, job_spec_id, after=after,
                               max_seconds=settings.events_stream_max_seconds)
    return StreamingResponse(body, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get(
    "/jobs/goal/{jobSpecId}/download",
    response_model=DownloadLink,
    summary="Get a download URL for the results",
    description="A pre-signed URL to the result ZIP, valid for 1 hour. Results are kept 24 hours after completion.",
    responses=error_responses(*AUTH, InvalidTransition, OutputExpired),
)
async def download(job_spec_id: JobSpecId, session: ReadSession, settings: Config, storage: FileStorage,
                   principal: Reader) -> DownloadLink:
    return await service.download_link(
        session, storage, owner_id=principal.user_id, job_id=job_spec_id,
        secret=settings.secret("signing_secret"), base_url=settings.base_url,
        ttl_seconds=settings.download_url_ttl_seconds,
    )


@router.get(
    "/downloads/{jobSpecId}/results.zip",
    response_class=FileResponse,
    response_model=None,
    summary="Fetch a result ZIP by its signed URL",
    description="No bearer token: the `signature` over path and `expires` is the credential.",
    responses={200: {"content": {"application/zip": {}}, "description": "The result ZIP."},
               307: {"description": "Files are in object storage: the ZIP is at the store's pre-signed URL.",
                     "headers": {"Location": {"description": "The pre-signed URL (valid 1 hour).",
                                              "schema": {"type": "string", "format": "uri"}}}},
               **error_responses(SignatureInvalid, OutputExpired, ValidationFailed)},
)
async def fetch_download(
    request: Request,
    job_spec_id: JobSpecId,
    session: ReadSession,
    settings: Config,
    storage: FileStorage,
    expires: Annotated[int, Query(ge=0, le=2**40)],
    signature: Annotated[str, Query(min_length=1, max_length=128)],
) -> FileResponse | RedirectResponse:
    if set(request.query_params) != {"expires", "signature"}:
        raise SignatureInvalid("The download link was changed; use it exactly as it was given.")
    verify(settings.secret("signing_secret"), service.download_path(job_spec_id), expires, signature,
           now=clock.now().timestamp())
    key = await service.output_key_for_download(session, job_spec_id)
    filename = service.download_filename(job_spec_id)
    # A link signed while the files were local, served after a move to object storage: hand over to the store.
    url = await storage.download_url(key, filename=filename, ttl_seconds=settings.download_url_ttl_seconds)
    if url is not None:
        return RedirectResponse(url, status_code=307)
    try:
        path = await storage.fetch(key, settings.data_dir)
    except FileNotFoundError:
        raise OutputExpired("The job's results are no longer available.") from None
    return FileResponse(path, media_type="application/zip", filename=filename)


