"""Database engines and sessions, for SQLite (embedded default) and PostgreSQL.

Reads and writes use separate engines on SQLite: writes start with
``BEGIN IMMEDIATE`` so a transaction takes the write lock up front and waits
for it (``busy_timeout``) instead of failing with "database is locked" when it
later tries to upgrade a read lock.

``Database.first`` and ``Database.all`` are the hot read path (the status poll,
a job, the job list): a statement built once, no ORM session, run on the
driver itself (``core/point_reads.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import DateTime, Executable, MetaData, event
from sqlalchemy.engine import URL, CursorResult, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from convilyn.core.point_reads import PointReads, PostgresPointReads, SqlitePointReads, Unavailable

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def async_url(url: str) -> URL:
    """Accept the URLs users write (``postgresql://``, ``sqlite:///``) and pick the async driver.

    PostgreSQL runs on psycopg 3, the driver Procrastinate's connector uses, so a
    phase can be deferred on the very connection that commits the job's state
    change. ``postgresql+asyncpg://`` URLs from older configurations still work:
    they are read as the same database, with asyncpg's query names put back to libpq's.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+asyncpg"):
        if parsed.drivername == "postgresql+asyncpg":
            parsed = _libpq_query(parsed)
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed


# asyncpg URL parameters and what libpq calls them (None: no libpq equivalent, dropped).
_ASYNCPG_PARAMS = {"ssl": "sslmode", "timeout": "connect_timeout", "command_timeout": None,
                   "prepared_statement_cache_size": None, "prepared_statement_name_func": None}


def _libpq_query(parsed: URL) -> URL:
    """Rewrite an asyncpg URL's query parameters to the libpq names psycopg understands."""
    query = dict(parsed.query)
    for name, renamed in _ASYNCPG_PARAMS.items():
        if name in query:
            value = query.pop(name)
            if renamed and renamed not in query:
                query[renamed] = value
    return parsed.set(query=query)


def _configure_sqlite(engine: AsyncEngine, *, immediate: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """The engines and session factories for one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.drivername.startswith("sqlite")
        if self.is_sqlite:
            self.read_engine = create_async_engine(self.url, echo=echo, pool_size=8, max_overflow=8)
            # One writer connection: in-process writers queue on the pool, other
            # processes wait on busy_timeout.
            self.write_engine = create_async_engine(
                self.url, echo=echo, pool_size=1, max_overflow=0, pool_timeout=120
            )
            _configure_sqlite(self.read_engine, immediate=False)
            _configure_sqlite(self.write_engine, immediate=True)
            path = self.url.database
            self._point_reads: PointReads | None = (
                SqlitePointReads(path, self.write_engine.dialect) if path and path != ":memory:" else None)
        else:
            self.read_engine = create_async_engine(
                self.url, echo=echo, pool_size=10, max_overflow=20, pool_pre_ping=True
            )
            self.write_engine = self.read_engine
            self._point_reads = PostgresPointReads(libpq_url(url))
        self._read = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for reads; nothing it does is committed."""
        async with self._read() as session, session.begin():
            yield session

    async def first(self, statement: Executable, params: dict[str, Any] | None = None) -> Any:
        """The first row (a named tuple) of a SELECT built once, or None: on the driver itself
        (``core/point_reads.py``), else through SQLAlchemy."""
        rows = await self._rows(statement, params or {}, first=True)
        return rows[0] if rows else None

    async def all(self, statement: Executable, params: dict[str, Any] | None = None) -> list[Any]:
        """Every row (named tuples) of a SELECT built once, read as ``first`` reads one."""
        return await self._rows(statement, params or {}, first=False)

    async def _rows(self, statement: Executable, params: dict[str, Any], *, first: bool) -> list[Any]:
        reads = self._point_reads
        prepared = reads.prepared(statement) if reads is not None else None
        if reads is not None and prepared is not None:
            try:
                return await reads.rows(prepared, params, first=first)
            except Unavailable:
                pass  # locked, a lost connection, or a real error the read below raises again
        async with self.read_engine.connect() as connection:
            result = await connection.execute(statement, params)
            return list(result.fetchmany(1) if first else result.all())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction, committed when the block exits without an error."""
        async with self._write() as session, session.begin():
            yield session

    @asynccontextmanager
    async def writer(self) -> AsyncIterator[AsyncSession]:
        """A session on the write engine whose caller commits; closing it uncommitted rolls back."""
        async with self._write() as session:
            yield session

    async def dispose(self) -> None:
        if self._point_reads is not None:
            await self._point_reads.close()
        await self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            await self.write_engine.dispose()


def after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Run ``callback`` (quick, synchronous) when ``session``'s transaction commits, whoever
    commits it (``Database.transaction`` or a route's ``WriteSession``); never on rollback."""
    event.listen(session.sync_session, "after_commit", lambda _: callback(), once=True)


def libpq_url(url: str) -> str:
    """The database as a libpq connection string (for psycopg connections SQLAlchemy does not own)."""
    return async_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def rows_affected(session: AsyncSession, statement: Executable) -> int:
    """Run an INSERT, UPDATE or DELETE and return how many rows it touched: the answer every
    guarded write (a version, a status, an owner in its WHERE) is decided by."""
    result = cast("CursorResult[Any]", await session.execute(statement))
    return result.rowcount
