"""Where file bytes live: a local directory on the embedded default.

Keys are relative paths (``uploads/file_....pdf``); writes go to a temporary
name first and are renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "tmp").mkdir(exist_ok=True)

    def path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key escapes the root: {key!r}")
        return path

    def temp_path(self) -> Path:
        return self.root / "tmp" / uuid.uuid4().hex

    def commit(self, temp: Path, key: str) -> None:
        """Move a finished temporary file to its key."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, target)

    def put_file(self, source: Path, key: str) -> None:
        temp = self.temp_path()
        shutil.copyfile(source, temp)
        self.commit(temp, key)

    def exists(self, key: str) -> bool:
        return self.path(key).exists()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    async def check(self) -> None:
        """Raise unless the directory is there and writable (the readiness probe)."""
        if not os.access(self.root / "tmp", os.W_OK | os.X_OK):
            raise OSError(f"{self.root} is not a writable directory")
