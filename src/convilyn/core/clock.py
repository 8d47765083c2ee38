"""The one clock. Tests move it forward instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Wall-clock UTC time, with an offset that tests can advance."""

    def __init__(self) -> None:
        self._offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta

    def reset(self) -> None:
        self._offset = timedelta()


clock = Clock()


def rfc3339(value: datetime) -> str:
    """RFC 3339 UTC with a Z suffix."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
