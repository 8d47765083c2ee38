"""Migration 0003 carries balances that predate the ledger into it, and adds the non-negative CHECK."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import create_async_engine

from convilyn.core.db import async_url
from convilyn.core.migrate import alembic_config
from tests.conftest import TEST_DB_ENV, _create_postgres_database, _drop_postgres_database


@pytest.fixture
def fresh_database_url(tmp_path: Path):
    base = os.environ.get(TEST_DB_ENV)
    if not base:
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    url = asyncio.run(_create_postgres_database(base))
    try:
        yield url
    finally:
        asyncio.run(_drop_postgres_database(url))


async def _sql(url: str, statement: str) -> list[tuple]:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(statement))
            return [tuple(row) for row in result.all()] if result.returns_rows else []
    finally:
        await engine.dispose()


def test_existing_balances_become_opening_grants_and_negative_balances_are_refused(fresh_database_url: str):
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0002")
    asyncio.run(_sql(fresh_database_url,
                     "INSERT INTO users (id, display_name, tier, credit_balance, created_at) VALUES "
                     "('usr_aaaaaaaaaaaaaaaaaaaaaaaa', 'Old', 'free', 5, CURRENT_TIMESTAMP), "
                     "('usr_bbbbbbbbbbbbbbbbbbbbbbbb', 'Broke', 'free', 0, CURRENT_TIMESTAMP)"))
    command.upgrade(config, "head")
    rows = asyncio.run(_sql(fresh_database_url,
                            "SELECT user_id, seq, kind, amount, balance_after, reason FROM ledger_entries"))
    assert rows == [("usr_aaaaaaaaaaaaaaaaaaaaaaaa", 1, "grant", 5, 5, "opening balance")]
    with pytest.raises(IntegrityError):
        asyncio.run(_sql(fresh_database_url, "UPDATE users SET credit_balance = -1"))

    command.downgrade(config, "0002")
    command.upgrade(config, "head")
