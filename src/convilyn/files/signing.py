"""Download URLs the app signs itself: HMAC-SHA256 over path and expiry."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlencode

from convilyn.core.errors import SignatureInvalid


def sign(secret: str, path: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{path}\n{expires}".encode(), hashlib.sha256).hexdigest()


def signed_url(secret: str, base_url: str, path: str, expires: int) -> str:
    query = urlencode({"expires": expires, "signature": sign(secret, path, expires)})
    return f"{base_url.rstrip('/')}{path}?{query}"


def verify(secret: str, path: str, expires: int, signature: str, now: float) -> None:
    """Raise SignatureInvalid (403) unless the signature matches and has not expired."""
    if not hmac.compare_digest(sign(secret, path, expires).encode(), signature.encode("utf-8", "replace")):
        raise SignatureInvalid("The download link is not valid.")
    if now > expires:
        raise SignatureInvalid("The download link has expired; request a new one.", code="LINK_EXPIRED")
