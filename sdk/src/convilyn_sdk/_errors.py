"""Exceptions: one class per HTTP status family, and one per error code of the API's envelope.

Every error response of the API is ``{"code", "message", "details", "errors"?}``. The client
raises the class registered for ``code`` (``VersionConflict`` for ``VERSION_CONFLICT``), or the
class of the status when the code is new to this SDK, so ``except NotFoundError`` keeps working
when the server learns a new kind of 404.
"""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING, Any, ClassVar

import httpx

if TYPE_CHECKING:
    from convilyn_sdk.types import FieldError, JobStatusView



class ConvilynError(Exception):
    """Base of every exception this SDK raises."""


class APIError(ConvilynError):
    """A request that did not get a successful answer."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke (retried before it is raised)."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (retried before it is raised)."""

    def __init__(self, *, request: httpx.Request | None = None) -> None:
        super().__init__("Request timed out.", request=request)


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx; ``code``, ``details`` and ``errors`` come from its envelope."""

    status_code: ClassVar[int] = 0
    code: str

    def __init__(self, message: str, *, response: httpx.Response, body: Any = None) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status = response.status_code
        self.body = body
        envelope = body if isinstance(body, dict) else {}
        self.code = str(envelope.get("code") or "HTTP_ERROR")
        self.details: dict[str, Any] = envelope.get("details") or {}
        self.errors: list[FieldError] = _field_errors(envelope.get("errors"))

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


def _field_errors(raw: Any) -> list[FieldError]:
    from convilyn_sdk.types import FieldError

    return [FieldError.model_validate(item) for item in raw or [] if isinstance(item, dict)]


class BadRequestError(APIStatusError):
    status_code = 400


class InvalidTransition(BadRequestError):
    """The job or workflow is not in a state that allows this (confirming a running job, ...)."""


class AuthenticationError(APIStatusError):
    status_code = 401


class InsufficientCredits(APIStatusError):
    status_code = 402


class PermissionDeniedError(APIStatusError):
    status_code = 403


class ProTierRequired(PermissionDeniedError):
    pass


class InvalidSignature(PermissionDeniedError):
    pass


class LinkExpired(InvalidSignature):
    pass


class NotFoundError(APIStatusError):
    status_code = 404


class JobNotFound(NotFoundError):
    pass


class WorkflowNotFound(NotFoundError):
    pass


class SourceNotFound(NotFoundError):
    pass


class CommentNotFound(NotFoundError):
    pass


class TreasureNotFound(NotFoundError):
    pass


class UserNotFound(NotFoundError):
    pass


class MethodNotAllowed(APIStatusError):
    status_code = 405


class ConflictError(APIStatusError):
    status_code = 409


class VersionConflict(ConflictError):
    """``itemVersion`` was stale: re-read and retry with :attr:`current_item_version`."""

    @property
    def current_item_version(self) -> int | None:
        value = self.details.get("currentItemVersion")
        return int(value) if value is not None else None


class WorkflowIsPublic(ConflictError):
    pass


class WorkflowNotPublic(ConflictError):
    pass


class DuplicateReference(ConflictError):
    pass


class BalanceLimitExceeded(ConflictError):
    pass


class IdempotencyConflict(ConflictError):
    """A request with the same Idempotency-Key is still in flight."""


class GoneError(APIStatusError):
    status_code = 410


class OutputExpired(GoneError):
    """The job's results were kept 24 hours after completion and are gone now."""


class PayloadTooLarge(APIStatusError):
    status_code = 413


class UnprocessableEntityError(APIStatusError):
    """The request was refused as invalid; :attr:`errors` names each field."""

    status_code = 422


class UnsupportedFileFormat(UnprocessableEntityError):
    pass


class MissingSlots(UnprocessableEntityError):
    pass


class UnsafeWebhookUrl(UnprocessableEntityError):
    """The webhook URL reaches a loopback, private, link-local or metadata address."""


class WebhookNotFound(NotFoundError):
    pass


class WrongDocumentCount(UnprocessableEntityError):
    """The job was given another number of files than the workflow's ``input_documents`` says."""


class JobNotCompleted(InvalidTransition):
    """The job has no results to download yet."""


class ContentPolicyViolation(UnprocessableEntityError):
    pass


class MarkupNotAllowed(UnprocessableEntityError):
    pass


class InvalidWebhookEvent(UnprocessableEntityError):
    pass


class IdempotencyKeyReused(UnprocessableEntityError):
    """The same Idempotency-Key was sent with another body."""


class RateLimited(APIStatusError):
    """429: the window is full; :attr:`retry_after` says in how many seconds to come back."""

    status_code = 429

    @property
    def retry_after(self) -> float | None:
        return retry_after_seconds(self.response)


class InternalServerError(APIStatusError):
    status_code = 500


class ServiceUnavailable(InternalServerError):
    status_code = 503


class GeneSpaceExhausted(ServiceUnavailable):
    pass


class WebhookNotConfigured(ServiceUnavailable):
    pass


class NotReady(ServiceUnavailable):
    """``/readyz``: a dependency of the server is down (``details["down"]`` names it)."""


class JobFailed(ConvilynError):
    """Raised by ``jobs.run`` when the job ends ``failed`` (or ``cancelled``); :attr:`error` is the job's."""

    def __init__(self, job_id: str, status: JobStatusView) -> None:
        self.job_id = job_id
        self.status = status
        self.error = status.error or f"the job ended {status.status}"
        super().__init__(f"Job {job_id} {status.status}: {self.error}")


