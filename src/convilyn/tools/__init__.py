"""The built-in MCP tool servers and the offline extraction and writing logic behind them.

Servers (``mcp`` ``MCPServer`` instances, usable by any MCP client):
``doc-parser-mcp``, ``text-analysis-mcp``, ``career-mcp``, ``doc-writer-mcp``.
Their pure logic lives in small modules (``parsing``, ``sections``,
``analysis``, ``entities``, ``action_items``, ``resume``, ``posting``,
``matching``, ``writing``) that can also be called directly.
"""

from convilyn.tools.errors import (
    DocumentNotFound,
    EmptyDocument,
    EncryptedDocument,
    InvalidContent,
    ToolInputError,
    UnreadableDocument,
    UnsafePath,
    UnsupportedFormat,
)
from convilyn.tools.registry import BUILTIN_SERVERS, ServerFactory, build_server, serve

__all__ = [
    "BUILTIN_SERVERS",
    "DocumentNotFound",
    "EmptyDocument",
    "EncryptedDocument",
    "InvalidContent",
    "ServerFactory",
    "ToolInputError",
    "UnreadableDocument",
    "UnsafePath",
    "UnsupportedFormat",
    "build_server",
    "serve",
]
