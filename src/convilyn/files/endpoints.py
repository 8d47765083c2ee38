"""POST /upload: stream a document into storage."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from convilyn.auth.deps import Uploader
from convilyn.core.errors import COMMON_ERRORS, PayloadTooLarge, Unauthenticated, error_responses
from convilyn.deps import Config, FileStorage, WriteSession
from convilyn.files import service
from convilyn.files.multipart import receive_file
from convilyn.idempotency.middleware import IDEMPOTENCY_ERRORS, IdempotencyKeyHeader

router = APIRouter(prefix="/api/v1", tags=["files"])


class UploadedFile(BaseModel):
    """snake_case, as the seed shows ``file_id``."""

    file_id: str
    filename: str
    format: str = Field(description="Detected from the content: pdf, docx, html, md, txt, or bin.")
    size_bytes: int
    expires_at: datetime | None = Field(description="When the file is deleted unless a job uses it.")


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


@router.post(
    "/upload",
    status_code=201,
    response_model=UploadedFile,
    summary="Upload a file",
    description="multipart/form-data with one `file` part (default cap 25 MB). The returned `file_id` expires "
    "after 24 hours unless a job uses it.",
    openapi_extra=UPLOAD_BODY,
    responses=error_responses(Unauthenticated, PayloadTooLarge, *COMMON_ERRORS, *IDEMPOTENCY_ERRORS),
)
async def upload(request: Request, session: WriteSession, storage: FileStorage, settings: Config,
                 principal: Uploader, _idempotency_key: IdempotencyKeyHeader = None) -> UploadedFile:
    temp = storage.spool_path()
    try:
        received = await receive_file(request, temp, field="file", max_bytes=settings.upload_max_bytes)
        row = await service.store_upload(session, storage, owner_id=principal.user_id, received=received, path=temp,
                                         ttl_seconds=settings.unattached_file_ttl_seconds)
    finally:
        temp.unlink(missing_ok=True)
    return UploadedFile(
        file_id=row.id, filename=row.filename, format=row.format, size_bytes=row.size_bytes,
        expires_at=row.expires_at,
    )
