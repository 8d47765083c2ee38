"""The web app, served under ``/app`` from the built files shipped in this package (``dist/``).

``web/`` holds the sources; ``npm run build`` there writes ``dist/`` here, so a
wheel or a fresh clone serves the app with only Python installed. Hashed assets
(``/app/assets/*``) never change under their name and are cached for a year;
every other path under ``/app`` that is not a file is a client-side route and
gets ``index.html`` (never cached, so a new build is picked up at once).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse, Response

from convilyn.core.errors import NotFound

DIST = Path(__file__).parent / "dist"
MOUNT = "/app"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# What a page may load: only this origin; SVG pictures come in through <img>, where scripts never run.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def app_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}{MOUNT}/"


def _file(relative: str) -> Path | None:
    """The built file at ``relative``, if there is one and it stays inside dist/."""
    root = DIST.resolve()
    candidate = (root / relative).resolve()
    if candidate != root and root in candidate.parents and candidate.is_file():
        return candidate
    return None


def _index() -> Response:
    index = DIST / "index.html"
    if not index.is_file():
        raise NotFound("The web app is not built: run `npm ci && npm run build` in web/.")
    return FileResponse(index, media_type="text/html",
                        headers={"Cache-Control": REVALIDATE, "Content-Security-Policy": CSP,
                                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


def mount_web_app(app: FastAPI) -> None:
    """Serve the built app under /app (deep links fall back to index.html) and send / there."""

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(f"{MOUNT}/", status_code=307)

    @app.get(MOUNT, include_in_schema=False)
    async def app_root() -> RedirectResponse:
        return RedirectResponse(f"{MOUNT}/", status_code=307)

    @app.get(MOUNT + "/{path:path}", include_in_schema=False)
    async def web_app(path: str) -> Response:
        found = _file(path) if path else None
        if found is not None:
            cache = IMMUTABLE if path.startswith("assets/") else REVALIDATE
            return FileResponse(found, headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})
        if path.startswith("assets/"):
            # A missing asset is a stale page asking for an old build: a 404, not the index as JavaScript.
            raise NotFound(f"No asset {path}.")
        return _index()
