"""Errors the built-in tools raise when their input cannot be used.

Each is a ``ToolError`` (so an MCP client receives the message, not a generic
"tool failed") and a ``ValueError`` (so plain Python callers can treat it as bad
input). ``code`` is a stable identifier for callers that map errors to types;
the message is written for the person who supplied the document.
"""

from __future__ import annotations

from mcp.server.mcpserver.exceptions import ToolError


class ToolInputError(ToolError, ValueError):
    """The input given to a tool cannot be used; the message says why and what to do."""

    code = "TOOL_INPUT_ERROR"


class DocumentNotFound(ToolInputError):
    """The file does not exist or is not a file."""

    code = "DOCUMENT_NOT_FOUND"


class UnsupportedFormat(ToolInputError):
    """The file is of a kind the tools cannot read."""

    code = "UNSUPPORTED_FORMAT"


class EncryptedDocument(ToolInputError):
    """The document is password-protected."""

    code = "ENCRYPTED_DOCUMENT"


class UnreadableDocument(ToolInputError):
    """The file is damaged or not what its name says."""

    code = "UNREADABLE_DOCUMENT"


class EmptyDocument(ToolInputError):
    """The document has no text to work with."""

    code = "EMPTY_DOCUMENT"


class UnsafePath(ToolInputError):
    """A path escapes the directory it must stay in (``../``, absolute names, separators)."""

    code = "UNSAFE_PATH"


class InvalidContent(ToolInputError):
    """Content given to a writer cannot be written in the requested format."""

    code = "INVALID_CONTENT"
