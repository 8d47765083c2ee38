"""Refuse comment bodies that carry markup a careless client could execute.

Comments are plain text and clients must render them verbatim; this is the
defence in depth the seed asks for. It refuses HTML tags and comments,
``javascript:``-style URLs and inline event handlers, and looks again after
undoing HTML entities. Plain text such as ``2 < 3 & 4 > 1`` passes untouched.
"""

from __future__ import annotations

import html
import re

# As a browser reads a tag: "<" then the name at once ("a < b" is text).
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:[\s/][^<>]*)?>")
_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|svg|math|img|image|video|audio|source|"
    r"style|link|meta|base|form|input|button|textarea|select|body|html|head|template|marquee|details)\b",
    re.I,
)
_MARKUP_DECLARATION = re.compile(r"<\s*(?:!--|!\[CDATA\[|!doctype|\?xml)", re.I)
_SCRIPT_URL = re.compile(r"(?:java|vb|live)script:|data:\s*text/html|data:\s*image/svg", re.I)
_EVENTS = (
    "abort|afterprint|animation[a-z]*|auxclick|beforeinput|beforeprint|beforeunload|begin|blur|cancel|canplay[a-z]*|"
    "change|click|close|contextmenu|copy|cuechange|cut|dblclick|drag[a-z]*|drop|durationchange|emptied|end|ended|"
    "error|focus[a-z]*|formdata|fullscreen[a-z]*|hashchange|input|invalid|key[a-z]+|load[a-z]*|message[a-z]*|"
    "mouse[a-z]+|offline|online|pagehide|pageshow|paste|pause|play|playing|pointer[a-z]+|popstate|progress|"
    "ratechange|repeat|reset|resize|scroll[a-z]*|search|seeked|seeking|select[a-z]*|show|stalled|storage|submit|"
    "suspend|timeupdate|toggle|touch[a-z]+|transition[a-z]*|unload|volumechange|waiting|wheel"
)
# A known DOM event handler, or any on...= whose value looks like script.
_EVENT_HANDLER = re.compile(
    rf"\bon(?:{_EVENTS})\s*=(?!=)|\bon[a-z]{{3,}}\s*=\s*(?:[\"'`]|[\w.$]+\s*\()", re.I
)
# Whitespace and control characters browsers ignore inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\s\x00-\x1f]+")

REASONS = (
    (_TAG, "an HTML tag"),
    (_MARKUP_DECLARATION, "HTML markup"),
    (_EVENT_HANDLER, "an inline event handler"),
)


def _reason(text: str) -> str | None:
    dangerous = _DANGEROUS_TAG.search(text)
    if dangerous:
        return f"a <{dangerous.group(1).lower()}> tag"
    for pattern, reason in REASONS:
        if pattern.search(text):
            return reason
    if _SCRIPT_URL.search(_IGNORED_IN_SCHEME.sub("", text)):
        return "a script URL"
    return None


def markup_reason(body: str) -> str | None:
    """Why ``body`` is refused, or None when it is plain text."""
    reason = _reason(body)
    if reason is None:
        decoded = html.unescape(body)
        if decoded != body:
            reason = _reason(decoded)
    return reason
