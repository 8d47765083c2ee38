"""Serve an ASGI app on 127.0.0.1 from a thread, for the length of a ``with`` block."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from convilyn.demo import free_port


@contextmanager
def serve(app: Any, *, lifespan: str = "off") -> Iterator[str]:
    """Runs ``app`` with uvicorn and yields its base URL (``http://127.0.0.1:<port>``)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the local server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
