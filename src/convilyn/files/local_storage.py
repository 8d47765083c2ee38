"""Files in a local directory: the embedded default.

A key is a relative path under the root. Writes are renames of finished files
(spooled under ``root/tmp``, on the same file system), so a reader never sees
half a file. Download URLs are the app's own (HMAC-signed, see signing.py).
"""

from __future__ import annotations

import asyncio
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

    async def open(self) -> None:
        return None

    def spool_path(self) -> Path:
        return self.root / "tmp" / uuid.uuid4().hex

    async def put_file(self, source: Path, key: str) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, target)
        except OSError:  # another file system: copy beside the target, then rename
            temp = self.spool_path()
            await asyncio.to_thread(shutil.copyfile, source, temp)
            os.replace(temp, target)
            source.unlink(missing_ok=True)

    async def fetch(self, key: str, directory: Path) -> Path:
        path = self.path(key)
        if not path.is_file():
            raise FileNotFoundError(key)
        return path

    async def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    async def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    async def download_url(self, key: str, *, filename: str, ttl_seconds: int) -> str | None:
        return None

    async def check(self) -> None:
        if not os.access(self.root / "tmp", os.W_OK | os.X_OK):
            raise OSError(f"{self.root} is not a writable directory")

    async def close(self) -> None:
        return None
