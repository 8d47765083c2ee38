"""Test helpers that read like the seed's flow: upload, create, confirm, poll, download."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from convilyn.catalog.registry import SpecRegistry
from convilyn.catalog.spec import DestinationSpec
from convilyn.demo import sample

if TYPE_CHECKING:
    from tests.conftest import LiveServer

CONVILYN = str(Path(sys.executable).parent / "convilyn")


def run_cli(*args: str, data_dir: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    """The ``convilyn`` command in a subprocess, on this data dir and database."""
    env = {**os.environ, "CONVILYN_DATA_DIR": str(data_dir), "CONVILYN_DATABASE_URL": database_url}
    return subprocess.run([CONVILYN, *args], env=env, capture_output=True, text=True, timeout=120)


TERMINAL_OR_WAITING = {"completed", "failed", "slot_needed"}


@dataclass
class Api:
    live: LiveServer
    user_id: str
    token: str
    api_key: str
    key_id: str
    tier: str

    def client(self, *, use_key: bool = False) -> httpx.AsyncClient:
        return self.live.client(self.api_key if use_key else self.token)

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async with self.client() as client:
            return await client.request(method, f"/api/v1{path}", **kwargs)

    async def upload(self, filename: str, content: bytes | str, content_type: str = "text/plain") -> str:
        data = content.encode() if isinstance(content, str) else content
        response = await self.request("POST", "/upload", files={"file": (filename, data, content_type)})
        assert response.status_code == 201, response.text
        return response.json()["file_id"]

    async def create_job(self, workflow_id: str, file_ids: list[str]) -> dict[str, Any]:
        response = await self.request("POST", "/jobs/goal", json={"workflowId": workflow_id, "fileIds": file_ids})
        assert response.status_code == 201, response.text
        return response.json()

    async def confirm(self, job_id: str, item_version: int) -> dict[str, Any]:
        response = await self.request("POST", f"/jobs/goal/{job_id}/confirm", json={"itemVersion": item_version})
        assert response.status_code == 202, response.text
        return response.json()

    async def fill(self, job_id: str, item_version: int, **values: Any) -> dict[str, Any]:
        slots = [{"slotId": k, "value": v} for k, v in values.items()]
        response = await self.request("PATCH", f"/jobs/goal/{job_id}/slots",
                                      json={"itemVersion": item_version, "slots": slots})
        assert response.status_code == 200, response.text
        return response.json()

    async def settle(self, job_id: str) -> dict[str, Any]:
        """Wait for the runner to go idle, then read the status as a poller would."""
        await self.live.ctx.runner.drain()
        response = await self.request("GET", f"/jobs/goal/{job_id}/status")
        assert response.status_code == 200, response.text
        return response.json()

    async def download(self, job_id: str) -> dict[str, bytes]:
        link = await self.request("GET", f"/jobs/goal/{job_id}/download")
        assert link.status_code == 200, link.text
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.get(link.json()["url"])
        assert response.status_code == 200, response.text
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


RESUME = sample("resume.md").decode()
JOB_POSTING = sample("job_posting.txt").decode()

MEETING_NOTES = """Weekly product sync
Date: 2026-11-20
Attendees: Alice Martin, Bob Chen, Carol Diaz

Notes
- We discussed whether to move the launch to January.
- Bob mentioned he might look at the pricing page later.
- Carol sent the budget report last week.

