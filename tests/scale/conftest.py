"""Tests that need several processes on one real PostgreSQL database.

They run when ``CONVILYN_TEST_DATABASE_URL`` is set (CI sets it) and skip otherwise:
SQLite is one process by design.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

from tests.conftest import TEST_DB_ENV, _create_postgres_database, _drop_postgres_database

pg_only = pytest.mark.skipif(not os.environ.get(TEST_DB_ENV), reason=f"set {TEST_DB_ENV} to run (PostgreSQL)")


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped after it."""
    url = asyncio.run(_create_postgres_database(os.environ[TEST_DB_ENV]))
    try:
        yield url
    finally:
        asyncio.run(_drop_postgres_database(url))
