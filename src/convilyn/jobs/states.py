r"""The job state machine: which status may move to which. The one table.

```
pending --confirm--> confirming --a worker claims--> executing --> completed
   ^ PATCH slots                                      |  \-----> failed
                                                      v
                                                 slot_needed --PATCH slots, confirm--> confirming
```
A phase that crashes goes back from executing to confirming to be retried;
executing -> executing is a running phase reporting progress, or a worker
taking over the phase of a worker that died. Every guarded UPDATE of a job's
status is built from this table (``jobs.transitions.move_job``), so a transition
that is not here cannot be written.
"""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    PENDING = "pending"
    CONFIRMING = "confirming"
    EXECUTING = "executing"
    SLOT_NEEDED = "slot_needed"
    COMPLETED = "completed"
    FAILED = "failed"


TERMINAL = (JobStatus.COMPLETED, JobStatus.FAILED)

# The user may fill slots, then confirm, only while the job waits on them.
FILLABLE = (JobStatus.PENDING, JobStatus.SLOT_NEEDED)
CONFIRMABLE = FILLABLE

TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.PENDING: frozenset({JobStatus.PENDING, JobStatus.CONFIRMING}),
    JobStatus.SLOT_NEEDED: frozenset({JobStatus.SLOT_NEEDED, JobStatus.CONFIRMING}),
    JobStatus.CONFIRMING: frozenset({JobStatus.EXECUTING}),
    JobStatus.EXECUTING: frozenset(
        {JobStatus.EXECUTING, JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.SLOT_NEEDED, JobStatus.CONFIRMING}
    ),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.FAILED: frozenset(),
}


def can_transition(current: JobStatus | str, target: JobStatus | str) -> bool:
    return JobStatus(target) in TRANSITIONS[JobStatus(current)]


def sources_of(target: JobStatus) -> tuple[JobStatus, ...]:
    """Every status from which ``target`` may be reached (for guarded updates)."""
    return tuple(status for status, targets in TRANSITIONS.items() if target in targets)