# The class raised for each envelope code. A code missing here falls back to its status class.
ERROR_CODES: dict[str, type[APIStatusError]] = {
    "BAD_REQUEST": BadRequestError,
    "INVALID_TRANSITION": InvalidTransition,
    "JOB_NOT_COMPLETED": JobNotCompleted,
    "UNAUTHENTICATED": AuthenticationError,
    "INSUFFICIENT_CREDITS": InsufficientCredits,
    "FORBIDDEN": PermissionDeniedError,
    "PRO_TIER_REQUIRED": ProTierRequired,
    "INVALID_SIGNATURE": InvalidSignature,
    "LINK_EXPIRED": LinkExpired,
    "NOT_FOUND": NotFoundError,
    "JOB_NOT_FOUND": JobNotFound,
    "WORKFLOW_NOT_FOUND": WorkflowNotFound,
    "SOURCE_NOT_FOUND": SourceNotFound,
    "COMMENT_NOT_FOUND": CommentNotFound,
    "TREASURE_NOT_FOUND": TreasureNotFound,
    "USER_NOT_FOUND": UserNotFound,
    "METHOD_NOT_ALLOWED": MethodNotAllowed,
    "CONFLICT": ConflictError,
    "VERSION_CONFLICT": VersionConflict,
    "WORKFLOW_IS_PUBLIC": WorkflowIsPublic,
    "WORKFLOW_NOT_PUBLIC": WorkflowNotPublic,
    "DUPLICATE_REFERENCE": DuplicateReference,
    "BALANCE_LIMIT_EXCEEDED": BalanceLimitExceeded,
    "IDEMPOTENCY_CONFLICT": IdempotencyConflict,
    "OUTPUT_EXPIRED": OutputExpired,
    "PAYLOAD_TOO_LARGE": PayloadTooLarge,
    "VALIDATION_ERROR": UnprocessableEntityError,
    "UNSUPPORTED_FILE_FORMAT": UnsupportedFileFormat,
    "MISSING_SLOTS": MissingSlots,
    "WRONG_DOCUMENT_COUNT": WrongDocumentCount,
    "UNSAFE_WEBHOOK_URL": UnsafeWebhookUrl,
    "WEBHOOK_NOT_FOUND": WebhookNotFound,
    "CONTENT_POLICY_VIOLATION": ContentPolicyViolation,
    "MARKUP_NOT_ALLOWED": MarkupNotAllowed,
    "INVALID_WEBHOOK_EVENT": InvalidWebhookEvent,
    "IDEMPOTENCY_KEY_REUSED": IdempotencyKeyReused,
    "RATE_LIMITED": RateLimited,
    "INTERNAL_ERROR": InternalServerError,
    "SERVICE_UNAVAILABLE": ServiceUnavailable,
    "GENE_SPACE_EXHAUSTED": GeneSpaceExhausted,
    "WEBHOOK_NOT_CONFIGURED": WebhookNotConfigured,
    "NOT_READY": NotReady,
}

# Written out, not computed, so type checkers see the star export; tests/sdk check it names every class.
__all__ = [
    "ERROR_CODES", "APIConnectionError", "APIError", "APIStatusError", "APITimeoutError", "AuthenticationError",
    "BadRequestError", "BalanceLimitExceeded", "CommentNotFound", "ConflictError", "ContentPolicyViolation",
    "ConvilynError", "DuplicateReference", "GeneSpaceExhausted", "GoneError", "IdempotencyConflict",
    "IdempotencyKeyReused", "InsufficientCredits", "InternalServerError", "InvalidSignature",
    "InvalidTransition", "InvalidWebhookEvent", "JobFailed", "JobNotCompleted", "JobNotFound", "LinkExpired",
    "MarkupNotAllowed", "MethodNotAllowed", "MissingSlots", "NotFoundError", "NotReady", "OutputExpired",
    "PayloadTooLarge", "PermissionDeniedError", "ProTierRequired", "RateLimited", "ServiceUnavailable",
    "SourceNotFound", "TreasureNotFound", "UnprocessableEntityError", "UnsafeWebhookUrl",
    "UnsupportedFileFormat", "UserNotFound", "VersionConflict", "WebhookNotConfigured", "WebhookNotFound",
    "WorkflowIsPublic", "WorkflowNotFound", "WorkflowNotPublic", "WrongDocumentCount",
]

_BY_STATUS: dict[int, type[APIStatusError]] = {
    cls.status_code: cls
    for cls in (BadRequestError, AuthenticationError, InsufficientCredits, PermissionDeniedError, NotFoundError,
                MethodNotAllowed, ConflictError, GoneError, PayloadTooLarge, UnprocessableEntityError, RateLimited,
                InternalServerError, ServiceUnavailable)
}


def error_from_response(response: httpx.Response) -> APIStatusError:
    """The exception for an error response: by envelope code first, then by status."""
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text or None
    envelope = body if isinstance(body, dict) else {}
    message = str(envelope.get("message") or f"HTTP {response.status_code}")
    cls = ERROR_CODES.get(str(envelope.get("code")))
    if cls is None or (cls.status_code and cls.status_code // 100 != response.status_code // 100):
        cls = _BY_STATUS.get(response.status_code) or (
            InternalServerError if response.status_code >= 500 else APIStatusError)
    return cls(message, response=response, body=body)


def retry_after_seconds(response: httpx.Response | None) -> float | None:
    """``Retry-After`` (seconds or an HTTP date) or ``retry-after-ms`` of a response, in seconds."""
    if response is None:
        return None
    millis = response.headers.get("retry-after-ms")
    if millis:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        return max(email.utils.mktime_tz(parsed) - time.time(), 0.0)
