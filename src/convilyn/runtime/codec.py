"""The tool-name codec: palette names (``server:tool``) <-> names a model provider accepts.

Providers take tool names matching ``^[a-zA-Z0-9_-]{1,64}$``, so ``:`` cannot
pass. The encoding keeps the common case readable:

    doc-parser-mcp:extract_text  <->  doc_parser_mcp__extract_text

- In the server part ``-`` becomes ``_`` and ``_`` becomes ``-`` (a swap), except
  that a ``-`` that ends the server name or follows another ``-`` becomes ``H``.
  So the encoded server part never holds ``__`` and never ends in ``_``, which
  makes the first ``__`` of an encoded name the separator.
- The tool part is kept as it is (tool names hold only ``[a-z0-9_]``).
- Names hold no upper-case letters, so ``H`` (and ``Z`` below) cannot be confused
  with a name's own characters.

On that domain the codec is a bijection: ``decode(encode(n)) == n`` for every
palette name, and ``decode`` refuses any string ``encode`` cannot produce.

An encoding longer than 64 characters is shortened deterministically to its
first 52 characters, ``Z`` and 11 hex digits of its SHA-256. That form cannot
be decoded from the string alone; ``decode`` resolves it against the names it is
given as ``known`` (the tools actually listed).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from convilyn.catalog.spec import TOOL_NAME_PATTERN

PROVIDER_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
MAX_LENGTH = 64
_SEPARATOR = "__"
_DASH_ESCAPE = "H"
_HASH_MARK = "Z"
_HASH_DIGITS = 11
_PALETTE_NAME = re.compile(TOOL_NAME_PATTERN)


class ToolNameError(ValueError):
    """A name that is not a palette tool name, or not the encoding of one."""


def _encode_server(server: str) -> str:
    out = []
    for i, char in enumerate(server):
        if char == "-":
            escaped = i == len(server) - 1 or server[i - 1] == "-"
            out.append(_DASH_ESCAPE if escaped else "_")
        elif char == "_":
            out.append("-")
        else:
            out.append(char)
    return "".join(out)


def _decode_server(encoded: str) -> str:
    return "".join({"_": "-", "-": "_", _DASH_ESCAPE: "-"}.get(char, char) for char in encoded)


def _full_encoding(name: str) -> str:
    if not _PALETTE_NAME.fullmatch(name):
        raise ToolNameError(f"{name!r} is not a tool name of the form server:tool")
    server, tool = name.split(":", 1)
    return f"{_encode_server(server)}{_SEPARATOR}{tool}"


def _shortened(encoded: str) -> str:
    digest = hashlib.sha256(encoded.encode()).hexdigest()[:_HASH_DIGITS]
    return f"{encoded[: MAX_LENGTH - 1 - _HASH_DIGITS]}{_HASH_MARK}{digest}"


def encode(name: str) -> str:
    """The provider-legal name for palette tool ``name`` (``server:tool``)."""
    encoded = _full_encoding(name)
    return encoded if len(encoded) <= MAX_LENGTH else _shortened(encoded)


def decode(encoded: str, known: Iterable[str] = ()) -> str:
    """The palette name ``encoded`` stands for; ``known`` resolves shortened names.

    Raises ToolNameError for a string that is not the encoding of a palette name.
    """
    if _HASH_MARK in encoded:
        for name in known:
            if encode(name) == encoded:
                return name
        raise ToolNameError(f"{encoded!r} is a shortened tool name that matches no known tool")
    server_part, separator, tool = encoded.partition(_SEPARATOR)
    if not separator:
        raise ToolNameError(f"{encoded!r} is not an encoded server:tool name")
    name = f"{_decode_server(server_part)}:{tool}"
    # Only the canonical encoding decodes: this keeps decode the exact inverse of encode.
    if not _PALETTE_NAME.fullmatch(name) or encode(name) != encoded:
        raise ToolNameError(f"{encoded!r} is not an encoded server:tool name")
    return name
