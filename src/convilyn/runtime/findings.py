"""What a tool added to a fork found, as a section a reader of the deliverable can read.

A fork of the cover letter with ``extract_keywords`` added keeps the letter and
appends what the tool found. Dumped as data, that reads "non-invasive
ventilation (Count: 7; Score: 1)"; a reader wants "Keywords" and the words.
So the scoring a tool uses to rank (count, score, weight, rank...) is left out,
a list of short names becomes one line joined as a person writes it, items with
more to say (a task, its owner, its date) stay one bullet each, and the heading
is what the result is (its one key: "Keywords") rather than the tool's verb.
"""

from __future__ import annotations

import re
from typing import Any

from convilyn.runtime.filters import humanize, markdown, natural_join

# Fields a tool ranks by: useful to sort, noise to a reader.
_RANKING = frozenset({"count", "score", "weight", "rank", "confidence", "frequency", "relevance", "position", "index",
                      "offset", "start", "end", "id", "words", "characters", "iso"})  # fmt: skip
_PRIMARY = ("task", "text", "title", "name", "term", "skill", "summary", "value", "sentence")
_SHORT = 40


def _readable(value: Any) -> Any:
    """``value`` without ranking fields and empty ones, a one-field item reduced to that field."""
    if isinstance(value, dict):
        kept = {k: _readable(v) for k, v in value.items()
                if k.lower() not in _RANKING and v not in (None, "", [], {}, False)}  # fmt: skip
        return next(iter(kept.values())) if len(kept) == 1 and any(k in kept for k in _PRIMARY) else kept
    if isinstance(value, list):
        return [_readable(v) for v in value if v not in (None, "", [], {})]
    return value


def _subject(value: Any) -> tuple[str | None, Any]:
    """The result's one subject ("keywords") and its content, when a result holds one list."""
    if isinstance(value, dict):
        lists = [(k, v) for k, v in value.items() if isinstance(v, list) and v]
        if len(lists) == 1 and all(isinstance(v, list) or k.lower() in _RANKING for k, v in value.items()):
            return lists[0]
    return None, value


def findings_heading(value: Any, fallback: str) -> str:
    """The section's heading: what the result holds ("Keywords", "Action items"), else ``fallback`` without its
    verb ("Extract entities" -> "Entities")."""
    key, _ = _subject(_readable(value))
    if key:
        return humanize(key)
    noun = re.sub(r"^(?:extract|find|get|list|detect|parse|compute|identify|pull)\s+", "", fallback, flags=re.I)
    return noun[:1].upper() + noun[1:] if noun else fallback


def findings(value: Any) -> str:
    """A tool result as a readable section body: short names on one line, richer items as bullets."""
    _, content = _subject(_readable(value))
    if isinstance(content, list) and content and all(isinstance(v, str | int | float) for v in content):
        if all(len(str(v)) <= _SHORT for v in content):
            return natural_join(str(v) for v in content) + "."
        return "\n".join(f"- {v}" for v in content)
    if not content and content != 0:
        return "Nothing was found."
    return markdown(content)


__all__ = ["findings", "findings_heading"]
