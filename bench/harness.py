"""What the bench scripts share: a throwaway instance, servers pinned to a core, and their clean-up.

Not a test helper: nothing here is imported by the suite. Run the scripts beside it
(``python bench/status_poll.py``, ``python bench/jobs.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from convilyn.demo import free_port

UVICORN = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--log-level", "warning", "--no-access-log"]


def cores() -> tuple[str | None, str | None]:
    """The CPU the servers run on and the one the load generator runs on (None: not pinned).

    With two or more usable cores and ``taskset`` present, servers take the first
    and the client the second, so the client never steals the server's core.
    """
    usable = sorted(os.sched_getaffinity(0))
    if len(usable) < 2 or shutil.which("taskset") is None:
        return None, None
    return str(usable[0]), str(usable[1])


def pinned(command: list[str], core: str | None) -> list[str]:
    return ["taskset", "-c", core, *command] if core is not None else command


def wait_listening(process: subprocess.Popen, port: int, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server on {port} did not start: {process.stderr.read().decode()[-2000:]}")


@contextlib.contextmanager
def server(command: list[str], env: dict[str, str], port: int) -> Iterator[subprocess.Popen]:
    """A server process, listening when the block starts, stopped when it ends."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_listening(process, port)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Instance:
    """A fresh Convilyn data directory (and database) for one bench run."""

    workdir: Path
    env: dict[str, str]
    database_url: str | None

    def cli(self, *args: str) -> dict:
        """Run ``convilyn ARGS --json`` against this instance and return its JSON."""
        output = subprocess.check_output([sys.executable, "-m", "convilyn.cli", *args, "--json"], env=self.env)
        return json.loads(output)

    def convilyn_server(self, port: int, core: str | None) -> contextlib.AbstractContextManager:
        command = pinned([*UVICORN, "--factory", "convilyn.app:create_app", "--port", str(port)], core)
        return server(command, {**self.env, "CONVILYN_BASE_URL": f"http://127.0.0.1:{port}"}, port)


@contextlib.contextmanager
def instance(*, database_url: str | None = None, settings: dict[str, str] | None = None) -> Iterator[Instance]:
    """A throwaway instance: its own data dir; on PostgreSQL its own database, dropped afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="convilyn-bench-"))
    env = {**os.environ, "CONVILYN_DATA_DIR": str(workdir / "data"), **(settings or {})}
    env.pop("CONVILYN_DATABASE_URL", None)
    env.pop("CONVILYN_REDIS_URL", None)
    database = None
    if database_url:
        database = f"convilyn_bench_{secrets.token_hex(4)}"
        asyncio.run(_admin(database_url, f'CREATE DATABASE "{database}"'))
        env["CONVILYN_DATABASE_URL"] = make_url(database_url).set(database=database).render_as_string(
            hide_password=False)
    try:
        yield Instance(workdir=workdir, env=env, database_url=env.get("CONVILYN_DATABASE_URL"))
    finally:
        if database:
            asyncio.run(_admin(database_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        shutil.rmtree(workdir, ignore_errors=True)


async def _admin(database_url: str, statement: str) -> None:
    import psycopg

    url = make_url(database_url).set(drivername="postgresql", database="postgres")
    async with await psycopg.AsyncConnection.connect(url.render_as_string(hide_password=False),
                                                     autocommit=True) as connection:
        await connection.execute(statement)


__all__ = ["Instance", "cores", "free_port", "instance", "pinned", "server"]
