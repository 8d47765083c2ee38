"""Model providers by name.

``builtin`` is the offline plan follower (built per phase by the runtime);
``openai:<model>`` speaks chat completions to OpenAI or any compatible server
(vLLM, Ollama, llama.cpp) at ``openai_base_url``; ``anthropic:<model>`` speaks
the Messages API to ``anthropic_base_url`` or Anthropic itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from anthropic import AsyncAnthropic
from openai import AsyncOpenAI
from pydantic_ai.models import Model
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.openai import OpenAIProvider

from convilyn.runtime.phase import PhaseFailed

BUILTIN = "builtin"
OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
ANTHROPIC_DEFAULT_URL = "https://api.anthropic.com"
SDK_RETRIES = 1  # the job runner retries phases; a long SDK back-off only delays a clear failure
REQUEST_TIMEOUT = 120.0


@dataclass(frozen=True)
class ProviderSettings:
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    anthropic_base_url: str | None = None
    anthropic_api_key: str | None = None


class ModelProviders:
    """Builds (and keeps, one per name) the models a phase can run on."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self._models: dict[str, Model] = {}
        self._clients: list[AsyncOpenAI | AsyncAnthropic] = []

    def location(self, name: str) -> str:
        kind = name.partition(":")[0]
        if kind == "openai":
            return self.settings.openai_base_url or OPENAI_DEFAULT_URL
        if kind == "anthropic":
            return self.settings.anthropic_base_url or ANTHROPIC_DEFAULT_URL
        return "in process"

    async def aclose(self) -> None:
        """Closes the HTTP connections of the models built so far."""
        for client in self._clients:
            await client.close()
        self._clients.clear()
        self._models.clear()

    def model(self, name: str) -> Model:
        """The model called ``name`` (``openai:<model>`` or ``anthropic:<model>``); PhaseFailed if unknown."""
        if name not in self._models:
            self._models[name] = self._build(name)
        return self._models[name]

    def _build(self, name: str) -> Model:
        kind, _, model_name = name.partition(":")
        if not model_name:
            raise PhaseFailed(f"The model {name!r} is not one this service knows; use builtin, "
                              "openai:<model> or anthropic:<model>.")
        if kind == "openai":
            openai_client = AsyncOpenAI(
                base_url=self.settings.openai_base_url or OPENAI_DEFAULT_URL,
                # Local servers (Ollama, llama.cpp, vLLM) take any key, but the SDK wants one.
                api_key=self.settings.openai_api_key or "not-needed",
                max_retries=SDK_RETRIES,
                timeout=REQUEST_TIMEOUT,
            )
            self._clients.append(openai_client)
            return OpenAIChatModel(model_name, provider=OpenAIProvider(openai_client=openai_client))
        if kind == "anthropic":
            if not self.settings.anthropic_api_key and not self.settings.anthropic_base_url:
                raise PhaseFailed("The Anthropic model needs an API key (CONVILYN_ANTHROPIC_API_KEY).")
            anthropic_client = AsyncAnthropic(
                base_url=self.settings.anthropic_base_url or ANTHROPIC_DEFAULT_URL,
                api_key=self.settings.anthropic_api_key or "not-needed",
                max_retries=SDK_RETRIES,
                timeout=REQUEST_TIMEOUT,
            )
            self._clients.append(anthropic_client)
            return AnthropicModel(model_name, provider=AnthropicProvider(anthropic_client=anthropic_client))
        raise PhaseFailed(f"The model {name!r} is not one this service knows; use builtin, "
                          "openai:<model> or anthropic:<model>.")
