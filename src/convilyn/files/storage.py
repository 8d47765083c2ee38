"""Where file bytes live: one ``Storage`` protocol, a local directory or S3-compatible object storage.

``CONVILYN_STORAGE_URL`` picks the store: unset (the data dir's ``files/``) or
``file:///path`` for a local directory, ``s3://bucket/prefix`` for object
storage. Keys are relative paths (``uploads/file_...``, ``outputs/job_....zip``);
every process configured with the same URL sees the same files, so a file
uploaded through one API process is read by a worker on another machine.

Files arrive as finished local files: an upload is spooled (size-capped) to
``spool_path()`` first, because its type is sniffed from the whole file, and
then handed to ``put_file``, which a local store renames into place and S3
streams in multipart parts. Outputs are written the same way; a caller that
writes per-attempt keys deletes the losers with ``delete``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from convilyn.core.settings import Settings


class Storage(Protocol):
    """What the app needs of a file store."""

    async def open(self) -> None:
        """Connect ahead of the first request (building an S3 client blocks the loop a moment)."""

    def spool_path(self) -> Path:
        """A fresh local path to write a file that ``put_file`` will then store."""

    async def put_file(self, source: Path, key: str) -> None:
        """Store ``source`` under ``key`` (replacing what was there) and consume ``source``.

        Readers never see a partial object: a local store renames a finished
        file into place, S3 makes an object visible only once its upload completes.
        """

    async def fetch(self, key: str, directory: Path) -> Path:
        """A local file holding ``key``'s bytes: the stored file itself when local, else
        a download into ``directory``. FileNotFoundError when there is no such key."""

    async def exists(self, key: str) -> bool:
        """Whether ``key`` is stored."""

    async def delete(self, key: str) -> None:
        """Remove ``key``; no error when it is already gone."""

    async def download_url(self, key: str, *, filename: str, ttl_seconds: int) -> str | None:
        """The store's own pre-signed GET URL for ``key``, valid ``ttl_seconds``; None when
        the store cannot sign (local files: the app signs a URL to its own route)."""

    async def check(self) -> None:
        """Raise unless the store answers and can be written (the readiness probe)."""

    async def close(self) -> None:
        """Release connections."""


class StorageConfigError(ValueError):
    """``storage_url`` names no store Convilyn can use."""


def open_storage(settings: Settings) -> Storage:
    """The store ``settings.storage_url`` names (the data dir's ``files/`` when unset)."""
    from convilyn.files.local_storage import LocalStorage

    url = settings.storage_url
    if not url:
        return LocalStorage(settings.files_dir)
    parsed = urlparse(url)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise StorageConfigError(f"CONVILYN_STORAGE_URL {url!r}: a file URL names a local path (file:///path).")
        return LocalStorage(Path(parsed.path))
    if parsed.scheme == "s3":
        from convilyn.files.s3_storage import S3Storage

        if not parsed.netloc:
            raise StorageConfigError(f"CONVILYN_STORAGE_URL {url!r}: name a bucket (s3://bucket/prefix).")
        return S3Storage.from_settings(settings, bucket=parsed.netloc, prefix=parsed.path.strip("/"))
    raise StorageConfigError(
        f"CONVILYN_STORAGE_URL {url!r}: use s3://bucket/prefix or file:///path (or leave it unset)."
    )
