"""The web app end to end in a real headless Chromium against a live ``convilyn serve`` (web/e2e/run.mjs).

Needs Node and the distribution's Chromium; skipped without them on a laptop,
failed without them under CI=true (.ci/run installs both).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from convilyn.demo import free_port
from tests.support import CONVILYN, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
SAMPLES = ROOT / "src" / "convilyn" / "demo"


def _requirements() -> tuple[str, str] | str:
    node = shutil.which("node")
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if node is None:
        return "node is not installed"
    if chromium is None:
        return "the chromium package is not installed"
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        return "web/node_modules is missing: run `npm ci` in web/"
    return node, chromium


@pytest.mark.skipif(bool(os.environ.get("CONVILYN_TEST_DATABASE_URL")),
                    reason="runs once, in the SQLite pass: the browser is what it tests, the API runs on PG elsewhere")
def test_the_web_app_end_to_end_in_chromium(tmp_path: Path):
    found = _requirements()
    if isinstance(found, str):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs the browser tests: {found}")
        pytest.skip(found)
    node, chromium = found
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CONVILYN_DATA_DIR": str(tmp_path / "data"), "CONVILYN_BASE_URL": base_url}
    env.pop("CONVILYN_DATABASE_URL", None)
    created = subprocess.run([CONVILYN, "users", "create", "E2E Pro", "--tier", "pro", "--credits", "3", "--json"],
                             env=env, capture_output=True, text=True, timeout=120, check=True)
    user = json.loads(created.stdout)
    server = subprocess.Popen([CONVILYN, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        asyncio.run(wait_until_listening(port, timeout=120))
        result = subprocess.run(
            [node, str(WEB / "e2e" / "run.mjs")], cwd=WEB, capture_output=True, text=True, timeout=240, check=False,
            env={**os.environ, "CONVILYN_BASE_URL": base_url, "CONVILYN_SIGN_IN_URL": user["signInUrl"],
                 "CONVILYN_API_KEY": user["apiKey"], "CHROMIUM": chromium, "SAMPLES": str(SAMPLES)},
        )
        print(result.stdout)
        assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Web app: " + base_url + "/app/" in output
