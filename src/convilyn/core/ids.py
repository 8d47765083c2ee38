"""Identifiers: a prefix and 24 lowercase hex digits (``uw_0123456789abcdef01234567``)."""

from __future__ import annotations

import re
import secrets

PREFIXES = ("uw", "wc", "job", "file", "tr", "usr", "key", "led", "evt", "sil", "ses", "wh", "whd", "msg")


def new_id(prefix: str) -> str:
    """A fresh random id with the given prefix."""
    assert prefix in PREFIXES, prefix
    return f"{prefix}_{secrets.token_hex(12)}"


def id_pattern(prefix: str) -> str:
    """The regex a well-formed id of this prefix matches (for OpenAPI and validation)."""
    return rf"^{prefix}_[a-f0-9]{{24}}$"


def is_valid_id(prefix: str, value: str) -> bool:
    return re.fullmatch(id_pattern(prefix), value) is not None
