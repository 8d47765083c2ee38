"""The in-memory moving window: what limits' MovingWindowRateLimiter promises, hit by hit."""

from __future__ import annotations

import pytest

from convilyn.core import moving_window
from convilyn.core.moving_window import MovingWindows


@pytest.fixture
def now(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(moving_window.time, "time", lambda: clock[0])
    return clock


def test_allows_amount_hits_then_refuses_without_recording_until_the_oldest_leaves(now):
    windows = MovingWindows()
    for second in range(3):
        now[0] = 1000.0 + second
        hit = windows.hit("k", amount=3, expiry=60)
        assert hit.allowed and hit.remaining == 2 - second and hit.reset_at == 1060.0
    now[0] = 1059.0
    refused = windows.hit("k", amount=3, expiry=60)
    assert not refused.allowed and refused.remaining == 0 and refused.reset_at == 1060.0
    now[0] = 1060.5  # the first hit (t=1000) has left the window; the refused one was never counted
    again = windows.hit("k", amount=3, expiry=60)
    assert again.allowed and again.remaining == 0 and again.reset_at == 1061.0


def test_keys_are_separate_and_looking_counts_nothing(now):
    windows = MovingWindows()
    assert windows.hit("a", amount=1, expiry=60).allowed
    assert not windows.hit("a", amount=1, expiry=60).allowed
    assert windows.hit("b", amount=1, expiry=60, count=False).remaining == 1
    assert windows.hit("b", amount=1, expiry=60).allowed


def test_keys_whose_window_emptied_are_forgotten(now, monkeypatch):
    monkeypatch.setattr(moving_window, "SWEEP_EVERY", 2)
    windows = MovingWindows()
    windows.hit("old", amount=5, expiry=10)
    now[0] += 11
    windows.hit("new", amount=5, expiry=10)
    windows.hit("new", amount=5, expiry=10)
    assert set(windows._hits) == {"new"}
