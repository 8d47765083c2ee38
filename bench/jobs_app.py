"""The server bench/jobs.py measures: a normal Convilyn app plus a no-op workflow, and optionally no agent.

Run by uvicorn in its own process (``--factory jobs_app:create_app``), so the
bench's client never shares the server's event loop. ``BENCH_RUNTIME=null`` swaps
the agent runtime for one that writes one file and returns: the platform alone.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from convilyn.app import create_app as create_convilyn_app
from convilyn.catalog.spec import DestinationSpec
from convilyn.context import build_context
from convilyn.core.settings import get_settings
from convilyn.runtime.phase import Completed

NOOP_SPEC = {
    "specId": "test.noop",
    "name": "No-op",
    "supportedInputFormats": ["txt"],
    "outputSpecs": [{"filename": "done.md", "format": "md"}],
    "plan": {"steps": [], "outputs": [{"filename": "done.md", "template": "done"}]},
}


class NullRuntime:
    """The platform's baseline: no agent at all."""

    async def run_phase(self, request, progress):
        path = request.workdir / "done.md"
        path.write_text("done")
        return Completed(files=[path])


def create_app() -> FastAPI:
    runtime = NullRuntime() if os.environ.get("BENCH_RUNTIME") == "null" else None
    ctx = build_context(get_settings(), runtime=runtime)
    ctx.registry.register(DestinationSpec.model_validate(NOOP_SPEC))
    return create_convilyn_app(ctx=ctx)
