"""Signing in to the web app: a one-time link or a pasted key becomes an HttpOnly cookie session."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import urlsplit

from convilyn.auth import web_sessions
from convilyn.auth.web_sessions import SESSION_COOKIE, WEB_CLIENT_HEADER
from tests.support import run_cli

WEB = {WEB_CLIENT_HEADER: "1"}


async def sign_in_code(server, user_id: str) -> str:
    async with server.ctx.db.transaction() as session:
        return await web_sessions.create_sign_in_link(session, user_id=user_id, ttl_seconds=60)


async def test_a_sign_in_link_starts_a_cookie_session_once(server):
    user = await server.user(tier="pro", name="Web Ada")
    code = await sign_in_code(server, user.user_id)
    async with server.client() as browser:
        signed_in = await browser.post("/api/v1/auth/session", json={"code": code})
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json() == {"userId": user.user_id, "displayName": "Web Ada", "tier": "pro", "credits": 0}
        cookie = signed_in.headers["set-cookie"]
        assert cookie.startswith(f"{SESSION_COOKIE}=cvs_")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        me = await browser.get("/api/v1/auth/me")
        assert me.status_code == 200 and me.json()["userId"] == user.user_id
    async with server.client() as other_browser:
        again = await other_browser.post("/api/v1/auth/session", json={"code": code})
        assert again.status_code == 401 and "already used" in again.json()["message"]


async def test_two_tabs_racing_on_one_link_get_one_session(server):
    user = await server.user()
    code = await sign_in_code(server, user.user_id)
    async with server.client() as a, server.client() as b:
        results = await asyncio.gather(*(c.post("/api/v1/auth/session", json={"code": code}) for c in (a, b)))
    assert sorted(r.status_code for r in results) == [200, 401]


async def test_an_expired_or_unknown_link_is_refused_in_words(server):
    from datetime import timedelta

    from convilyn.core.clock import clock

    user = await server.user()
    code = await sign_in_code(server, user.user_id)
    clock.advance(timedelta(seconds=61))
    async with server.client() as browser:
        for body in ({"code": code}, {"code": "not-a-code"}):
            response = await browser.post("/api/v1/auth/session", json=body)
            assert response.status_code == 401, response.text
            assert response.json()["code"] == "UNAUTHENTICATED"
        both = await browser.post("/api/v1/auth/session", json={"code": "x", "apiKey": "cvl_x"})
        neither = await browser.post("/api/v1/auth/session", json={})
        assert both.status_code == neither.status_code == 422


async def test_a_cookie_write_needs_the_web_header_and_sign_out_revokes(server):
    user = await server.user(tier="pro")
    async with server.client() as browser:
        assert (await browser.post("/api/v1/auth/session", json={"apiKey": user.api_key})).status_code == 200
        token = browser.cookies[SESSION_COOKIE]
        body = {"name": "From the browser"}
        forged = await browser.post("/api/v1/user_workflows", json=body)
        assert forged.status_code == 403 and forged.json()["code"] == "WEB_CLIENT_HEADER_REQUIRED"
        created = await browser.post("/api/v1/user_workflows", json=body, headers=WEB)
        assert created.status_code == 201 and created.json()["ownerId"] == user.user_id
        signed_out = await browser.delete("/api/v1/auth/session", headers=WEB)
        assert signed_out.status_code == 204 and SESSION_COOKIE not in browser.cookies
    # The old cookie value no longer works anywhere, even if kept.
    async with server.client() as thief:
        thief.cookies.set(SESSION_COOKIE, token)
        assert (await thief.get("/api/v1/auth/me")).status_code == 401


async def test_a_bad_pasted_key_is_refused_and_bearer_auth_is_unchanged(server):
    user = await server.user()
    async with server.client() as browser:
        response = await browser.post("/api/v1/auth/session", json={"apiKey": "cvl_nope"})
        assert response.status_code == 401 and SESSION_COOKIE not in browser.cookies
    async with user.client(use_key=True) as client:
        assert (await client.get("/api/v1/auth/me")).json()["userId"] == user.user_id


async def test_cookie_requests_count_against_the_users_limit_not_the_address(make_server):
    live = await make_server(rate_limits={"free": {"anonymous": "2/minute", "read": "100/minute"}})
    user = await live.user()
    async with live.client() as browser:
        assert (await browser.post("/api/v1/auth/session", json={"apiKey": user.api_key})).status_code == 200
        for _ in range(4):
            response = await browser.get("/api/v1/auth/me")
            assert response.status_code == 200, response.text
        assert response.headers["X-RateLimit-Limit"] == "100"


async def test_login_link_and_users_create_print_sign_in_links(server, tmp_path: Path, database_url: str):
    created = await asyncio.to_thread(run_cli, "users", "create", "Linked", "--json", data_dir=tmp_path,
                                      database_url=database_url)
    assert created.returncode == 0, created.stderr
    user = json.loads(created.stdout)
    linked = await asyncio.to_thread(run_cli, "login-link", user["userId"], "--json", data_dir=tmp_path,
                                     database_url=database_url)
    assert linked.returncode == 0, linked.stderr
    for url in (user["signInUrl"], json.loads(linked.stdout)["signInUrl"]):
        parts = urlsplit(url)
        assert parts.path == "/app/signin" and parts.fragment.startswith("code=") and not parts.query
        async with server.client() as browser:
            response = await browser.post("/api/v1/auth/session", json={"code": parts.fragment.removeprefix("code=")})
            assert response.status_code == 200 and response.json()["userId"] == user["userId"]
    unknown = await asyncio.to_thread(run_cli, "login-link", "usr_" + "0" * 24, data_dir=tmp_path,
                                      database_url=database_url)
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
