"""The Goal Lane job API routes: thin wrappers over ``jobs.service``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.deps import JobCreator, Reader, StatusPoller, Writer
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
from convilyn.deps import Config, FileStorage, ReadSession, Registry, Runner, WriteSession
from convilyn.files.signing import verify
from convilyn.jobs import service
from convilyn.jobs.models import Job
from convilyn.jobs.schemas import ConfirmJob, CreateJob, DownloadLink, FillSlots, JobStatusView, JobView
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
    description="A pending job of a workflow over uploaded files. Fill its `slots`, then confirm it.",
    responses=error_responses(*AUTH, TierTooLow),
)
async def create_job(body: CreateJob, session: WriteSession, registry: Registry, principal: JobCreator) -> JobView:
    job, spec = await service.create_job(
        session, registry, principal=principal, workflow_id=body.workflow_id, file_ids=body.file_ids
    )
    return service.job_view(job, spec, body.file_ids)


@router.get(
    "/jobs/goal/{jobSpecId}",
    response_model=JobView,
    summary="Get a job",
    responses=error_responses(*AUTH),
)
async def get_job(job_spec_id: JobSpecId, session: ReadSession, registry: Registry, principal: Reader) -> JobView:
    job = await service.get_job(session, owner_id=principal.user_id, job_id=job_spec_id)
    return await _view(registry, session, job)


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
    responses=error_responses(*AUTH, InvalidTransition, VersionConflict),
)
async def confirm_job(job_spec_id: JobSpecId, body: ConfirmJob, session: WriteSession, registry: Registry,
                      runner: Runner, principal: Writer) -> JobView:
    # The phase is enqueued in this transaction: it is scheduled exactly when the confirm commits.
    job = await service.confirm_job(
        session, registry, runner, owner_id=principal.user_id, job_id=job_spec_id, item_version=body.item_version
    )
    return await _view(registry, session, job)


@router.get(
    "/jobs/goal/{jobSpecId}/status",
    response_model=JobStatusView,
    response_model_exclude_none=True,
    summary="Poll a job's status",
    description="Poll every 2 seconds while executing. `checkpoint` is present when `slot_needed`, "
    "`error` when `failed`.",
    responses=error_responses(*AUTH),
)
async def job_status(job_spec_id: JobSpecId, session: ReadSession, principal: StatusPoller) -> JobStatusView:
    job = await service.get_job(session, owner_id=principal.user_id, job_id=job_spec_id)
    return service.status_view(job)


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


