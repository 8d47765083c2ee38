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
from typing import Annotated, Any, Literal

from fastapi import Query
from sqlalchemy import ColumnElement, Select, and_, bindparam, or_

from convilyn.core.errors import ValidationFailed

# The ``cursor`` query parameter of every keyset-paginated listing.
CursorQuery = Annotated[str | None, Query(max_length=512, description="Opaque cursor from a previous response.")]

KeyKind = Literal["datetime", "int", "str"]
Rows = Select[*tuple[Any, ...]]  # a SELECT of any columns


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

    def after(self) -> ColumnElement[bool]:
        """Rows strictly after the cursor's key in this (descending) order (binds ``after_0``, ``after_1``...)."""
        bound = [bindparam(f"after_{index}", type_=column.type) for index, (column, _) in enumerate(self.columns)]
        clauses = []
        for index, (column, _) in enumerate(self.columns):
            equal = [c == v for (c, _), v in zip(self.columns[:index], bound[:index], strict=True)]
            clauses.append(and_(*equal, column < bound[index]))
        return or_(*clauses)

    def page(self, statement: Rows, *, after: bool) -> Rows:
        """``statement`` as one page in this order: after a cursor or from the start, ``page_limit`` rows.

        Built with binds, so a statement built once pages through ``Database.all`` with no session
        (``params`` gives their values)."""
        if after:
            statement = statement.where(self.after())
        return statement.order_by(*self.order_by()).limit(bindparam("page_limit"))

    def params(self, *, limit: int, cursor: str | None) -> dict[str, Any]:
        """The values of ``page``'s binds: one row more than the page, to tell whether another follows."""
        values: dict[str, Any] = {"page_limit": limit + 1}
        if cursor:
            values.update({f"after_{index}": value for index, value in enumerate(self.decode(cursor))})
        return values

    def page_of(self, rows: Sequence[Any], *, limit: int, key: Any) -> Page:
        """The page of ``rows`` read with ``params(limit=limit, ...)``; ``key(row)`` gives a row's sort values."""
        more = len(rows) > limit
        rows = list(rows[:limit])
        return Page(rows=rows, cursor=self.encode(key(rows[-1])) if more and rows else None)


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
    """One page of ``statement`` in ``keyset`` order, read in ``session``; ``key(row)`` gives a row's sort values."""
    params = keyset.params(limit=limit, cursor=cursor)  # first: a bad cursor is a 422 before any read
    result = await session.execute(keyset.page(statement, after=bool(cursor)), params)
    return keyset.page_of(result.all(), limit=limit, key=key)
