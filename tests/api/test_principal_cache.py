"""Cached principals never outlive a revocation or a tier change made in this process.

(Another process sees them within a second: tests/cli/test_cli.py, against ``convilyn serve``.)
"""

from __future__ import annotations

from convilyn.auth import service as auth


async def read_limit(api, *, use_key: bool) -> tuple[int, str]:
    async with api.client(use_key=use_key) as client:
        response = await client.get("/api/v1/workflows/catalog")
    return response.status_code, response.headers.get("x-ratelimit-limit", "")


async def test_a_tier_change_applies_to_the_next_request_by_key_and_by_token(server):
    api = await server.user(tier="free")
    for use_key in (True, False):
        assert await read_limit(api, use_key=use_key) == (200, "300")  # free: read 300/minute
    async with server.ctx.db.transaction() as session:
        await auth.set_tier(session, user_id=api.user_id, tier="pro")
    for use_key in (True, False):
        assert await read_limit(api, use_key=use_key) == (200, "1200")


async def test_a_revoked_key_is_refused_on_the_next_request_and_other_keys_still_work(server):
    api = await server.user()
    async with server.ctx.db.transaction() as session:
        _, other = await auth.create_api_key(session, user_id=api.user_id, name="other")
    assert (await read_limit(api, use_key=True))[0] == 200
    async with server.ctx.db.transaction() as session:
        await auth.revoke_api_key(session, key_id=api.key_id)
    assert (await read_limit(api, use_key=True))[0] == 401
    async with server.client(other) as client:
        assert (await client.get("/api/v1/workflows/catalog")).status_code == 200


async def test_a_rolled_back_revocation_changes_nothing(server):
    api = await server.user()
    assert (await read_limit(api, use_key=True))[0] == 200
    try:
        async with server.ctx.db.transaction() as session:
            await auth.revoke_api_key(session, key_id=api.key_id)
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert (await read_limit(api, use_key=True))[0] == 200
