"""Principals by credential, cached per process and dropped when the auth revision moves.

Authenticating an API key is a database read; the status poll is the hottest
route and its callers present the same key every 2 s. This cache keeps the
principal of each credential and watches one number, ``auth_revision``, which
the transaction that revokes a key or changes a tier bumps
(``auth.revision.bump_auth_revision``). So:

- in this process, the commit of such a change marks every cache stale, and the
  very next request re-reads the revision and is refused;
- in every other process, the revision is re-read at most every
  ``RECHECK_SECONDS`` (by one request, the others wait for it), so the change is
  seen within that time plus one read: under a second.

A JWT's own expiry is checked on every hit; failed authentications are not
cached (each costs a read, as before).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass

from sqlalchemy import select

from convilyn.auth.models import AuthRevision
from convilyn.auth.revision import changes_in_process
from convilyn.auth.service import Principal, authenticate
from convilyn.core.db import Database
from convilyn.core.settings import Settings

RECHECK_SECONDS = 0.25  # how stale another process's change may be seen (the promise is 1 s)
MAX_ENTRIES = 10_000  # past this the cache starts over, rather than grow without bound
REVISION = select(AuthRevision.revision).where(AuthRevision.id == 1)


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    expires_at: float | None  # a JWT's exp (epoch seconds); None for an API key


class PrincipalCache:
    """The principal behind a bearer credential, read from the database once per auth revision."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._settings = settings
        self._entries: dict[bytes, _Entry] = {}
        self._revision: int | None = None
        self._checked_at = float("-inf")
        self._seen_local_changes = -1
        self._lock = asyncio.Lock()

    async def principal(self, credential: str) -> Principal:
        """The caller's principal, or Unauthenticated."""
        await self._fresh()
        key = hashlib.sha256(credential.encode()).digest()
        entry = self._entries.get(key)
        if entry is not None and (entry.expires_at is None or time.time() < entry.expires_at):
            return entry.principal
        revision = self._revision
        async with self._db.read() as session:
            principal, expires_at = await authenticate(session, self._settings, credential)
        if revision == self._revision:  # not read across a change (it may predate it)
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = _Entry(principal, expires_at)
        return principal

    def _stale(self) -> bool:
        return (self._seen_local_changes != changes_in_process()
                or time.monotonic() - self._checked_at >= RECHECK_SECONDS)

    async def _fresh(self) -> None:
        if not self._stale():
            return
        async with self._lock:
            if not self._stale():
                return  # another request re-read it while this one waited
            local_changes, started = changes_in_process(), time.monotonic()
            row = await self._db.first(REVISION)
            revision = row[0] if row is not None else 0
            if revision != self._revision:
                self._entries.clear()
                self._revision = revision
            self._checked_at = started
            self._seen_local_changes = local_changes
