"""``convilyn demo``: the seed's "Full Flow: Cover Letter Example" against a real embedded server.

Starts an instance on a free loopback port (fresh data dir, offline model),
creates a user, and then talks to it only through the Python SDK (``convilyn_sdk``),
as a newcomer's own code would: catalog, upload, ``jobs.run``, download.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import typer
import uvicorn

SAMPLES = ("resume.md", "job_posting.txt")

WEB_APP_HINT = """
The web app (run, build, community, forge) is served by `make serve` at http://127.0.0.1:8000/app/.
Sign in with the one-time link (signInUrl) that this prints:
  .venv/bin/convilyn users create "Your Name" --tier pro --credits 3
"""


def sample(name: str) -> bytes:
    return (resources.files("convilyn.demo") / name).read_bytes()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(data_dir: Path) -> tuple[uvicorn.Server, str, dict[str, str]]:
    import asyncio

    from convilyn.app import create_app
    from convilyn.auth import service as auth
    from convilyn.core.db import Database
    from convilyn.core.migrate import upgrade
    from convilyn.core.settings import Settings

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = Settings(data_dir=data_dir, base_url=base_url)
    upgrade(settings.resolved_database_url)

    async def make_user() -> dict[str, str]:
        db = Database(settings.resolved_database_url)
        try:
            async with db.transaction() as session:
                user = await auth.create_user(session, display_name="Demo User", tier="free")
            return {"Authorization": f"Bearer {auth.issue_token(settings, user.id)}"}
        finally:
            await db.dispose()

    headers = asyncio.run(make_user())
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the embedded server did not start within 30 s")
        time.sleep(0.05)
    return server, base_url, headers


def run_demo(out: Path, data_dir: Path | None) -> int:
    """Run the flow through the Python SDK, printing each call; returns the process exit code."""
    from convilyn_sdk import Convilyn, JobFailed, JobResult

    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="convilyn-demo-"))
    typer.echo(f"Starting an embedded Convilyn (data in {data_dir}) ...")
    server, base_url, headers = _start_server(data_dir)
    token = headers["Authorization"].removeprefix("Bearer ")
    try:
        typer.echo(f"\nclient = Convilyn(base_url={base_url!r}, api_key=...)")
        with Convilyn(base_url=base_url, api_key=token) as client:
            catalog = client.catalog.list()
            typer.echo(f"client.catalog.list()  -> {', '.join(item.spec_id for item in catalog)}")
            file_ids = []
            for name in SAMPLES:
                uploaded = client.files.upload((name, sample(name), "text/plain"))
                file_ids.append(uploaded.file_id)
                typer.echo(f"client.files.upload({name!r})  -> {uploaded.file_id}")
            typer.echo('client.jobs.run("goal_lane.cover_letter", file_ids=[...], on_progress=...)')
            try:
                result = client.jobs.run("goal_lane.cover_letter", file_ids=file_ids, on_progress=_show_progress,
                                         timeout=300)
            except JobFailed as failed:
                typer.secho(f"The job ended {failed.status.status}: {failed.error}", fg=typer.colors.RED, err=True)
                return 1
            if not isinstance(result, JobResult):  # the cover letter has no checkpoints
                typer.secho(f"The job waits at {result.checkpoint.checkpoint_id}.", fg=typer.colors.RED, err=True)
                return 1
            typer.echo(f"  -> JobResult(job_id={result.job_id!r}, output_files={result.output_files})")
            out.mkdir(parents=True, exist_ok=True)
            archive_path = client.jobs.download(result.job_id, out)
            typer.echo(f"client.jobs.download({result.job_id!r}, {str(out)!r})  -> {archive_path}")
        with zipfile.ZipFile(archive_path) as bundle:
            bundle.extractall(out)
            names = bundle.namelist()
        typer.echo(f"\nExtracted into {out}: {', '.join(names)}\n")
        letter = out / "cover_letter.md"
        if letter.exists():
            typer.echo(letter.read_text())
        typer.echo(WEB_APP_HINT)
        return 0
    finally:
        server.should_exit = True


def _show_progress(status: Any) -> None:
    typer.echo(f"  {status.status:<10} {status.progress:>3}%  {status.current_step or ''}")
