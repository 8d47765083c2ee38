"""Keyset pagination with opaque cursors, newest (or largest) first.

A cursor is the sort key of the last item of a page, base64url-encoded JSON
tagged with the ordering it belongs to, so a cursor from one listing cannot
be replayed against another. Every listing (workflows, community, comments,
ledger) pages through this one helper.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, or_

from convilyn.core.errors import ValidationFailed

KeyKind = Literal["datetime", "int", "str"]


@dataclass(frozen=True)
class Keyset:
    """An ordering: columns compared in turn, all descending, the last one unique."""

    name: str
    columns: tuple[tuple[Any, KeyKind], ...]

    def order_by(self) -> list[Any]:
        return [column.desc() for column, _ in self.columns]

    def encode(self, values: Sequence[Any]) -> str:
        wire = [v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v for v in values]
        raw = json.dumps({"o": self.name, "k": wire}, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if not isinstance(data, dict) or data.get("o") != self.name:
                raise ValueError("cursor of another listing")
            raw = data["k"]
            if not isinstance(raw, list) or len(raw) != len(self.columns):
                raise ValueError("wrong key length")
            return [_parse(value, kind) for value, (_, kind) in zip(raw, self.columns, strict=True)]
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error) as exc:
            raise ValidationFailed(
                "cursor is not a cursor this listing returned; start again without it.",
                field="cursor", code="invalid_cursor",
            ) from exc

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        """Rows strictly after ``values`` in this (descending) order."""
        clauses = []
        for index, (column, _) in enumerate(self.columns):
            equal = [c == v for (c, _), v in zip(self.columns[:index], values[:index], strict=True)]
            clauses.append(and_(*equal, column < values[index]))
        return or_(*clauses)


def _parse(value: Any, kind: KeyKind) -> Any:
    if kind == "datetime":
        if not isinstance(value, str):
            raise ValueError("datetime expected")
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("naive datetime")
        return parsed
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or not -(2**31) <= value < 2**31:
            raise ValueError("int expected")
        return value
    if not isinstance(value, str) or len(value) > 80:
        raise ValueError("str expected")
    return value


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    cursor: str | None


async def paginate(session: Any, statement: Select[Any], keyset: Keyset, *, limit: int,
                   cursor: str | None, key: Any) -> Page:
    """One page of ``statement`` in ``keyset`` order; ``key(row)`` gives a row's sort values."""
    if cursor:
        statement = statement.where(keyset.after(keyset.decode(cursor)))
    result = await session.execute(statement.order_by(*keyset.order_by()).limit(limit + 1))
    rows = list(result.all())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows=rows, cursor=keyset.encode(key(rows[-1])) if more and rows else None)
