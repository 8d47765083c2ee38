"""Signing in to the web app: one-time sign-in links exchanged for cookie sessions.

An operator (or ``convilyn users create``) makes a sign-in link for a user; the
browser exchanges its code once for a session token that lives only in an
HttpOnly cookie. Codes and tokens are random, so they are stored as SHA-256
hashes like API keys. Redeeming a code is one guarded UPDATE, so two tabs racing
on one link get one session between them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.models import SignInLink, User, WebSession
from convilyn.auth.service import Principal, get_user
from convilyn.core.clock import clock
from convilyn.core.errors import Forbidden, Unauthenticated
from convilyn.core.ids import new_id

SESSION_COOKIE = "convilyn_session"
# The web app sends this header on every request; a cookie-authenticated write without it is refused (CSRF).
WEB_CLIENT_HEADER = "X-Convilyn-Web"
SESSION_PREFIX = "cvs_"
SIGN_IN_PATH = "/app/signin"


class WebClientHeaderMissing(Forbidden):
    code = "WEB_CLIENT_HEADER_REQUIRED"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def sign_in_url(base_url: str, code: str) -> str:
    """The link a person opens; the code rides in the fragment, which browsers never send to a server."""
    return f"{base_url.rstrip('/')}{SIGN_IN_PATH}#code={code}"


async def create_sign_in_link(session: AsyncSession, *, user_id: str, ttl_seconds: int) -> str:
    """A new one-time code for the user, valid for ``ttl_seconds``; returned once, stored hashed."""
    await get_user(session, user_id)
    code = secrets.token_urlsafe(32)
    now = clock.now()
    session.add(SignInLink(id=new_id("sil"), user_id=user_id, code_hash=_hash(code), created_at=now,
                           expires_at=now + timedelta(seconds=ttl_seconds)))
    await session.flush()
    return code


async def redeem_sign_in_link(session: AsyncSession, *, code: str) -> str:
    """Use up a sign-in code; the user's id, or Unauthenticated if it is unknown, used or expired."""
    now = clock.now()
    user_id: str | None = await session.scalar(
        update(SignInLink)
        .where(SignInLink.code_hash == _hash(code), SignInLink.used_at.is_(None), SignInLink.expires_at > now)
        .values(used_at=now)
        .returning(SignInLink.user_id)
    )
    if user_id is None:
        raise Unauthenticated("This sign-in link is unknown, already used or expired; ask for a new one.")
    return user_id


async def start_session(session: AsyncSession, *, user_id: str, ttl_seconds: int) -> str:
    """A new browser session for the user; the raw token (for the cookie) is returned once."""
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    session.add(WebSession(id=new_id("ses"), user_id=user_id, token_hash=_hash(token), created_at=now,
                           expires_at=now + timedelta(seconds=ttl_seconds)))
    await session.flush()
    return token


async def end_session(session: AsyncSession, *, token: str) -> None:
    """Revoke a session (signing out); an unknown or revoked token is left alone."""
    await session.execute(
        update(WebSession).where(WebSession.token_hash == _hash(token), WebSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


async def session_principal(session: AsyncSession, token: str) -> Principal:
    """The principal behind a session cookie, or Unauthenticated."""
    row = (
        await session.execute(
            select(User.id, User.tier)
            .join(WebSession, WebSession.user_id == User.id)
            .where(WebSession.token_hash == _hash(token), WebSession.revoked_at.is_(None),
                   WebSession.expires_at > clock.now())
        )
    ).first()
    if row is None:
        raise Unauthenticated("Your session has ended; sign in again.")
    return Principal(user_id=row[0], tier=row[1])
