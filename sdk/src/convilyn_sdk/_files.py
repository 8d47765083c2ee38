"""What ``files.upload`` accepts: a path, bytes (with a name), a binary file object, or a tuple."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

FileContent = bytes | IO[bytes]
FileInput = str | os.PathLike[str] | bytes | IO[bytes] | tuple[str, FileContent] | tuple[str, FileContent, str]


def _content_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


@contextmanager
def multipart_file(file: FileInput, *, filename: str | None = None,
                   content_type: str | None = None) -> Iterator[tuple[str, FileContent, str]]:
    """``(filename, content, content_type)`` for httpx's ``files=``; a path is opened and closed here."""
    if isinstance(file, tuple):
        name, content = file[0], file[1]
        kind = file[2] if len(file) == 3 else None  # type: ignore[misc]
        yield filename or name, content, content_type or kind or _content_type(filename or name)
    elif isinstance(file, (str, os.PathLike)):
        path = Path(file)
        with path.open("rb") as handle:
            name = filename or path.name
            yield name, handle, content_type or _content_type(name)
    elif isinstance(file, (bytes, bytearray)):
        if not filename:
            raise TypeError("Uploading bytes needs a filename= (the API uses its extension).")
        yield filename, bytes(file), content_type or _content_type(filename)
    elif hasattr(file, "read"):
        name = filename or Path(str(getattr(file, "name", "") or "")).name
        if not name:
            raise TypeError("This file object has no name; pass filename=.")
        yield name, file, content_type or _content_type(name)
    else:
        raise TypeError(f"Cannot upload a {type(file).__name__}; pass a path, bytes, a file object or a tuple.")
