"""Files in S3-compatible object storage (AWS S3, Ceph, Garage, SeaweedFS, R2, ...).

On aiobotocore: botocore's own SigV4 signer and S3 model, driven on the event
loop (no thread per call). Uploads larger than one part go as a multipart
upload streamed from the spooled file, one part in memory at a time; a failed
upload is aborted so no parts linger. Download URLs are the store's pre-signed
GET URLs: the bytes never pass through the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from pathlib import Path
from typing import Any

from convilyn.core.settings import Settings

MIN_PART_SIZE = 5 * 1024 * 1024  # S3's floor for every part but the last
READ_CHUNK = 256 * 1024


class S3Storage:
    def __init__(self, *, bucket: str, prefix: str, spool_dir: Path, part_size: int,
                 client_options: dict[str, Any]) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.spool_dir = spool_dir
        self.part_size = max(part_size, MIN_PART_SIZE)
        self._client_options = client_options
        self._client: Any = None
        self._stack = contextlib.AsyncExitStack()
        self._opening = asyncio.Lock()
        spool_dir.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_settings(cls, settings: Settings, *, bucket: str, prefix: str) -> S3Storage:
        try:
            from botocore.config import Config
        except ImportError as exc:  # the optional dependency
            raise RuntimeError("S3 storage needs aiobotocore: pip install 'convilyn[s3]'") from exc
        options: dict[str, Any] = {
            "region_name": settings.s3_region,
            "config": Config(signature_version="s3v4", s3={"addressing_style": settings.s3_addressing_style},
                             retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=60),
        }
        if settings.s3_endpoint_url:
            options["endpoint_url"] = settings.s3_endpoint_url
        if settings.s3_access_key_id:
            # Unset: botocore's usual chain (AWS_* variables, profile, instance role).
            options["aws_access_key_id"] = settings.s3_access_key_id
            options["aws_secret_access_key"] = settings.s3_secret_access_key
        return cls(bucket=bucket, prefix=prefix, spool_dir=settings.data_dir / "spool",
                   part_size=settings.storage_part_size, client_options=options)

    async def open(self) -> None:
        await self.client()

    async def client(self) -> Any:
        """The one client of this store, opened on first use in the running loop."""
        if self._client is None:
            async with self._opening:
                if self._client is None:
                    from aiobotocore.session import get_session

                    creator = get_session().create_client("s3", **self._client_options)
                    self._client = await self._stack.enter_async_context(creator)
        return self._client

    def object_key(self, key: str) -> str:
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"invalid storage key: {key!r}")
        return f"{self.prefix}/{key}" if self.prefix else key

    def spool_path(self) -> Path:
        return self.spool_dir / uuid.uuid4().hex

    async def put_file(self, source: Path, key: str) -> None:
        client = await self.client()
        target = {"Bucket": self.bucket, "Key": self.object_key(key)}
        try:
            if source.stat().st_size <= self.part_size:
                await client.put_object(**target, Body=await asyncio.to_thread(source.read_bytes))
            else:
                await self._put_multipart(client, source, target)
        finally:
            source.unlink(missing_ok=True)

    async def _put_multipart(self, client: Any, source: Path, target: dict[str, str]) -> None:
        upload_id = (await client.create_multipart_upload(**target))["UploadId"]
        try:
            parts = []
            with source.open("rb") as handle:
                number = 1
                while chunk := await asyncio.to_thread(handle.read, self.part_size):
                    answer = await client.upload_part(**target, UploadId=upload_id, PartNumber=number, Body=chunk)
                    parts.append({"ETag": answer["ETag"], "PartNumber": number})
                    number += 1
            await client.complete_multipart_upload(**target, UploadId=upload_id, MultipartUpload={"Parts": parts})
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(client.abort_multipart_upload(**target, UploadId=upload_id))
            raise

    async def fetch(self, key: str, directory: Path) -> Path:
        client = await self.client()
        try:
            answer = await client.get_object(Bucket=self.bucket, Key=self.object_key(key))
        except client.exceptions.NoSuchKey as exc:
            raise FileNotFoundError(key) from exc
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / key.rsplit("/", 1)[-1]
        async with answer["Body"] as body:
            with target.open("wb") as out:
                while chunk := await body.read(READ_CHUNK):
                    out.write(chunk)
        return target

    async def exists(self, key: str) -> bool:
        client = await self.client()
        try:
            await client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except client.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    async def delete(self, key: str) -> None:
        client = await self.client()
        await client.delete_object(Bucket=self.bucket, Key=self.object_key(key))

    async def download_url(self, key: str, *, filename: str, ttl_seconds: int) -> str | None:
        client = await self.client()
        params = {"Bucket": self.bucket, "Key": self.object_key(key),
                  "ResponseContentDisposition": f'attachment; filename="{filename}"'}
        url: str = await client.generate_presigned_url("get_object", Params=params, ExpiresIn=ttl_seconds)
        return url

    async def check(self) -> None:
        client = await self.client()
        await client.head_bucket(Bucket=self.bucket)

    async def close(self) -> None:
        await self._stack.aclose()
        self._client = None
