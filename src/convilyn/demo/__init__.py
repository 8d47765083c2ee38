"""``convilyn demo``: the seed's "Full Flow: Cover Letter Example" against a real embedded server.

Starts an instance on a free loopback port (fresh data dir, offline model),
creates a user, and then talks to it only through HTTP, as a client would:
upload, create, confirm, poll, download.
"""

from __future__ import annotations

import io
import socket
import tempfile
import threading
import time
import zipfile
from importlib import resources
from pathlib import Path

import httpx
import typer
import uvicorn

SAMPLES = ("resume.md", "job_posting.txt")


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
    """Run the flow; returns the process exit code."""
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="convilyn-demo-"))
    typer.echo(f"Starting an embedded Convilyn (data in {data_dir}) ...")
    server, base_url, headers = _start_server(data_dir)
    try:
        with httpx.Client(base_url=f"{base_url}/api/v1", headers=headers, timeout=60) as api:
            catalog = api.get("/workflows/catalog").json()
            typer.echo(f"Catalog: {', '.join(item['spec_id'] for item in catalog)}")
            file_ids = []
            for name in SAMPLES:
                response = api.post("/upload", files={"file": (name, sample(name), "text/plain")})
                response.raise_for_status()
                file_ids.append(response.json()["file_id"])
                typer.echo(f"1. Uploaded {name} -> file_id {file_ids[-1]}")
            job = api.post("/jobs/goal", json={"workflowId": "goal_lane.cover_letter", "fileIds": file_ids})
            job.raise_for_status()
            job_id, version = job.json()["jobSpecId"], job.json()["itemVersion"]
            typer.echo(f"2. Created job {job_id} (status {job.json()['status']}, itemVersion {version})")
            api.post(f"/jobs/goal/{job_id}/confirm", json={"itemVersion": version}).raise_for_status()
            typer.echo("3. Confirmed -> 202 Accepted")
            status = _poll(api, job_id)
            if status["status"] != "completed":
                typer.secho(f"The job ended {status['status']}: {status.get('error')}", fg=typer.colors.RED, err=True)
                return 1
            url = api.get(f"/jobs/goal/{job_id}/download").json()["url"]
            typer.echo(f"5. Download URL (valid 1 h): {url}")
            archive = httpx.get(url, timeout=60)
            archive.raise_for_status()
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{job_id}.zip").write_bytes(archive.content)
        with zipfile.ZipFile(io.BytesIO(archive.content)) as bundle:
            bundle.extractall(out)
            names = bundle.namelist()
        typer.echo(f"\nWrote {out / (job_id + '.zip')} and extracted: {', '.join(names)}\n")
        letter = out / "cover_letter.md"
        if letter.exists():
            typer.echo(letter.read_text())
        return 0
    finally:
        server.should_exit = True


def _poll(api: httpx.Client, job_id: str) -> dict:
    last = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = api.get(f"/jobs/goal/{job_id}/status").json()
        line = (status["status"], status.get("progress"), status.get("currentStep"))
        if line != last:
            typer.echo(f"4. Poll: {status['status']:<10} {status.get('progress', 0):>3}%  {status.get('currentStep') or ''}")
            last = line
        if status["status"] in ("completed", "failed", "slot_needed"):
            return status
        time.sleep(0.5)
    return {"status": "timeout", "error": "the job did not finish within 5 minutes"}
