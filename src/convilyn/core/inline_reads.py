"""Point reads on SQLite run on the event loop, on the driver itself: the status poll's read path.

Through aiosqlite a read session costs about ten hand-offs to its thread and back
(connect, BEGIN, execute, fetch, rollback); through SQLAlchemy Core on a held
connection a cached statement still costs about 40 µs of parameter and result
set-up. The read itself, a primary-key lookup in SQLite's page cache, takes 5 µs.
So a statement is compiled once per process (``_Prepared``: its SQL, its bind
order, the result converters of its columns' types) and run on one autocommit
``sqlite3`` connection that never waits for a lock (``busy_timeout=0``,
``query_only``). In WAL mode readers are not blocked by writers; when the read
would be (a checkpoint or recovery holding the WAL index), ``InlineReader.first``
says so with ``Busy`` and the caller reads through aiosqlite instead.

Only statements whose bind parameters need no conversion (strings, integers)
are run this way; ``prepared`` returns None for the others.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import namedtuple
from collections.abc import Callable
from typing import Any

from sqlalchemy import Executable, Select
from sqlalchemy.engine import Dialect

MAX_STATEMENTS = 64  # statements are module-level constants; past this, something builds them per call


class Busy(Exception):
    """The inline read could not run at once (locked database): read another way."""


class _Prepared:
    """A SELECT compiled once for SQLite: SQL, positional bind names, and one converter per column."""

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.binds = [(name, compiled.binds[name]) for name in compiled.positiontup or ()]
        columns = list(statement.selected_columns)
        self.converters: list[Callable[[Any], Any] | None] = [
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        ]
        self.row = namedtuple("Row", [column.key or f"column_{i}" for i, column in enumerate(columns)],  # type: ignore[misc]
                              rename=True)
        self.simple_binds = all(
            bind.type.dialect_impl(dialect).bind_processor(dialect) is None for _, bind in self.binds)

    def parameters(self, params: dict[str, Any]) -> list[Any]:
        return [params.get(name, bind.effective_value) for name, bind in self.binds]

    def convert(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        return self.row(*[value if convert is None or value is None else convert(value)
                          for value, convert in zip(row, self.converters, strict=True)])


class InlineReader:
    """One read-only ``sqlite3`` connection used on the event loop, and the statements prepared for it."""

    def __init__(self, path: str, dialect: Dialect) -> None:
        self._path = path
        self._dialect = dialect
        self._connection: sqlite3.Connection | None = None
        self._prepared: dict[int, tuple[Executable, _Prepared | None]] = {}
        self._lock = threading.Lock()  # a loop in another thread (a test's) may share the Database

    def prepared(self, statement: Executable) -> _Prepared | None:
        """The compiled form of ``statement``, or None when it cannot run inline."""
        entry = self._prepared.get(id(statement))
        if entry is not None and entry[0] is statement:
            return entry[1]
        prepared = None
        if isinstance(statement, Select):
            candidate = _Prepared(statement, self._dialect)
            prepared = candidate if candidate.simple_binds else None
        if len(self._prepared) < MAX_STATEMENTS:
            self._prepared[id(statement)] = (statement, prepared)  # holding it keeps its id from being reused
        return prepared

    def first(self, prepared: _Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row, or None; Busy when SQLite cannot read at once."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                row = self._connection.execute(prepared.sql, prepared.parameters(params)).fetchone()
            except sqlite3.OperationalError as exc:
                raise Busy(str(exc)) from exc
        return None if row is None else prepared.convert(row)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=0")
        connection.execute("PRAGMA query_only=ON")
        return connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
