"""The one request pipeline both clients share: auth, retries with backoff, typed errors, parsing.

A call is described once as an :class:`APIRequest` (method, path template, body, the model to
parse into); :class:`SyncAPIClient` and :class:`AsyncAPIClient` send it. Retries follow these rules:

- 429 is retried after ``Retry-After`` (if the server asks for more than ``MAX_RETRY_AFTER``
  seconds, the error is raised at once: a daily quota will not reopen in a retry loop);
- 5xx, timeouts and broken connections are retried with exponential backoff and jitter, but only
  for requests that are safe to send twice (GET, DELETE, a PATCH guarded by ``itemVersion``, a POST
  carrying an ``Idempotency-Key`` or idempotent by contract); other POSTs are retried only when
  the connection was never made;
- any other 4xx is raised at once.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter

from convilyn_sdk._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    error_from_response,
    retry_after_seconds,
)

T = TypeVar("T")

__version__ = "0.1.0"
DEFAULT_BASE_URL = "http://127.0.0.1:8000/api/v1"
API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass
class APIRequest(Generic[T]):
    """One API call: ``path`` is the template of the OpenAPI document (``/jobs/goal/{jobSpecId}``)."""

    method: str
    path: str
    cast_to: Any = None
    path_params: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Any = None
    idempotency_key: str | None = None
    headers: Mapping[str, str] | None = None
    # True when a repeat cannot do the work twice (see the module docstring).
    replay_safe: bool = False

    def url_path(self) -> str:
        return self.path.format(**{k: quote(str(v), safe="") for k, v in self.path_params.items()})


def api_request(method: str, path: str, cast_to: Any = None, *, idempotent: bool = False,
                idempotency_key: str | None = None, **kwargs: Any) -> APIRequest[Any]:
    """An :class:`APIRequest`; ``idempotent=True`` marks a POST that takes an ``Idempotency-Key``."""
    if idempotent:
        kwargs["idempotency_key"] = idempotency_key or str(uuid.uuid4())
        kwargs["replay_safe"] = True
    kwargs.setdefault("replay_safe", method in ("GET", "HEAD", "DELETE", "PUT", "PATCH"))
    params = kwargs.get("params")
    if params is not None:
        kwargs["params"] = {k: v for k, v in params.items() if v is not None}
    return APIRequest(method, path, cast_to, **kwargs)


def normalize_base_url(url: str) -> str:
    """A server root (``http://host:8000``) gets the API prefix; a URL already carrying it is kept."""
    url = url.rstrip("/")
    return url if url.endswith(API_PREFIX) else url + API_PREFIX


class BaseClient:
    """Settings and the parts of the pipeline that do no I/O."""

    def __init__(self, *, api_key: str | None, base_url: str | None, timeout: float | httpx.Timeout | None,
                 max_retries: int, default_headers: Mapping[str, str] | None) -> None:
        self.api_key = api_key if api_key is not None else os.environ.get("CONVILYN_API_KEY")
        self.base_url = normalize_base_url(base_url or os.environ.get("CONVILYN_BASE_URL") or DEFAULT_BASE_URL)
        self.timeout = timeout if timeout is not None else DEFAULT_TIMEOUT
        self.max_retries = max_retries
        self._default_headers = dict(default_headers or {})

    def _headers(self, request: APIRequest[Any]) -> dict[str, str]:
        headers = {"User-Agent": f"convilyn-sdk-python/{__version__}", "Accept": "application/json",
                   **self._default_headers}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        if request.idempotency_key:
            headers["Idempotency-Key"] = request.idempotency_key
        headers.update(request.headers or {})
        return headers

    def _build(self, request: APIRequest[Any]) -> dict[str, Any]:
        for part in (request.files or {}).values():
            if hasattr(part[1], "seek"):
                part[1].seek(0)  # a retried upload sends the whole file again
        return {"method": request.method, "url": self.base_url + request.url_path(), "params": request.params,
                "json": request.json, "files": request.files, "headers": self._headers(request)}

    def _retry_delay(self, request: APIRequest[Any], retries_taken: int, *,
                     response: httpx.Response | None = None, error: Exception | None = None) -> float | None:
        """Seconds to wait before the next attempt, or None to give up and raise."""
        if retries_taken >= self.max_retries:
            return None
        if response is not None:
            if response.status_code not in RETRYABLE_STATUS:
                return None
            asked = retry_after_seconds(response)
            if response.status_code == 429:
                if asked is not None and asked > MAX_RETRY_AFTER:
                    return None
            elif not request.replay_safe:
                return None
            if asked is not None and asked <= MAX_RETRY_AFTER:
                return asked
        elif error is not None and not request.replay_safe and not isinstance(error, httpx.ConnectError):
            return None
        backoff = min(INITIAL_RETRY_DELAY * 2.0 ** retries_taken, MAX_RETRY_DELAY)
        return backoff * (1 - 0.25 * random.random())

    @staticmethod
    def _connection_error(error: Exception, request: httpx.Request | None) -> APIConnectionError:
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request=request)
        return APIConnectionError(f"Connection error: {error}", request=request)

    @staticmethod
    def _parse(request: APIRequest[T], response: httpx.Response) -> T:
        target = request.cast_to
        if target is None:
            return cast(T, None)
        if target is bytes:
            return cast(T, response.content)
        if target is str:
            return cast(T, response.text)
        if target is httpx.Response:
            return cast(T, response)
        if isinstance(target, type) and issubclass(target, BaseModel):
            return cast(T, target.model_validate_json(response.content))
        return cast(T, TypeAdapter(target).validate_json(response.content))


