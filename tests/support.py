"""Test helpers that read like the seed's flow: upload, create, confirm, poll, download."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from convilyn.catalog.registry import SpecRegistry
from convilyn.catalog.spec import DestinationSpec

if TYPE_CHECKING:
    from tests.conftest import LiveServer

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


RESUME = """Jane Doe
Senior Software Engineer | Tech Lead
jane.doe@example.com | +1 415 555 0100 | github.com/janedoe

Summary
Backend engineer with nine years building data-heavy web services.

Experience
Tech Lead, Globex Corporation, 2021 - Present
- Led a team of six building a Python and PostgreSQL billing platform on AWS
- Cut p95 latency by 40% by introducing Redis caching and Kubernetes autoscaling

Senior Software Engineer, Initech, 2017 - 2021
- Built REST APIs in Python (FastAPI, Django) serving two million requests a day
- Introduced Docker-based CI/CD with GitHub Actions

Skills
Python, FastAPI, Django, PostgreSQL, Redis, Docker, Kubernetes, AWS, CI/CD, Leadership, Mentoring
"""

JOB_POSTING = """Acme Analytics is hiring a Staff Backend Engineer

About us
Acme Analytics helps retailers understand their customers.

What you'll do
- Design and build scalable APIs for our analytics platform
- Mentor engineers and lead technical design reviews

Requirements
- 7+ years of experience with Python
- Deep knowledge of PostgreSQL and Redis
- Experience running services on Kubernetes and AWS

Nice to have
- Experience with Kafka
- Familiarity with Terraform
"""

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
