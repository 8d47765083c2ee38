"""The one clock. Tests move it forward instead of sleeping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


class Clock:
    """Wall-clock UTC time, with an offset that tests can advance."""

    def __init__(self) -> None:
        self._offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def today(self) -> date:
        """Today's date in UTC: what "Friday" or "tomorrow" in a document is counted from."""
        return self.now().date()

    def advance(self, delta: timedelta) -> None:
        self._offset += delta

    def reset(self) -> None:
        self._offset = timedelta()


clock = Clock()