Action items
- ACTION: Bob to send the revised deck to the board by 2026-11-27
- [ ] Alice: update the public roadmap (due 2026-12-01)
- Carol will review the Q1 hiring plan by Friday
"""


def register_test_specs(registry: SpecRegistry) -> None:
    """Specs only the tests use (``test.*``), registered beside the curated ones."""
    for spec in TEST_SPECS:
        registry.register(DestinationSpec.model_validate(spec))


TEST_SPECS: list[dict[str, Any]] = []


class ScriptedRuntime:
    """A PhaseRuntime for runner tests: stops at each checkpoint of the spec in turn, then writes
    one file per output spec from the inputs and slot values. ``fail`` / ``crash`` / ``hang``
    make a phase raise PhaseFailed, raise an unexpected error, or outlive its timeout."""

    def __init__(self, *, fail: str | None = None, crash: int = 0, hang: bool = False) -> None:
        self.fail = fail
        self.crash = crash
        self.hang = hang
        self.calls: list[Any] = []

    async def run_phase(self, request, progress):
        import asyncio

        from convilyn.runtime.phase import CheckpointReached, Completed, PhaseFailed

        self.calls.append(request)
        await progress(10, "reading_inputs")
        if self.hang:
            await asyncio.sleep(3600)
        if self.crash:
            self.crash -= 1
            raise RuntimeError("worker lost its connection")
        if self.fail:
            raise PhaseFailed(self.fail)
        done = [c.checkpoint_id for c in request.spec.checkpoints][: len(request.history or [])]
        pending = [c for c in request.spec.checkpoints if c.checkpoint_id not in done]
        if pending:
            checkpoint = pending[0]
            await progress(50, f"preparing_{checkpoint.checkpoint_id}")
            return CheckpointReached(checkpoint_id=checkpoint.checkpoint_id, preview=f"Review {checkpoint.checkpoint_id}",
                                     slots=checkpoint.slots, history=[*(request.history or []), checkpoint.checkpoint_id])
        await progress(90, "generating_output")
        text = "\n".join(d.path.read_text(errors="replace") for d in request.inputs)
        files = []
        for output in request.spec.output_specs:
            path = request.workdir / output.filename
            path.write_text(f"{text}\nslots: {sorted(request.slots.items())}\n")
            files.append(path)
        return Completed(files=files)


TEST_SPECS.extend([
    {
        "specId": "test.two_checkpoints",
        "name": "Two checkpoints",
        "supportedInputFormats": ["txt", "md"],
        "requiredSlots": [
            {"slotId": "tone", "type": "select", "options": ["professional", "friendly"], "label": "Tone"},
            {"slotId": "audience", "type": "text", "required": False, "default": "everyone"},
        ],
        "checkpoints": [
            {"checkpointId": "outline_review", "slots": [{"slotId": "outline_notes", "type": "text"}]},
            {"checkpointId": "draft_review", "slots": [{"slotId": "approved", "type": "boolean"}]},
        ],
        "outputSpecs": [{"filename": "result.md", "format": "md"}],
        "agentConfig": {"timeout": 5},
    },
    {
        "specId": "test.simple",
        "name": "Simple",
        "supportedInputFormats": ["txt", "md"],
        "outputSpecs": [{"filename": "result.md", "format": "md"}],
        "agentConfig": {"timeout": 2},
    },
])


async def wait_until_listening(port: int, *, timeout: float = 90.0) -> None:
    """Wait for a process started by a test to accept connections on loopback.

    Generous on purpose: on a loaded CI machine a fresh interpreter takes tens of seconds to import the app.
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s") from None
            await asyncio.sleep(0.1)


class MiniStack:
    """A MiniStack S3 server on loopback, for the length of a test session.

    Chosen because it verifies SigV4 pre-signed URLs (a tampered, re-keyed,
    extended or expired URL is 403), as real S3 does; moto's server and s3rver
    accept a tampered signature. It checks signatures against its own secret,
    so the store's credentials are the ones it is started with.
    """

    bucket = "convilyn-test"
    access_key_id = "convilyn-test"

    def __init__(self, data_dir: Path) -> None:
        import secrets

        self.data_dir = data_dir
        self.secret_access_key = secrets.token_urlsafe(24)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self, prefix: str) -> dict[str, Any]:
        """Settings overrides that put a server's files under ``prefix`` in the bucket."""
        return {"storage_url": f"s3://{self.bucket}/{prefix}", "s3_endpoint_url": self.endpoint_url,
                "s3_access_key_id": self.access_key_id, "s3_secret_access_key": self.secret_access_key}

    def client(self, secret_access_key: str | None = None):
        """An aiobotocore S3 client (an async context manager), signing with ``secret_access_key``."""
        from aiobotocore.session import get_session
        from botocore.config import Config

        return get_session().create_client(
            "s3", endpoint_url=self.endpoint_url, region_name="us-east-1", config=Config(signature_version="s3v4"),
            aws_access_key_id=self.access_key_id, aws_secret_access_key=secret_access_key or self.secret_access_key)

    async def start(self) -> MiniStack:
        from convilyn.demo import free_port

        self.port = free_port()
        env = {**os.environ, "GATEWAY_PORT": str(self.port), "BIND_HOST": "127.0.0.1", "IOT_MTLS_ENABLED": "0",
               "AWS_SECRET_ACCESS_KEY": self.secret_access_key, "S3_DATA_DIR": str(self.data_dir),
               "LOG_LEVEL": "WARNING"}
        self.process = subprocess.Popen([str(Path(sys.executable).parent / "ministack")], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.data_dir)
        await wait_until_listening(self.port)
        async with self.client() as s3:
            await s3.create_bucket(Bucket=self.bucket)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
