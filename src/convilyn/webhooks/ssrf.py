"""The SSRF guard: a webhook URL may only reach public addresses.

Checked when an endpoint is registered and again before every delivery, after
resolving the host name, so a name that later resolves to an internal address
(DNS rebinding) is still refused; the delivery then connects to the address that
was checked (``pinned``), not to whatever the name resolves to a moment later. Refused: loopback, private, link-local (the
cloud metadata address 169.254.169.254 among them), multicast, reserved and
unspecified addresses, in IPv4 and IPv6. ``CONVILYN_WEBHOOK_ALLOWED_NETWORKS``
lists networks let through anyway; it exists for tests (a receiver on
loopback) and should stay empty in production.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from convilyn.core.errors import ValidationFailed

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


class UnsafeWebhookUrl(ValidationFailed):
    code = "UNSAFE_WEBHOOK_URL"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="url", code="unsafe_url")


def networks(allowed: Sequence[str]) -> list[Network]:
    return [ipaddress.ip_network(value, strict=False) for value in allowed]


def _refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None


def check_address(address: str, allowed: Sequence[Network]) -> None:
    ip = ipaddress.ip_address(address)
    if any(ip in network for network in allowed):
        return
    reason = _refusal(ip)
    if reason:
        raise UnsafeWebhookUrl(f"The webhook URL resolves to a {reason} address ({ip}); use a public address.")


def parse(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeWebhookUrl("The webhook URL must be an http:// or https:// URL with a host.")
    if parts.username or parts.password:
        raise UnsafeWebhookUrl("The webhook URL must not carry credentials.")
    if parts.hostname.lower().rstrip(".") in METADATA_HOSTS:
        raise UnsafeWebhookUrl("The webhook URL names a cloud metadata service.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeWebhookUrl("The webhook URL has an invalid port.") from exc
    return parts.hostname, port


async def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (tests replace this to play DNS)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


async def check_url(url: str, allowed: Sequence[Network]) -> list[str]:
    """Every address the URL's host resolves to, all public (or allowed); UnsafeWebhookUrl otherwise."""
    host, port = parse(url)
    try:
        addresses = await resolve(host, port)
    except socket.gaierror as exc:
        raise UnsafeWebhookUrl(f"The webhook URL's host {host!r} does not resolve.") from exc
    if not addresses:
        raise UnsafeWebhookUrl(f"The webhook URL's host {host!r} does not resolve.")
    for address in addresses:
        check_address(address, allowed)
    return addresses


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """(URL, headers, httpx extensions) that reach ``url`` at the checked ``address``: the URL names
    the address, ``Host`` the original host, and TLS still sends and verifies the original name (SNI)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    ip = ipaddress.ip_address(address)
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    host_header = parts.netloc.rpartition("@")[2]
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), {"host": host_header}, extensions
