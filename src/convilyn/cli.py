"""The ``convilyn`` command: serve, manage users and keys, run MCP servers, demo."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from convilyn import client_commands
from convilyn.core.settings import Settings, get_settings

app = typer.Typer(help="Convilyn: documents in, finished deliverables out.", no_args_is_help=True)
users_app = typer.Typer(help="Manage users.", no_args_is_help=True)
keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
mcp_app = typer.Typer(help="Run the built-in MCP servers for any MCP client.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(keys_app, name="keys")
app.add_typer(mcp_app, name="mcp")
forge_app = typer.Typer(help="Forge treasures.", no_args_is_help=True)
credits_app = typer.Typer(help="Manage forge credits.", no_args_is_help=True)
app.add_typer(forge_app, name="forge")
app.add_typer(credits_app, name="credits")

T = TypeVar("T")


def _with_db(work: Callable[[Any, Settings], Awaitable[T]]) -> T:
    """Run ``work(db, settings)`` against the migrated database."""
    from convilyn.core.db import Database
    from convilyn.core.migrate import upgrade

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.resolved_database_url)

    async def run() -> T:
        db = Database(settings.resolved_database_url)
        try:
            return await work(db, settings)
        finally:
            await db.dispose()

    return asyncio.run(run())


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


LogLevel = Annotated[str | None, typer.Option(
    "--log-level", help="critical, error, warning, info or debug (default: CONVILYN_LOG_LEVEL, else info).")]


def setup_logging(settings: Settings, level: str | None) -> None:
    """Configure logs for a long-running command: ``--log-level`` over ``CONVILYN_LOG_LEVEL``, in
    ``CONVILYN_LOG_FORMAT`` (text or json). ``convilyn worker`` calls this too."""
    from convilyn.ops.logs import configure_logging

    try:
        configure_logging(level or settings.log_level, settings.log_format)
    except ValueError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    log_level: LogLevel = None,
) -> None:
    """Serve the API (migrations are applied at start). Jobs run in this process too, unless
    CONVILYN_RUN_JOBS=false: then `convilyn worker` processes run them (PostgreSQL)."""
    import uvicorn

    from convilyn.app import create_app
    from convilyn.webapp import app_url

    settings = get_settings()
    setup_logging(settings, log_level)
    if settings.base_url == "http://127.0.0.1:8000" and (host, port) != ("127.0.0.1", 8000):
        settings.base_url = f"http://{host}:{port}"
    typer.echo(f"Web app: {app_url(settings.base_url)}  (sign in with a link from `convilyn login-link USER_ID`)")
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None)


@app.command()
def migrate() -> None:
    """Apply the database migrations and exit (safe to run from many processes at once)."""
    from convilyn.core.migrate import current_revision, upgrade

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.resolved_database_url)
    typer.echo(f"database at revision {current_revision(settings.resolved_database_url)}")


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(
        help="Phases run at once (default: CONVILYN_RUNNER_CONCURRENCY).", min=1)] = None,
    queues: Annotated[list[str] | None, typer.Option(
        "--queues", help="Queues to take jobs from (repeatable): the phase queue (CONVILYN_PHASE_QUEUE, "
        "default phases) and/or maintenance. Default: both.")] = None,
    log_level: LogLevel = None,
) -> None:
    """Run job phases and periodic maintenance from the PostgreSQL queue, until SIGINT/SIGTERM.

    Start any number, on any number of machines, beside `convilyn serve` with CONVILYN_RUN_JOBS=false.
    """
    from convilyn.context import build_context
    from convilyn.core.migrate import upgrade_async
    from convilyn.jobs.worker import MAINTENANCE_QUEUE, ProcrastinateQueue

    settings = get_settings()
    setup_logging(settings, log_level)
    known = (settings.phase_queue, MAINTENANCE_QUEUE)
    unknown = sorted(set(queues or ()) - set(known))
    if unknown:
        raise _fail(f"Unknown queue {unknown[0]!r}; queues are: {', '.join(known)}")
    if settings.resolved_database_url.startswith("sqlite"):
        raise _fail("convilyn worker needs PostgreSQL (CONVILYN_DATABASE_URL=postgresql://...); "
                    "on SQLite, convilyn serve runs the jobs itself.")

    async def run() -> None:
        ctx = build_context(settings)
        queue = ctx.runner
        assert isinstance(queue, ProcrastinateQueue)
        queue.concurrency = concurrency or settings.runner_concurrency
        queue.queues = tuple(queues or known)
        try:
            await upgrade_async(settings.resolved_database_url)
            await queue.app.open_async()
            typer.echo(f"worker {queue.name}: {queue.concurrency} at once from {', '.join(queue.queues)}")
            await queue.run_worker()
        finally:
            await ctx.close()

    asyncio.run(run())


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="Display name.")],
    tier: Annotated[str, typer.Option(help="free or pro.")] = "free",
    credits: Annotated[int, typer.Option(help="Forge credits to grant.", min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Create a user with a bearer token and an API key."""
    from convilyn.auth import service as auth

    if tier not in auth.TIERS:
        raise _fail(f"--tier must be one of: {', '.join(auth.TIERS)}")
    if not 1 <= len(name.strip()) <= 80:
        raise _fail("NAME must be 1 to 80 characters.")

    from convilyn.auth import web_sessions

    async def work(db: Any, settings: Settings) -> dict[str, Any]:
        async with db.transaction() as session:
            user = await auth.create_user(session, display_name=name, tier=tier)
            key, raw = await auth.create_api_key(session, user_id=user.id, name="default")
            if credits:
                from convilyn.billing import ledger

                await ledger.grant(session, user_id=user.id, amount=credits, reason="cli grant")
            code = await web_sessions.create_sign_in_link(session, user_id=user.id,
                                                          ttl_seconds=settings.sign_in_link_ttl_seconds)
        return {"userId": user.id, "name": name, "tier": tier, "credits": credits,
                "token": auth.issue_token(settings, user.id), "apiKey": raw, "keyId": key.id,
                "signInUrl": web_sessions.sign_in_url(settings.base_url, code)}

    result = _with_db(work)
    if as_json:
        typer.echo(json.dumps(result))
    else:
        for field, value in result.items():
            typer.echo(f"{field}: {value}")


