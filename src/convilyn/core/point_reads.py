"""Point reads on the database driver itself: the status poll's read path (``Database.first``).

Measured per read (docs/decisions.md, issue 12): on SQLite an aiosqlite session
costs about ten hand-offs to its thread and back (connect, BEGIN, execute, fetch,
rollback) and SQLAlchemy Core on a held connection still about 40 µs of
parameter and result set-up, for a primary-key lookup that takes 5 µs in
SQLite's page cache. On PostgreSQL an AsyncEngine checkout costs four round trips
(pre-ping, BEGIN, the SELECT, the ROLLBACK on return) and 760 µs of this
process's CPU; one autocommit SELECT on a held psycopg connection, 130-230 µs;
on a held asyncpg connection, 50 µs less than psycopg's under load.

So a statement is compiled once per process (``_Prepared``: its SQL, its bind
order, the result converters of its columns' types) and run on the driver:

- SQLite: on one autocommit ``sqlite3`` connection, on the event loop, that never
  waits for a lock (``busy_timeout=0``, ``query_only``). In WAL mode readers are
  not blocked by writers; when the read would be (a checkpoint or recovery
  holding the WAL index), it raises ``Unavailable``.
- PostgreSQL: on a few asyncpg connections of its own (compiled by SQLAlchemy's
  asyncpg dialect). A connection that fails is dropped, never reused, and the
  read raises ``Unavailable``.

On ``Unavailable`` the caller reads through SQLAlchemy as usual (which waits for
the lock, or reconnects with its pre-ping, or raises the outage the app answers
with 503). Any SELECT built once (a module constant, or one of a few variants
memoized by its builder) runs this way, its bind values converted by their
types as SQLAlchemy would (a datetime to SQLite's text); ``prepared`` returns
None for anything else, which then goes through SQLAlchemy.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import threading
from collections import namedtuple
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy import Executable, Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect

MAX_STATEMENTS = 64  # statements are module-level constants; past this, something builds them per call
POSTGRES_CONNECTIONS = 4  # a read takes one for a single round trip: a few serve thousands a second


class Unavailable(Exception):
    """The point read could not run (a lock, a lost connection): read through SQLAlchemy instead."""


class _Prepared:
    """A SELECT compiled once for one dialect: SQL, bind order, and one converter per column."""

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        by_name = {compiled.bind_names[bind]: bind for bind in compiled.binds.values()}
        self.positional = compiled.positiontup is not None  # SQLite's qmark; psycopg's pyformat is by name
        order = compiled.positiontup if compiled.positiontup is not None else list(by_name)
        # (name in the SQL, key callers pass it by, the statement's own value (a literal's) or None, converter)
        self.binds = [(name, by_name[name].key, by_name[name].effective_value,
                       by_name[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in order]
        columns = list(statement.selected_columns)
        self.converters: list[Callable[[Any], Any] | None] = [
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
        self.row = namedtuple("Row", [column.key or "" for column in columns], rename=True)  # type: ignore[misc]

    def parameters(self, params: dict[str, Any]) -> list[Any] | dict[str, Any]:
        values = [(name, _bound(params.get(key, default), convert)) for name, key, default, convert in self.binds]
        return [value for _, value in values] if self.positional else dict(values)

    def convert(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        return self.row(*[value if convert is None or value is None else convert(value)
                          for value, convert in zip(row, self.converters, strict=True)])


def _bound(value: Any, convert: Callable[[Any], Any] | None) -> Any:
    return value if convert is None or value is None else convert(value)


class PointReads:
    """Statements prepared for one database, and a way to run them on its driver."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._prepared: dict[int, tuple[Executable, _Prepared | None]] = {}

    def prepared(self, statement: Executable) -> _Prepared | None:
        """The compiled form of ``statement``, or None when it cannot run here."""
        entry = self._prepared.get(id(statement))
        if entry is not None and entry[0] is statement:
            return entry[1]
        prepared = _Prepared(statement, self._dialect) if isinstance(statement, Select) else None
        if len(self._prepared) < MAX_STATEMENTS:
            self._prepared[id(statement)] = (statement, prepared)  # holding it keeps its id from being reused
        return prepared

    async def rows(self, prepared: _Prepared, params: dict[str, Any], *, first: bool) -> list[tuple[Any, ...]]:
        """Every row (named tuples), or only the first; Unavailable when they cannot be read this way now."""
        return [prepared.convert(row) for row in await self._fetch(prepared, params, first=first)]

    async def _fetch(self, prepared: _Prepared, params: dict[str, Any], *, first: bool) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    async def close(self) -> None:
        pass


class SqlitePointReads(PointReads):
    """One read-only ``sqlite3`` connection, used on the event loop."""

    def __init__(self, path: str, dialect: Dialect) -> None:
        super().__init__(dialect)
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # a loop in another thread (a test's) may share the Database

    async def _fetch(self, prepared: _Prepared, params: dict[str, Any], *, first: bool) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
                    self._connection.execute("PRAGMA busy_timeout=0")
                    self._connection.execute("PRAGMA query_only=ON")
                cursor = self._connection.execute(prepared.sql, prepared.parameters(params))
                rows = cursor.fetchmany(1) if first else cursor.fetchall()
                cursor.close()
            except sqlite3.Error as exc:
                raise Unavailable(str(exc)) from exc
        return rows

    async def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


class PostgresPointReads(PointReads):
    """A few asyncpg connections of its own, opened on demand, for one round trip per read.

    asyncpg, not the psycopg that SQLAlchemy and Procrastinate use: under 64 concurrent polls
    a read cost this process 50 µs less CPU (a poll 135 µs in process, not 190), and asyncpg
    prepares each statement once per connection, so the server does not parse and plan it per
    read either (docs/decisions.md, issue 12). Its dialect compiles the statements (``$1``
    binds), and JSON is decoded by a codec set on each connection, as SQLAlchemy's asyncpg
    dialect does.
    """

    def __init__(self, dsn: str) -> None:
        super().__init__(asyncpg_dialect())  # type: ignore[no-untyped-call]  # SQLAlchemy leaves it untyped
        self._dsn = dsn
        self._idle: list[asyncpg.Connection] = []
        self._slots = asyncio.Semaphore(POSTGRES_CONNECTIONS)

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(self._dsn, timeout=5)
        for name in ("json", "jsonb"):
            await connection.set_type_codec(name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
        return connection

    async def _fetch(self, prepared: _Prepared, params: dict[str, Any], *, first: bool) -> list[tuple[Any, ...]]:
        values = prepared.parameters(params)
        async with self._slots:
            connection = None
            try:
                connection = self._idle.pop() if self._idle else await self._connect()
                if first:
                    row = await connection.fetchrow(prepared.sql, *values)
                    rows = [] if row is None else [tuple(row)]
                else:
                    rows = [tuple(row) for row in await connection.fetch(prepared.sql, *values)]
            except BaseException as exc:
                if connection is not None:  # failed or cancelled mid-read: its state is unknown, never reuse it
                    connection.terminate()
                if isinstance(exc, Exception):  # the database, the network, or a URL asyncpg reads otherwise
                    raise Unavailable(str(exc)) from exc
                raise
            self._idle.append(connection)
        return rows

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            with contextlib.suppress(Exception):
                await connection.close(timeout=5)
