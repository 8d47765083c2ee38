"""Users, API keys and tokens.

API keys are stored as SHA-256 hashes (they are high-entropy, so a slow hash
buys nothing); a JWT is HS256 with a local secret.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

import jwt
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.models import ApiKey, User
from convilyn.core.clock import clock
from convilyn.core.db import rows_affected
from convilyn.core.errors import NotFound, Unauthenticated
from convilyn.core.ids import new_id
from convilyn.core.settings import Settings

TIERS = ("free", "pro")
API_KEY_PREFIX = "cvl_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user, by token or by one of their API keys."""

    user_id: str
    tier: str
    key_id: str | None = None

    @property
    def rate_key(self) -> str:
        # Limits apply per API key; a JWT session counts as the user's own key.
        return self.key_id or self.user_id

    @property
    def is_pro(self) -> bool:
        return self.tier == "pro"


def _hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


async def create_user(session: AsyncSession, *, display_name: str, tier: str = "free") -> User:
    """A new user (credits are granted through the billing ledger, not here)."""
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}")
    display_name = display_name.strip()
    if not 1 <= len(display_name) <= 80:
        raise ValueError("a user's name must be 1 to 80 characters")
    user = User(id=new_id("usr"), display_name=display_name, tier=tier, credit_balance=0, created_at=clock.now())
    session.add(user)
    await session.flush()
    return user


async def set_tier(session: AsyncSession, *, user_id: str, tier: str) -> None:
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}")
    changed = await rows_affected(session, update(User).where(User.id == user_id).values(tier=tier))
    if changed == 0:
        raise NotFound(f"No user {user_id}.")


async def get_user(session: AsyncSession, user_id: str) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


async def create_api_key(session: AsyncSession, *, user_id: str, name: str = "") -> tuple[ApiKey, str]:
    """A new key for the user; the raw key is returned once and never stored."""
    await get_user(session, user_id)
    raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=new_id("key"),
        user_id=user_id,
        name=name,
        prefix=raw[:10],
        key_hash=_hash_key(raw),
        created_at=clock.now(),
    )
    session.add(key)
    await session.flush()
    return key, raw


async def list_api_keys(session: AsyncSession, *, user_id: str) -> list[ApiKey]:
    rows = await session.scalars(select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.created_at))
    return list(rows)


async def revoke_api_key(session: AsyncSession, *, key_id: str) -> None:
    changed = await rows_affected(session,
        update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None)).values(revoked_at=clock.now())
    )
    if changed == 0:
        raise NotFound(f"No active API key {key_id}.")


def issue_token(settings: Settings, user_id: str) -> str:
    """A bearer JWT for the user."""
    now = clock.now()
    claims = {
        "sub": user_id,
        "iss": settings.jwt_issuer,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.jwt_ttl_seconds)).timestamp()),
    }
    return jwt.encode(claims, settings.secret("jwt_secret"), algorithm="HS256")


async def authenticate(session: AsyncSession, settings: Settings, credential: str) -> Principal:
    """The principal behind a bearer credential (API key or JWT), or Unauthenticated."""
    if credential.startswith(API_KEY_PREFIX):
        row = (
            await session.execute(
                select(ApiKey.id, User.id, User.tier)
                .join(User, User.id == ApiKey.user_id)
                .where(ApiKey.key_hash == _hash_key(credential), ApiKey.revoked_at.is_(None))
            )
        ).first()
        if row is None:
            raise Unauthenticated("The API key is unknown or revoked.")
        return Principal(user_id=row[1], tier=row[2], key_id=row[0])
    try:
        claims = jwt.decode(
            credential,
            settings.secret("jwt_secret"),
            algorithms=["HS256"],
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "sub"], "verify_iat": False},
            leeway=5,
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("The token has expired.") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated("The bearer token is not valid.") from exc
    tier = await session.scalar(select(User.tier).where(User.id == claims["sub"]))
    if tier is None:
        raise Unauthenticated("The token's user no longer exists.")
    return Principal(user_id=claims["sub"], tier=tier)
