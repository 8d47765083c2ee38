"""Apply the Alembic migrations shipped in the package, one process at a time.

On PostgreSQL the upgrade runs under a session-level advisory lock, so any
number of ``convilyn serve``, ``worker`` or ``migrate`` processes started at
once on one database queue on the lock: the first applies the migrations, the
others find ``alembic_version`` at head and do nothing. Without it two upgrades
race on creating ``alembic_version`` and the loser crashes at start-up. SQLite
needs no lock: its DDL runs inside one ``BEGIN IMMEDIATE`` write transaction.
"""

from __future__ import annotations

import asyncio
from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, func, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from convilyn.core.db import async_url

# pg_advisory_lock key: the first eight bytes of "convilyn" read as a signed bigint.
MIGRATION_LOCK = int.from_bytes(b"convilyn", "big", signed=True)


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("convilyn") / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def _upgrade_on(connection: Connection, config: Config) -> None:
    # env.py runs the migrations on this connection instead of opening its own.
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade_async(database_url: str) -> None:
    """Bring the database to the latest revision (waits for another process's upgrade)."""
    engine = create_async_engine(async_url(database_url), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            locked = connection.dialect.name == "postgresql"
            if locked:
                await connection.execute(select(func.pg_advisory_lock(MIGRATION_LOCK)))
                await connection.commit()
            try:
                await connection.run_sync(_upgrade_on, alembic_config(database_url))
                await connection.commit()
            finally:
                if locked:
                    await connection.rollback()
                    await connection.execute(select(func.pg_advisory_unlock(MIGRATION_LOCK)))
                    await connection.commit()
    finally:
        await engine.dispose()


def upgrade(database_url: str) -> None:
    asyncio.run(upgrade_async(database_url))


def current_revision(database_url: str) -> str | None:
    """The revision the database is at (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    async def read() -> str | None:
        engine = create_async_engine(async_url(database_url), poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
        finally:
            await engine.dispose()

    return asyncio.run(read())
