"""Where the tools may read and write: safe file names and optional root directories.

A server built with ``roots`` only reads and writes inside them (use this when
the server is reachable by clients you do not fully trust, e.g. over HTTP);
without roots any local path is accepted, as for a CLI tool.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from convilyn.tools.errors import DocumentNotFound, UnsafePath

_SAFE_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,()+=@-]{0,150}$")


class PathPolicy:
    """Resolves tool paths and refuses those outside the allowed roots."""

    def __init__(self, roots: Sequence[str | Path] | None = None) -> None:
        self.roots = [Path(r).expanduser().resolve() for r in roots] if roots else None

    def _check_inside_roots(self, path: Path, shown: str) -> None:
        if self.roots is not None and not any(path == r or path.is_relative_to(r) for r in self.roots):
            raise UnsafePath(f"{shown} is outside the directories this tool server may use")

    def readable_file(self, path: str | Path) -> Path:
        """The resolved path of an existing file this policy allows reading."""
        raw = str(path).strip()
        if not raw or "\x00" in raw:
            raise DocumentNotFound("No file path was given")
        resolved = Path(raw).expanduser().resolve()
        self._check_inside_roots(resolved, Path(raw).name or raw)
        if not resolved.exists():
            raise DocumentNotFound(f"{Path(raw).name} was not found at {raw}")
        if not resolved.is_file():
            raise DocumentNotFound(f"{raw} is a directory, not a file")
        return resolved

    def output_file(self, directory: str | Path, filename: str, extension: str) -> Path:
        """The path to write ``filename`` (given ``extension`` if it has none) inside ``directory``."""
        name = safe_filename(filename, extension)
        raw_dir = str(directory).strip()
        if not raw_dir or "\x00" in raw_dir:
            raise UnsafePath("No output directory was given")
        out_dir = Path(raw_dir).expanduser().resolve()
        self._check_inside_roots(out_dir, raw_dir)
        target = (out_dir / name).resolve()
        if target.parent != out_dir:
            raise UnsafePath(f"{filename!r} would be written outside {raw_dir}")
        return target


def safe_filename(filename: str, extension: str) -> str:
    """``filename`` checked to be a plain file name, with ``.extension`` appended if missing.

    Refuses separators, ``..``, hidden names and control characters, and a name
    whose extension is a different format (``report.exe`` for a PDF writer).
    """
    name = (filename or "").strip()
    if not name:
        raise UnsafePath("A file name is required")
    if "/" in name or "\\" in name or ".." in name or "\x00" in name or Path(name).is_absolute():
        raise UnsafePath(
            f"{filename!r} is not a plain file name; use a name such as report.{extension} without folders"
        )
    if not _SAFE_FILENAME.match(name):
        raise UnsafePath(
            f"{filename!r} is not an allowed file name; use letters, digits, spaces and . _ - ( ) only, "
            "starting with a letter or digit"
        )
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix == extension:
        return name
    if suffix and suffix in _KNOWN_EXTENSIONS:
        raise UnsafePath(f"{filename!r} has the extension .{suffix}, but this tool writes .{extension} files")
    return f"{name}.{extension}"


_KNOWN_EXTENSIONS = frozenset(
    ["md", "markdown", "txt", "docx", "doc", "pdf", "csv", "json", "html", "htm", "xml", "xlsx", "xls", "pptx", "zip", "exe", "sh", "bat", "py", "js", "rtf", "odt"]
)
