"""Error types raised by services, and the one place they become the envelope.

Every error response is ``{"code", "message", "details"}``; 422 adds ``errors``.
No stack trace ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("convilyn.errors")


class FieldError(BaseModel):
    field: str
    message: str
    code: str


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    code: str = Field(examples=["VERSION_CONFLICT"])
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    errors: list[FieldError] | None = Field(
        default=None, description="Field-level details; present on 422 responses."
    )


class AppError(Exception):
    """Base of every error a service raises on purpose."""

    status_code = 400
    code = "BAD_REQUEST"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}
        self.errors = errors
        self.headers = headers
        if code:
            self.code = code

    def envelope(self) -> ErrorEnvelope:
        return ErrorEnvelope(code=self.code, message=self.message, details=self.details, errors=self.errors)


class InvalidTransition(AppError):
    status_code = 400
    code = "INVALID_TRANSITION"


class Unauthenticated(AppError):
    status_code = 401
    code = "UNAUTHENTICATED"


class InsufficientCredits(AppError):
    status_code = 402
    code = "INSUFFICIENT_CREDITS"


class Forbidden(AppError):
    status_code = 403
    code = "FORBIDDEN"


class TierTooLow(Forbidden):
    code = "PRO_TIER_REQUIRED"


class SignatureInvalid(Forbidden):
    code = "INVALID_SIGNATURE"


class NotFound(AppError):
    status_code = 404
    code = "NOT_FOUND"


class Conflict(AppError):
    status_code = 409
    code = "CONFLICT"


class VersionConflict(Conflict):
    code = "VERSION_CONFLICT"

    def __init__(self, current_item_version: int) -> None:
        super().__init__(
            f"itemVersion is stale; the current itemVersion is {current_item_version}. "
            "Re-fetch and retry with it.",
            details={"currentItemVersion": current_item_version},
        )


class PayloadTooLarge(AppError):
    status_code = 413
    code = "PAYLOAD_TOO_LARGE"


class ValidationFailed(AppError):
    status_code = 422
    code = "VALIDATION_ERROR"

    def __init__(
        self,
        message: str,
        *,
        field: str = "body",
        code: str = "invalid",
        errors: list[FieldError] | None = None,
        envelope_code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        if errors is None:
            errors = [FieldError(field=field, message=message, code=code)]
        super().__init__(message, code=envelope_code, details=details, errors=errors)

    @classmethod
    def of(
        cls, errors: list[FieldError], *, envelope_code: str | None = None, details: dict[str, Any] | None = None
    ) -> ValidationFailed:
        """One error carrying several field errors."""
        message = " ".join(e.message if e.message.endswith(".") else f"{e.message}." for e in errors)
        return cls(message, errors=errors, envelope_code=envelope_code, details=details)


class RateLimited(AppError):
    status_code = 429
    code = "RATE_LIMITED"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "SERVICE_UNAVAILABLE"


OUTAGE_MESSAGE = "A service Convilyn depends on is unavailable right now; retry shortly."
OUTAGE_RETRY_AFTER = 5  # seconds


# Errors that say a dependency (database, network) is down rather than a bug: such a
# request gets a 503 with Retry-After, not a 500. Connection failures surface as OSError
# from the driver (asyncpg connects outside the DB-API), or as SQLAlchemy's
# OperationalError, InterfaceError, pool TimeoutError or DisconnectionError around it.
OUTAGES: tuple[type[Exception], ...] = (
    OSError, sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, sa_exc.DisconnectionError,
)


def error_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the errors a route can return."""
    out: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        entry = out.setdefault(error.status_code, {"model": ErrorEnvelope, "description": ""})
        names = [n for n in entry["description"].split(" | ") if n]
        if error.code not in names:
            names.append(error.code)
        entry["description"] = " | ".join(names)
    return out


# Every route can be refused for these reasons.
COMMON_ERRORS: tuple[type[AppError], ...] = (ValidationFailed, RateLimited)
# What any route that needs a caller can answer besides its own errors.
SIGNED_IN_ERRORS: tuple[type[AppError], ...] = (Unauthenticated, *COMMON_ERRORS)


def _loc_to_field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _json_response(status: int, envelope: ErrorEnvelope, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(envelope.model_dump(exclude_none=True), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error, ours or the framework's, through the envelope."""

    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return _json_response(exc.status_code, exc.envelope(), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for err in exc.errors():
            code = str(err.get("type", "invalid"))
            # A body that is not JSON has no field; its location holds a character offset.
            field = "body" if code == "json_invalid" else _loc_to_field(err.get("loc", ()))
            errors.append(FieldError(field=field, message=str(err.get("msg")), code=code))
        message = "; ".join(f"{e.field}: {e.message}" for e in errors[:5]) or "Invalid request."
        envelope = ErrorEnvelope(code="VALIDATION_ERROR", message=message, errors=errors)
        return _json_response(422, envelope)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # The framework's only 400 is a body it could not decode: a validation error here.
            message = f"The request body could not be read: {exc.detail}."
            return _json_response(422, ErrorEnvelope(code="VALIDATION_ERROR", message=message, errors=[
                FieldError(field="body", message=message, code="body_invalid")]))
        codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 401: "UNAUTHENTICATED"}
        envelope = ErrorEnvelope(code=codes.get(exc.status_code, "HTTP_ERROR"), message=str(exc.detail))
        return _json_response(exc.status_code, envelope, getattr(exc, "headers", None))

    async def _outage(request: Request, exc: Exception) -> JSONResponse:
        log.error("a dependency is unavailable on %s %s: %s: %s", request.method, request.url.path,
                  type(exc).__name__, exc)
        envelope = ErrorEnvelope(code=ServiceUnavailable.code, message=OUTAGE_MESSAGE)
        return _json_response(503, envelope, {"Retry-After": str(OUTAGE_RETRY_AFTER)})

    for outage in OUTAGES:
        app.add_exception_handler(outage, _outage)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        envelope = ErrorEnvelope(code="INTERNAL_ERROR", message="Something went wrong on our side; it has been logged.")
        return _json_response(500, envelope)
