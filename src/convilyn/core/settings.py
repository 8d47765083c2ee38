"""Settings, read from ``CONVILYN_*`` environment variables or a ``convilyn.toml``.

With nothing set, everything lives under a per-user data dir and works offline.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

# Per tier, per endpoint group: a `limits` rate string ("10/day", "60/minute").
# Endpoint groups are named in convilyn.core.ratelimit.
DEFAULT_RATE_LIMITS: dict[str, dict[str, str]] = {
    "free": {
        "job_create": "10/day",
        "status_poll": "60/minute",
        "upload": "60/hour",
        "read": "300/minute",
        "write": "120/minute",
        "forge": "30/hour",
        "anonymous": "120/minute",
    },
    "pro": {
        "job_create": "500/day",
        "status_poll": "300/minute",
        "upload": "600/hour",
        "read": "1200/minute",
        "write": "600/minute",
        "forge": "300/hour",
        "anonymous": "120/minute",
    },
}


class Settings(BaseSettings):
    """Every knob an operator can turn. Field ``x`` is env var ``CONVILYN_X``."""

    model_config = SettingsConfigDict(
        env_prefix="CONVILYN_",
        env_nested_delimiter="__",
        toml_file="convilyn.toml",
        extra="ignore",
    )

    data_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir("convilyn")))
    database_url: str | None = None
    redis_url: str | None = None
    storage_url: str | None = None  # unset: data_dir/files; file:///path; s3://bucket/prefix
    s3_endpoint_url: str | None = None  # unset: AWS; else any S3-compatible endpoint
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None  # unset: botocore's chain (AWS_* variables, profile, role)
    s3_secret_access_key: str | None = None
    s3_addressing_style: Literal["auto", "path", "virtual"] = "auto"
    storage_part_size: int = Field(default=8 * 1024 * 1024, ge=5 * 1024 * 1024)
    model: str = "builtin"
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    log_format: Literal["text", "json"] = "text"  # json: one object per line, with request_id and job_id
    # FastAPI's native OpenTelemetry (traces, metrics, logs to the global providers). Off: it looks the
    # providers up on every request, ~10% of a status poll, and /metrics is what Convilyn exports.
    opentelemetry: bool = False
    base_url: str = "http://127.0.0.1:8000"

    jwt_secret: str | None = None
    jwt_issuer: str = "convilyn"
    jwt_ttl_seconds: int = 30 * 24 * 3600
    signing_secret: str | None = None
    # The web app: a printed sign-in link works once within this time; the cookie session it starts lasts longer.
    sign_in_link_ttl_seconds: int = 15 * 60
    web_session_ttl_seconds: int = 14 * 24 * 3600

    upload_max_bytes: int = 25 * 1024 * 1024
    unattached_file_ttl_seconds: int = 24 * 3600
    output_ttl_seconds: int = 24 * 3600
    download_url_ttl_seconds: int = 3600
    # A finished job's event log, and a webhook delivery that succeeded or failed, are kept this long.
    job_event_ttl_seconds: int = 30 * 24 * 3600
    webhook_delivery_ttl_seconds: int = 30 * 24 * 3600
    sweep_interval_seconds: int = 600

    runner_concurrency: int = 4
    # False: `convilyn serve` answers HTTP only and `convilyn worker` processes run the phases.
    run_jobs: bool = True
    # On PostgreSQL: a worker silent for worker_stalled_seconds has its phases handed to another.
    worker_heartbeat_seconds: float = 2.0
    worker_stalled_seconds: float = 10.0
    # The Procrastinate queue phases are deferred to (deployments sharing one database keep apart by it).
    phase_queue: str = "phases"
    # An SSE event stream ends after this long; clients reconnect with Last-Event-ID.
    events_stream_max_seconds: float = 300.0
    phase_timeout_seconds: float = 300.0
    phase_max_attempts: int = 3

    # Webhooks: seconds between retries of a failed delivery (then it fails), how often due ones are
    # looked for, and networks the SSRF guard lets through anyway (for tests' loopback receivers only).
    webhook_retry_delays: list[float] = Field(default_factory=lambda: [10.0, 60.0, 300.0, 1800.0, 7200.0])
    webhook_poll_seconds: float = 1.0
    webhook_allowed_networks: list[str] = Field(default_factory=list)

    # Browser origins allowed to call the API (CORS), e.g. ["https://app.example.com"]; none by default.
    cors_origins: list[str] = Field(default_factory=list)

    rate_limits: dict[str, dict[str, str]] = Field(default_factory=lambda: DEFAULT_RATE_LIMITS)
    rate_limits_enabled: bool = True

    openai_base_url: str | None = None
    openai_api_key: str | None = None
    anthropic_base_url: str | None = None
    anthropic_api_key: str | None = None
    mcp_servers: dict[str, str] = Field(default_factory=dict)

    forge_cost: int = 1
    forge_reroll_budget: int = 16
    signup_credits: int = 0
    paddle_webhook_secret: str | None = None
    paddle_price_credits: dict[str, int] = Field(default_factory=dict)
    paddle_timestamp_tolerance_seconds: int = 300

    @field_validator("rate_limits", mode="after")
    @classmethod
    def _merge_rate_limits(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        # An operator overriding one figure keeps the defaults for the rest.
        merged = {tier: dict(limits) for tier, limits in DEFAULT_RATE_LIMITS.items()}
        for tier, limits in value.items():
            merged.setdefault(tier, {}).update(limits)
        return merged

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'convilyn.db'}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    def secret(self, name: str) -> str:
        """A secret from settings, else one generated once and kept in the data dir."""
        configured: str | None = getattr(self, name)
        if configured:
            return configured
        path = self.data_dir / "secrets" / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
