"""The Idempotency-Key header on ``POST /jobs/goal``, ``POST /upload`` and ``POST .../confirm``.

A pure ASGI middleware, so a replay never reaches the route (nothing is created
twice and no quota is charged). It reads the request body first (spooled to
disk past 1 MB) to fingerprint it, claims the key (``service.claim``), then
runs the route and records what it answered. The fingerprint is method, path
and body: JSON compared as data (key order and spacing do not matter), a
multipart upload as its parts (the random boundary does not matter).
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Header
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from convilyn.auth.principals import PrincipalCache
from convilyn.core.db import Database
from convilyn.core.errors import AppError, PayloadTooLarge, Unauthenticated, ValidationFailed
from convilyn.core.settings import Settings
from convilyn.idempotency import service
from convilyn.idempotency.service import StoredResponse

HEADER = "Idempotency-Key"
ROUTES = re.compile(r"^/api/v1/(jobs/goal|upload|jobs/goal/[^/]+/confirm)$")
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII, no spaces
SPOOL_IN_MEMORY = 1024 * 1024
CHUNK = 64 * 1024
# Answers that say the request did not run (rate limited) or the server failed: not kept.
NOT_KEPT = {429}
# Headers a replay recomputes rather than repeats.
NOT_STORED = {b"content-length", b"date", b"server", b"x-ratelimit-limit", b"x-ratelimit-remaining",
              b"x-ratelimit-reset", b"retry-after"}


def _error(exc: AppError) -> JSONResponse:
    return JSONResponse(exc.envelope().model_dump(exclude_none=True), status_code=exc.status_code,
                        headers=exc.headers)


class SpooledBody:
    """The request body, spooled, fingerprinted and replayable to the app."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - closed in close()

    async def read_from(self, receive: Receive, max_bytes: int) -> bool:
        """False when the client went away; 413 past ``max_bytes``."""
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_bytes:
                raise PayloadTooLarge(f"The request exceeds the {max_bytes // (1024 * 1024)} MB limit.",
                                      details={"maxBytes": max_bytes})
            self.file.write(chunk)
            if not message.get("more_body", False):
                self.file.seek(0)
                return True

    def chunks(self) -> Iterator[bytes]:
        self.file.seek(0)
        while chunk := self.file.read(CHUNK):
            yield chunk

    def fingerprint(self, method: str, path: str, content_type: str) -> str:
        digest = hashlib.sha256(f"{method} {path}\n".encode())
        kind, params = parse_options_header(content_type)
        if kind == b"multipart/form-data" and b"boundary" in params:
            _multipart_digest(digest, params[b"boundary"], self.chunks())
        elif kind == b"application/json":
            raw = b"".join(self.chunks())
            try:
                digest.update(json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode())
            except ValueError:
                digest.update(raw)
        else:
            for chunk in self.chunks():
                digest.update(chunk)
        return digest.hexdigest()

    def receiver(self, receive: Receive) -> Receive:
        chunks = self.chunks()
        pending: list[bytes] = [next(chunks, b"")]

        async def replay() -> Message:
            if not pending:
                return await receive()  # after the body: wait for the disconnect as the app would
            chunk = pending.pop()
            following = next(chunks, None)
            if following is not None:
                pending.append(following)
            return {"type": "http.request", "body": chunk, "more_body": following is not None}

        return replay

    def close(self) -> None:
        self.file.close()


def _multipart_digest(digest: Any, boundary: bytes, chunks: Iterator[bytes]) -> None:
    def feed(data: bytes, start: int, end: int) -> None:
        digest.update(data[start:end])

    def mark(tag: bytes):
        return lambda: digest.update(tag)

    parser = MultipartParser(boundary, {
        "on_part_begin": mark(b"\x00part"), "on_header_field": feed, "on_header_value": feed,
        "on_header_end": mark(b"\x00h"), "on_part_data": feed,
    })
    try:
        for chunk in chunks:
            parser.write(chunk)
        parser.finalize()
    except Exception:  # a malformed body: the route will refuse it; fingerprint what was read
        digest.update(b"\x00malformed")


class IdempotencyKeys:
    """ASGI middleware: replay the first response per (user, Idempotency-Key) for 24 hours."""

    def __init__(self, app: ASGIApp, db: Database, settings: Settings, principals: PrincipalCache) -> None:
        self.app = app
        self.db = db
        self.settings = settings
        self.principals = principals

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not ROUTES.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        raw_key = headers.get(HEADER.lower().encode())
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1")
        if not KEY_PATTERN.match(key):
            await _error(ValidationFailed(
                "Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good key).",
                field=HEADER, code="invalid_key"))(scope, receive, send)
            return
        user_id = await self._user_id(headers.get(b"authorization", b""))
        if user_id is None:  # the route answers 401 itself
            await self.app(scope, receive, send)
            return
        body = SpooledBody()
        try:
            try:
                if not await body.read_from(receive, self.settings.upload_max_bytes + CHUNK):
                    return  # the client went away
                fingerprint = body.fingerprint(scope["method"], scope["path"],
                                               headers.get(b"content-type", b"").decode("latin-1"))
                replay = await service.claim(self.db, user_id=user_id, key=key, fingerprint=fingerprint)
            except AppError as exc:
                await _error(exc)(scope, receive, send)
                return
            if replay is not None:
                await self._replay(replay, send)
                return
            await self._run(scope, body.receiver(receive), send, user_id=user_id, key=key)
        finally:
            body.close()

    async def _user_id(self, authorization: bytes) -> str | None:
        scheme, _, credential = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            return None
        try:
            return (await self.principals.principal(credential.strip())).user_id
        except Unauthenticated:
            return None

    async def _run(self, scope: Scope, receive: Receive, send: Send, *, user_id: str, key: str) -> None:
        # The response is held until it is recorded, so a client that retries the moment it
        # has an answer finds it stored (these routes answer small JSON bodies).
        held: list[Message] = []
        kept = False
        try:
            async def hold(message: Message) -> None:
                held.append(message)

            await self.app(scope, receive, hold)
            start = next((m for m in held if m["type"] == "http.response.start"), None)
            if start is not None and start["status"] < 500 and start["status"] not in NOT_KEPT:
                stored = StoredResponse(
                    start["status"],
                    [(n.decode("latin-1"), v.decode("latin-1")) for n, v in start.get("headers", [])
                     if n.lower() not in NOT_STORED],
                    b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body"),
                )
                await service.record(self.db, user_id=user_id, key=key, response=stored)
                kept = True
        finally:
            if not kept:
                await service.release(self.db, user_id=user_id, key=key)
        for message in held:
            await send(message)

    async def _replay(self, stored: StoredResponse, send: Send) -> None:
        headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in stored.headers]
        headers += [(b"content-length", str(len(stored.body)).encode()), (b"idempotent-replayed", b"true")]
        await send({"type": "http.response.start", "status": stored.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": stored.body})


# For the routes' signatures: documents the header in /openapi.json (the middleware does the work).
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(alias=HEADER, pattern=KEY_PATTERN.pattern, max_length=255,
           description="Makes the request safe to retry: the first response is kept for 24 hours and replayed "
           "(with `Idempotent-Replayed: true`) for the same key and body; another body is 422 "
           "`IDEMPOTENCY_KEY_REUSED`, a duplicate still in progress 409 `IDEMPOTENCY_CONFLICT`."),
]
IDEMPOTENCY_ERRORS = (service.IdempotencyKeyReused, service.IdempotencyKeyInUse)
