"""FastAPI's native OpenTelemetry is off unless CONVILYN_OPENTELEMETRY turns it on (it costs every request)."""

from __future__ import annotations

from convilyn.app import create_app
from convilyn.context import build_context
from tests.conftest import make_settings


def test_native_opentelemetry_follows_the_setting(tmp_path):
    for enabled in (False, True):
        ctx = build_context(make_settings(tmp_path / str(enabled), f"sqlite:///{tmp_path}/{enabled}.db",
                                          opentelemetry=enabled))
        telemetry = create_app(ctx=ctx)._telemetry
        assert (telemetry["tracing"], telemetry["metrics"], telemetry["logs"]) == (enabled,) * 3
