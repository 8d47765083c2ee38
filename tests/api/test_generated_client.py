"""A client generated from /openapi.json by openapi-python-client runs the whole job flow.

The client is strict (``raise_on_unexpected_status=True``): any status or body the
document does not declare raises, so this holds the OpenAPI document to the truth,
the result ZIP included. Generation runs the tool's own CLI in a subprocess.
"""

from __future__ import annotations

import asyncio
import importlib
import io
import json
import sys
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support import JOB_POSTING, RESUME

# The generator reads ZIP and SVG bodies as bytes when told they are octet streams.
CONFIG = """post_hooks: []
project_name_override: convilyn_generated
package_name_override: convilyn_generated
content_type_overrides:
  application/zip: application/octet-stream
  image/svg+xml: application/octet-stream
"""


async def _generate(server, tmp_path: Path):
    async with server.client() as client:
        (tmp_path / "openapi.json").write_text(json.dumps((await client.get("/openapi.json")).json()))
    (tmp_path / "config.yaml").write_text(CONFIG)
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "openapi-python-client"), "generate", "--path", "openapi.json",
        "--meta", "none", "--output-path", "convilyn_generated", "--config", "config.yaml",
        cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    assert "Warning" not in text, text  # nothing of the document was skipped
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module("convilyn_generated")
    finally:
        sys.path.remove(str(tmp_path))


async def test_a_generated_client_runs_the_whole_job_flow(server, tmp_path):
    await _generate(server, tmp_path)
    from convilyn_generated import AuthenticatedClient, Client
    from convilyn_generated.api.catalog import list_catalog
    from convilyn_generated.api.files import upload_file
    from convilyn_generated.api.jobs import (
        cancel_job,
        confirm_job,
        create_job,
        download_results,
        get_download_link,
        get_job,
        get_job_status,
        list_jobs,
    )
    from convilyn_generated.models import CancelJob, ConfirmJob, CreateJob, UploadFileBody
    from convilyn_generated.types import File

    user = await server.user()
    client = AuthenticatedClient(base_url=server.base_url, token=user.api_key, raise_on_unexpected_status=True)
    async with client:
        catalog = await list_catalog.asyncio(client=client)
        cover = next(item for item in catalog if item.spec_id == "goal_lane.cover_letter")
        assert cover.input_documents.min_count == 2

        file_ids = []
        for name, text in (("résumé.md", RESUME), ("job_posting.txt", JOB_POSTING)):
            body = UploadFileBody(file=File(payload=io.BytesIO(text.encode()), file_name=name))
            uploaded = await upload_file.asyncio(client=client, body=body, idempotency_key=f"upload-{len(file_ids)}-{user.user_id}")
            assert uploaded.filename == name
            file_ids.append(uploaded.file_id)

        job = await create_job.asyncio(client=client, body=CreateJob(workflow_id="goal_lane.cover_letter",
                                                                     file_ids=file_ids))
        assert job.status == "pending"
        confirmed = await confirm_job.asyncio(job.job_spec_id, client=client,
                                              body=ConfirmJob(item_version=job.item_version))
        assert confirmed.status.value in ("confirming", "executing")
        for _ in range(600):
            status = await get_job_status.asyncio(job.job_spec_id, client=client)
            if status.status.value in ("completed", "failed"):
                break
            await asyncio.sleep(0.1)
        assert status.status.value == "completed", status
        assert (await get_job.asyncio(job.job_spec_id, client=client)).output_files
        page = await list_jobs.asyncio(client=client)
        assert page.items[0].job_spec_id == job.job_spec_id

        link = await get_download_link.asyncio(job.job_spec_id, client=client)
        query = parse_qs(urlsplit(link.url).query)
        async with Client(base_url=server.base_url, raise_on_unexpected_status=True) as anonymous:
            archive = await download_results.asyncio(job.job_spec_id, client=anonymous,
                                                     expires=int(query["expires"][0]),
                                                     signature=query["signature"][0])
        with zipfile.ZipFile(archive.payload) as results:
            assert "cover_letter.md" in results.namelist()

        other = await create_job.asyncio(client=client, body=CreateJob(workflow_id="goal_lane.cover_letter",
                                                                       file_ids=file_ids))
        cancelled = await cancel_job.asyncio(other.job_spec_id, client=client, body=CancelJob(item_version=1))
        assert cancelled.status.value == "cancelled"
        # A declared error comes back as the envelope model, not an exception.
        refused = await cancel_job.asyncio(other.job_spec_id, client=client, body=CancelJob(item_version=2))
        assert refused.code == "INVALID_TRANSITION"
