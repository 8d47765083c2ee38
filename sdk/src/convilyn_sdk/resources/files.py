"""Uploads (``POST /upload``): a file is kept 24 hours unless a job uses it."""

from __future__ import annotations

from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk._files import FileContent, FileInput, multipart_file
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import UploadedFile


def _upload(part: tuple[str, FileContent, str], idempotency_key: str | None) -> APIRequest[Any]:
    return api_request("POST", "/upload", UploadedFile, files={"file": part}, idempotent=True,
                       idempotency_key=idempotency_key)


class Files(SyncResource):
    def upload(self, file: FileInput, *, filename: str | None = None, content_type: str | None = None,
               idempotency_key: str | None = None) -> UploadedFile:
        """Upload a path, bytes (with ``filename=``), a binary file object or a ``(name, content)`` tuple."""
        with multipart_file(file, filename=filename, content_type=content_type) as part:
            return self._client.request(_upload(part, idempotency_key))


class AsyncFiles(AsyncResource):
    async def upload(self, file: FileInput, *, filename: str | None = None, content_type: str | None = None,
                     idempotency_key: str | None = None) -> UploadedFile:
        """Upload a path, bytes (with ``filename=``), a binary file object or a ``(name, content)`` tuple."""
        with multipart_file(file, filename=filename, content_type=content_type) as part:
            return await self._client.request(_upload(part, idempotency_key))
