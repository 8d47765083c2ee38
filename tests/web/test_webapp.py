"""The built web app under /app: deep links, immutable hashed assets, and a build that matches its sources."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from convilyn.webapp import DIST

WEB = Path(__file__).resolve().parents[2] / "web"
# Keep in step with web/scripts/source-hash.mjs.
SOURCES = ["index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts", "src"]


def source_hash(root: Path) -> str:
    files: list[str] = []
    for entry in SOURCES:
        path = root / entry
        files += [p.relative_to(root).as_posix() for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()]
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update((root / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def test_the_committed_build_matches_the_web_sources():
    recorded = json.loads((DIST / "build-info.json").read_text())["sourceHash"]
    assert recorded == source_hash(WEB), "web/ changed since the app was built: run `npm run build` in web/"


async def test_app_pages_and_deep_links_serve_the_index(server):
    async with server.client() as browser:
        for path in ("/app/", "/app/run", "/app/builder/uw_0123456789abcdef01234567", "/app/community?sort=popular"):
            response = await browser.get(path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["cache-control"] == "no-cache"
            assert "default-src 'self'" in response.headers["content-security-policy"]
            assert '<div id="root">' in response.text
        assert (await browser.get("/app")).headers["location"] == "/app/"
        assert (await browser.get("/")).headers["location"] == "/app/"


async def test_hashed_assets_are_cached_for_good_and_missing_ones_are_404(server):
    async with server.client() as browser:
        index = (await browser.get("/app/")).text
        assets = re.findall(r'(?:src|href)="(/app/assets/[^"]+)"', index)
        assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
        for asset in assets:
            response = await browser.get(asset)
            assert response.status_code == 200, asset
            assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        missing = await browser.get("/app/assets/index-00000000.js")
        assert missing.status_code == 404 and missing.json()["code"] == "NOT_FOUND"
        escape = await browser.get("/app/..%2F..%2F__init__.py")
        assert escape.status_code == 200 and '<div id="root">' in escape.text


async def test_the_app_is_not_in_the_api_document(server):
    async with server.client() as browser:
        paths = (await browser.get("/openapi.json")).json()["paths"]
    assert not any(p.startswith("/app") for p in paths) and "/api/v1/auth/session" in paths


def test_the_package_data_globs_ship_every_built_file():
    """What pyproject's package-data names is what a wheel carries: every file of the build must match."""
    import tomllib

    package = DIST.parents[1]
    globs = tomllib.loads((package.parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = {path for pattern in globs["convilyn"] for path in package.glob(pattern) if path.is_file()}
    built = {path for path in DIST.rglob("*") if path.is_file()}
    assert built and built <= shipped, sorted(str(p) for p in built - shipped)