@app.command("login-link")
def login_link(
    user_id: Annotated[str, typer.Argument(help="The user (usr_...).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print a one-time link that signs the user in to the web app (valid for 15 minutes by default)."""
    from convilyn.auth import web_sessions
    from convilyn.core.errors import AppError

    async def work(db: Any, settings: Settings) -> dict[str, Any]:
        async with db.transaction() as session:
            code = await web_sessions.create_sign_in_link(session, user_id=user_id,
                                                          ttl_seconds=settings.sign_in_link_ttl_seconds)
        return {"userId": user_id, "signInUrl": web_sessions.sign_in_url(settings.base_url, code),
                "expiresInSeconds": settings.sign_in_link_ttl_seconds}

    try:
        result = _with_db(work)
    except AppError as exc:
        raise _fail(exc.message) from exc
    typer.echo(json.dumps(result) if as_json else result["signInUrl"])


@users_app.command("set-tier")
def users_set_tier(user_id: str, tier: str) -> None:
    """Change a user's tier (free or pro)."""
    from convilyn.auth import service as auth

    async def work(db: Any, settings: Settings) -> None:
        async with db.transaction() as session:
            await auth.set_tier(session, user_id=user_id, tier=tier)

    from convilyn.core.errors import AppError

    try:
        _with_db(work)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    except AppError as exc:
        raise _fail(exc.message) from exc
    typer.echo(f"{user_id} is now {tier}")


@keys_app.command("create")
def keys_create(user_id: str, name: Annotated[str, typer.Option(help="A label for the key.")] = "",
                as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Create an API key; the key is printed once."""
    from convilyn.auth import service as auth
    from convilyn.core.errors import AppError

    async def work(db: Any, settings: Settings) -> dict[str, str]:
        async with db.transaction() as session:
            key, raw = await auth.create_api_key(session, user_id=user_id, name=name)
        return {"keyId": key.id, "apiKey": raw, "userId": user_id}

    try:
        result = _with_db(work)
    except AppError as exc:
        raise _fail(exc.message) from exc
    typer.echo(json.dumps(result) if as_json else f"{result['keyId']}: {result['apiKey']}")


@keys_app.command("list")
def keys_list(user_id: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List a user's API keys (prefixes only)."""
    from convilyn.auth import service as auth

    async def work(db: Any, settings: Settings) -> list[dict[str, Any]]:
        async with db.read() as session:
            keys = await auth.list_api_keys(session, user_id=user_id)
        return [{"keyId": k.id, "name": k.name, "prefix": k.prefix, "createdAt": k.created_at.isoformat(),
                 "revoked": k.revoked_at is not None} for k in keys]

    rows = _with_db(work)
    if as_json:
        typer.echo(json.dumps(rows))
        return
    for row in rows:
        typer.echo(f"{row['keyId']}  {row['prefix']}...  {'revoked' if row['revoked'] else 'active'}  {row['name']}")


@keys_app.command("revoke")
def keys_revoke(key_id: str) -> None:
    """Revoke an API key; it stops working at once."""
    from convilyn.auth import service as auth
    from convilyn.core.errors import AppError

    async def work(db: Any, settings: Settings) -> None:
        async with db.transaction() as session:
            await auth.revoke_api_key(session, key_id=key_id)

    try:
        _with_db(work)
    except AppError as exc:
        raise _fail(exc.message) from exc
    typer.echo(f"revoked {key_id}")


@mcp_app.command("serve")
def mcp_serve(
    name: Annotated[str, typer.Argument(help="doc-parser-mcp, text-analysis-mcp, career-mcp or doc-writer-mcp.")],
    transport: Annotated[str, typer.Option(help="stdio or http.")] = "stdio",
    host: str = "127.0.0.1",
    port: int = 8765,
    root: Annotated[list[Path] | None, typer.Option(
        help="Directory the server may read and write (repeatable). Without it, any path the process can reach.")] = None,
) -> None:
    """Serve one built-in MCP server over stdio or streamable HTTP (at http://HOST:PORT/mcp)."""
    from convilyn import tools

    if name not in tools.BUILTIN_SERVERS:
        raise _fail(f"Unknown server {name!r}; choose one of: {', '.join(tools.BUILTIN_SERVERS)}")
    if transport not in ("stdio", "http"):
        raise _fail("--transport must be stdio or http")
    tools.serve(name, transport, host=host, port=port, roots=root or None)  # type: ignore[arg-type]


@forge_app.command("preview")
def forge_preview(
    workflow_id: Annotated[str, typer.Argument(help="A user workflow id (uw_ + 24 hex digits).")],
    svg: Annotated[Path | None, typer.Option(help="Write the picture to this SVG file.")] = None,
    attempt: Annotated[int, typer.Option(help="Re-roll attempt (a mint uses 0 unless it collides).", min=0)] = 0,
) -> None:
    """Print the gene vector a workflow would mint (JSON) and draw it; no server or database needed."""
    from convilyn.core.errors import AppError
    from convilyn.forge import service as forge
    from convilyn.forge.genes import gene_hash

    try:
        vector, picture = forge.preview(workflow_id, attempt)
    except AppError as exc:
        raise _fail(exc.message) from exc
    if svg is not None:
        svg.parent.mkdir(parents=True, exist_ok=True)
        svg.write_text(picture, encoding="utf-8")
    typer.echo(json.dumps({"workflowId": workflow_id, "geneHash": gene_hash(vector),
                           "geneVector": vector.to_json()}, indent=2))


@credits_app.command("grant")
def credits_grant(
    user_id: Annotated[str, typer.Argument(help="The user (usr_...).")],
    amount: Annotated[int, typer.Argument(help="Credits (U) to grant.", min=1)],
    reason: Annotated[str, typer.Option(help="Why, as the ledger entry will say.")] = "operator grant",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Grant credits to a user: one ledger entry, and the balance moves with it."""
    from convilyn.billing import ledger
    from convilyn.core.errors import AppError

    async def work(db: Any, settings: Settings) -> dict[str, Any]:
        async with db.transaction() as session:
            entry = await ledger.grant(session, user_id=user_id, amount=amount, reason=reason)
        return {"userId": user_id, "entryId": entry.id, "amount": amount, "balance": entry.balance_after}

    try:
        result = _with_db(work)
    except AppError as exc:
        raise _fail(exc.message) from exc
    typer.echo(json.dumps(result) if as_json else f"granted {amount} U to {user_id}; balance {result['balance']} U")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where to write the result ZIP and its files.")] = Path("out"),
    data_dir: Annotated[Path | None, typer.Option(help="Data dir (default: a fresh temporary one).")] = None,
) -> None:
    """Run the seed's cover-letter flow end to end through the HTTP API of an embedded instance."""
    from convilyn.demo import run_demo

    raise typer.Exit(code=run_demo(out, data_dir))


client_commands.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
