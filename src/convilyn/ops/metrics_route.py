"""``GET /metrics``: the Prometheus scrape endpoint, with job counts read from the database."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import func, select

from convilyn.context import AppContext
from convilyn.deps import Instance
from convilyn.jobs.models import Job
from convilyn.jobs.states import JobStatus
from convilyn.ops.metrics import AT_CHECKPOINT, EXECUTING, QUEUE_DEPTH, exposition

router = APIRouter(tags=["meta"])


async def _refresh_job_gauges(ctx: AppContext) -> None:
    async with ctx.db.read() as session:
        counts = dict((await session.execute(
            select(Job.status, func.count()).where(
                Job.status.in_([JobStatus.CONFIRMING, JobStatus.EXECUTING, JobStatus.SLOT_NEEDED])
            ).group_by(Job.status)
        )).all())
    QUEUE_DEPTH.set(counts.get(JobStatus.CONFIRMING, 0))
    EXECUTING.set(counts.get(JobStatus.EXECUTING, 0))
    AT_CHECKPOINT.set(counts.get(JobStatus.SLOT_NEEDED, 0))


@router.get("/metrics", include_in_schema=False)
async def metrics(ctx: Instance) -> Response:
    """Prometheus scrape endpoint (no credentials: expose it only where Prometheus can reach it)."""
    await _refresh_job_gauges(ctx)
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
