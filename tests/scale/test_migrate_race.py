"""Many processes starting at once on a fresh PostgreSQL database all come up."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from convilyn.core.db import async_url
from tests.scale.conftest import pg_only
from tests.scale.processes import Role
from tests.support import run_cli


async def _revisions(url: str) -> list[str]:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(text("SELECT version_num FROM alembic_version"))).scalars())
    finally:
        await engine.dispose()


@pg_only
def test_four_servers_started_together_on_a_fresh_database_all_come_up(fresh_pg_url: str, tmp_path: Path):
    env = {"CONVILYN_DATABASE_URL": fresh_pg_url, "CONVILYN_DATA_DIR": str(tmp_path / "data")}
    roles = [Role.serve(env, tmp_path / f"serve{i}.log") for i in range(4)]
    try:
        for role in roles:
            role.wait_healthy()
    finally:
        for role in roles:
            role.stop()
    head = run_cli("migrate", data_dir=tmp_path / "data", database_url=fresh_pg_url)
    assert head.returncode == 0, head.stderr
    assert asyncio.run(_revisions(fresh_pg_url)) == [head.stdout.split()[-1]]