class SyncAPIClient(BaseClient):
    """Sends :class:`APIRequest` s with httpx's blocking client."""

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 timeout: float | httpx.Timeout | None = None, max_retries: int = DEFAULT_MAX_RETRIES,
                 default_headers: Mapping[str, str] | None = None, http_client: httpx.Client | None = None) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
                         default_headers=default_headers)
        self._http = http_client or httpx.Client(timeout=self.timeout, follow_redirects=True)

    def request(self, request: APIRequest[T]) -> T:
        """Send with retries; the parsed body, or the typed error."""
        response = self._send(request, stream=False)
        return self._parse(request, response)

    def _send(self, request: APIRequest[Any], *, stream: bool) -> httpx.Response:
        retries_taken = 0
        while True:
            built = self._http.build_request(**self._build(request))
            try:
                response = self._http.send(built, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(request, retries_taken, error=exc)
                if delay is None:
                    raise self._connection_error(exc, built) from exc
            else:
                if response.is_success:
                    return response
                if stream:
                    response.read()
                    response.close()
                delay = self._retry_delay(request, retries_taken, response=response)
                if delay is None:
                    raise error_from_response(response)
            time.sleep(delay)
            retries_taken += 1

    @contextmanager
    def stream(self, request: APIRequest[Any]) -> Iterator[httpx.Response]:
        """The response of ``request`` with its body not yet read (for downloads and events)."""
        response = self._send(request, stream=True)
        try:
            yield response
        finally:
            response.close()

    @contextmanager
    def stream_url(self, url: str) -> Iterator[httpx.Response]:
        """GET an absolute URL (a pre-signed download link) without credentials, streamed."""
        with self._http.stream("GET", url, headers={"User-Agent": f"convilyn-sdk-python/{__version__}"}) as response:
            if not response.is_success:
                response.read()
                raise error_from_response(response)
            yield response

    def close(self) -> None:
        self._http.close()


class AsyncAPIClient(BaseClient):
    """Sends :class:`APIRequest` s with httpx's asyncio client."""

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 timeout: float | httpx.Timeout | None = None, max_retries: int = DEFAULT_MAX_RETRIES,
                 default_headers: Mapping[str, str] | None = None,
                 http_client: httpx.AsyncClient | None = None) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
                         default_headers=default_headers)
        self._http = http_client or httpx.AsyncClient(timeout=self.timeout, follow_redirects=True)

    async def request(self, request: APIRequest[T]) -> T:
        """Send with retries; the parsed body, or the typed error."""
        response = await self._send(request, stream=False)
        return self._parse(request, response)

    async def _send(self, request: APIRequest[Any], *, stream: bool) -> httpx.Response:
        retries_taken = 0
        while True:
            built = self._http.build_request(**self._build(request))
            try:
                response = await self._http.send(built, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(request, retries_taken, error=exc)
                if delay is None:
                    raise self._connection_error(exc, built) from exc
            else:
                if response.is_success:
                    return response
                if stream:
                    await response.aread()
                    await response.aclose()
                delay = self._retry_delay(request, retries_taken, response=response)
                if delay is None:
                    raise error_from_response(response)
            await asyncio.sleep(delay)
            retries_taken += 1

    @asynccontextmanager
    async def stream(self, request: APIRequest[Any]) -> AsyncIterator[httpx.Response]:
        """The response of ``request`` with its body not yet read (for downloads and events)."""
        response = await self._send(request, stream=True)
        try:
            yield response
        finally:
            await response.aclose()

    @asynccontextmanager
    async def stream_url(self, url: str) -> AsyncIterator[httpx.Response]:
        """GET an absolute URL (a pre-signed download link) without credentials, streamed."""
        async with self._http.stream("GET", url,
                                     headers={"User-Agent": f"convilyn-sdk-python/{__version__}"}) as response:
            if not response.is_success:
                await response.aread()
                raise error_from_response(response)
            yield response

    async def close(self) -> None:
        await self._http.aclose()


__all__ = ["APIRequest", "APIStatusError", "AsyncAPIClient", "SyncAPIClient", "api_request"]
