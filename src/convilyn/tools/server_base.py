"""Constructing the built-in ``MCPServer``s without side effects on the host process."""

from __future__ import annotations

import logging
from typing import Any

from mcp.server.mcpserver import MCPServer

from convilyn import __version__


def new_server(name: str, **settings: Any) -> MCPServer:
    """An ``MCPServer`` named ``name`` with Convilyn's version, leaving the root logger alone.

    ``MCPServer.__init__`` calls ``logging.basicConfig``, which would install a
    handler and a level on the root logger of whatever process builds the server
    first (the API, a worker); a placeholder handler makes that call a no-op.
    """
    root = logging.getLogger()
    placeholder = None
    if not root.handlers:
        placeholder = logging.NullHandler()
        root.addHandler(placeholder)
    try:
        return MCPServer(name, version=__version__, log_level="WARNING", **settings)
    finally:
        if placeholder is not None:
            root.removeHandler(placeholder)
