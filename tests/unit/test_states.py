"""The job state machine, exhaustively."""

from __future__ import annotations

import itertools

import pytest

from convilyn.jobs.states import (
    CANCELLABLE,
    CONFIRMABLE,
    FILLABLE,
    TERMINAL,
    TRANSITIONS,
    JobStatus,
    can_transition,
    sources_of,
)
from convilyn.jobs.transitions import IllegalTransition, move_job

ALLOWED = {
    ("pending", "pending"), ("pending", "confirming"),
    ("slot_needed", "slot_needed"), ("slot_needed", "confirming"),
    ("confirming", "executing"),
    ("executing", "executing"), ("executing", "completed"), ("executing", "failed"), ("executing", "slot_needed"), ("executing", "confirming"),
    # Cancel, from every state before the end.
    ("pending", "cancelled"), ("confirming", "cancelled"), ("executing", "cancelled"), ("slot_needed", "cancelled"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(JobStatus, JobStatus)))
def test_every_pair_of_statuses(current, target):
    assert can_transition(current, target) == ((current.value, target.value) in ALLOWED)


def test_terminal_states_lead_nowhere():
    for status in TERMINAL:
        assert TRANSITIONS[status] == frozenset()


def test_users_act_only_while_the_job_waits_on_them():
    assert set(FILLABLE) == set(CONFIRMABLE) == {JobStatus.PENDING, JobStatus.SLOT_NEEDED}


def test_sources_of_a_status_are_the_inverse_of_transitions():
    for target in JobStatus:
        assert set(sources_of(target)) == {s for s in JobStatus if target in TRANSITIONS[s]}
    assert set(sources_of(JobStatus.CONFIRMING)) == {JobStatus.PENDING, JobStatus.SLOT_NEEDED, JobStatus.EXECUTING}


def test_every_status_but_the_terminal_ones_can_be_cancelled():
    assert set(CANCELLABLE) == set(JobStatus) - set(TERMINAL) == set(sources_of(JobStatus.CANCELLED))


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        can_transition("pending", "archived")


@pytest.mark.parametrize("target", list(JobStatus))
def test_a_guarded_update_matches_exactly_the_statuses_the_table_allows_into_its_target(target):
    statement = move_job("job_x", target).compile()
    assert statement.params["status_1"] == list(sources_of(target))
    assert statement.params["status"] == target


@pytest.mark.parametrize(("current", "target"), [(c, t) for c in JobStatus for t in JobStatus
                                                 if (c.value, t.value) not in ALLOWED])
def test_a_guarded_update_the_table_does_not_list_cannot_be_written(current, target):
    with pytest.raises(IllegalTransition, match=f"{current} -> {target}"):
        move_job("job_x", target, from_=(current,))
