"""Failures of a phase, in words a person understands.

What retrying cannot fix becomes PhaseFailed (shown to the user as the job's
error); a provider that is busy or failing for a while becomes
ModelProviderBusy, which the job runner retries.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelNotFoundError,
    ModelQuotaExceededError,
    ModelRequestRejectedError,
    UnexpectedModelBehavior,
    UsageLimitExceeded,
)

from convilyn.runtime.phase import PhaseFailed

_MCP_PREFIX = re.compile(r"^Error executing tool (?P<tool>[\w.-]+)(?::\s*(?P<message>.*))?$", re.DOTALL)


class ModelProviderBusy(RuntimeError):
    """The provider is rate limiting or temporarily down: worth another attempt of the phase."""


def tool_failure_message(content: Any) -> str:
    """A failed tool call's result as a sentence: the tool's own message, without the MCP prefix."""
    if isinstance(content, list):  # argument validation details
        return "; ".join(str(error.get("msg", error)) if isinstance(error, dict) else str(error) for error in content)
    text = str(content).strip()
    match = _MCP_PREFIX.match(text)
    if match is None:
        return text
    return (match.group("message") or "").strip() or f"The tool {match.group('tool')} failed unexpectedly."


def explain_model_failure(exc: Exception, *, model: str, location: str, max_steps: int) -> Exception:
    """What to raise for a failure of the model run: PhaseFailed for what retrying cannot fix.

    Rate limits, overload and provider server errors come back as ModelProviderBusy,
    for the job runner to try the phase again.
    """
    where = f"The model provider at {location}"
    if isinstance(exc, UsageLimitExceeded):
        return PhaseFailed(f"The workflow did not finish within its limit of {max_steps} steps (agentConfig.maxSteps).")
    if isinstance(exc, ModelConnectionError):
        return PhaseFailed(f"{where} could not be reached ({exc.message}).")
    if isinstance(exc, ModelAuthenticationError):
        return PhaseFailed(f"{where} refused the API key; check the configured key for {model}.")
    if isinstance(exc, ModelNotFoundError):
        return PhaseFailed(f"{where} does not offer the model {model.partition(':')[2]!r}.")
    if isinstance(exc, ModelQuotaExceededError):
        return PhaseFailed(f"{where} says the account's quota or credit is used up.")
    if isinstance(exc, ModelRequestRejectedError):
        return PhaseFailed(f"{where} rejected the request: {exc.message}")
    # Before ModelAPIError: pydantic-ai 2.x makes an unparsable answer both (ModelInvalidResponseError),
    # and a provider that answers garbage will answer it again.
    if isinstance(exc, UnexpectedModelBehavior):
        return PhaseFailed(f"{where} returned a response the workflow could not use ({exc.message}).")
    if isinstance(exc, ModelAPIError):
        return ModelProviderBusy(f"{where} is busy or failing ({exc.message}); the step will be tried again.")
    return exc
