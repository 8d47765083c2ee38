"""Guarded UPDATEs of a job's status, built from the one table in ``jobs.states``.

``move_job`` is the only way code changes ``jobs.status``: its WHERE names the
statuses the table allows to reach the target (or the subset the caller
expects), so the database refuses an illegal move by matching no row, and a
move the table does not list fails loudly where it is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, Update, update

from convilyn.core.clock import clock
from convilyn.jobs.models import Job
from convilyn.jobs.states import JobStatus, can_transition, sources_of


class IllegalTransition(ValueError):
    """Code asked for a move the transition table does not have (a bug, not a user error)."""


def move_job(
    job_id: str, to: JobStatus, *guards: ColumnElement[bool], from_: Iterable[JobStatus] | None = None
) -> Update:
    """``UPDATE jobs SET status = to`` where the job is in one of ``from_`` (default: every
    status the table allows into ``to``) and every extra guard holds. Chain ``.values()``
    for the other columns; ``rowcount == 1`` tells the move happened."""
    sources = sources_of(to) if from_ is None else tuple(from_)
    for source in sources:
        if not can_transition(source, to):
            raise IllegalTransition(f"the job state table has no move {source} -> {to}")
    return (
        update(Job)
        .where(Job.id == job_id, Job.status.in_(sources), *guards)
        .values(status=to, updated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
