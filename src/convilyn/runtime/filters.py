"""Filters plan templates can use, beyond Jinja's own: lists as people write them, and tool results as Markdown.

``natural_join``, ``argmax``, ``bullets``, ``unique``, ``markdown`` (any tool
result as readable Markdown), ``result_rows`` (tool results as CSV rows),
``humanize``, ``lower_first``, ``with_article``, ``as_reader``,
``first_sentence``, ``mentioning``, ``skills_in_prose`` and ``as_duty``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from convilyn.tools.skills import skill_in_prose


def natural_join(items: Iterable[Any], last: str = "and") -> str:
    """``a, b and c``: a list as a person would write it."""
    words = [str(item) for item in items if str(item).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def argmax(values: Sequence[float]) -> int:
    """The index of the largest value (the first one on a tie)."""
    return max(range(len(values)), key=lambda i: (values[i], -i)) if values else 0


def bullets(items: Iterable[Any], marker: str = "-") -> str:
    """One Markdown list item per element."""
    return "\n".join(f"{marker} {item}" for item in items)


def unique(items: Iterable[Any]) -> list[Any]:
    """The items without repeats, case-insensitively for strings, first spelling kept."""
    seen: set[Any] = set()
    kept = []
    for item in items:
        key = item.casefold() if isinstance(item, str) else repr(item)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


_READER_WORDS = {"our": "your", "ours": "yours", "we": "you", "us": "you", "ourselves": "yourselves"}


def as_reader(text: str) -> str:
    """A sentence of a posting addressed back to its author: ``our platform`` -> ``your platform``."""
    return re.sub(
        r"\b(our|ours|we|us|ourselves)\b",
        lambda m: _READER_WORDS[m.group(1).lower()].capitalize() if m.group(1)[0].isupper() else _READER_WORDS[m.group(1).lower()],
        text,
        flags=re.IGNORECASE,
    )


# "In this role you will oversee ...", "You'll plan ...": the duty itself is what follows.
_DUTY_LEAD = re.compile(
    r"^(?:(?:in this (?:role|position)|as (?:an?|the|our) [^,]{1,40}?|day[- ]to[- ]day|every day),?\s+)?"
    r"(?:you will|you'll|you’ll|you would|you'd|you are going to|you're going to)\s+(?:also\s+)?"
    r"(?:be responsible for\s+)?(?=[a-z])",
    re.IGNORECASE,
)


def as_duty(sentence: str) -> str:
    """A posting's sentence as the duty it names: ``In this role you will oversee X.`` -> ``Oversee X.``"""
    lead = _DUTY_LEAD.match(sentence.strip())
    if lead is None:
        return sentence
    rest = sentence.strip()[lead.end() :]
    if re.match(r"be\s", rest):  # "You will be joining a team ...": no duty to restate
        return sentence
    return rest[:1].upper() + rest[1:]


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its final full stop."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].rstrip(".")


def lower_first(text: str) -> str:
    """``Led the team`` -> ``led the team`` (an acronym such as ``AWS`` is kept)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def with_article(noun: str) -> str:
    """``Engineer`` -> ``an Engineer``; ``Senior Engineer`` -> ``a Senior Engineer``."""
    return f"{'an' if noun[:1].lower() in 'aeio' else 'a'} {noun}" if noun else noun


def _mentions(text: str, term: str) -> bool:
    words = [term, term.split()[-1]] if " " in term else [term]
    return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text, re.IGNORECASE) for w in words)


def mentioning(items: Iterable[str], terms: Iterable[str]) -> list[str]:
    """The items that mention any of ``terms`` (a term's last word counts: ``Apache Kafka`` matches ``Kafka``)."""
    wanted = [t for t in terms if t]
    return [item for item in items if any(_mentions(item, term) for term in wanted)]


def skills_in_prose(skills: Iterable[str]) -> list[str]:
    """Skill names as they read mid-sentence: ``Copywriting`` -> ``copywriting``; ``HubSpot`` stays."""
    return [skill_in_prose(str(skill)) for skill in skills]


def humanize(key: str) -> str:
    """``dueDate`` or ``due_date`` -> ``Due date``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:].lower()


_PRIMARY_KEYS = ("task", "text", "title", "name", "term", "skill", "summary", "value")


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    return str(value)


def _is_empty(value: Any) -> bool:
    # False is left out too: in a tool result it is a flag that is not set (done: false).
    return value is None or value is False or value == "" or value == [] or value == {}


def _is_short_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= 8
        and all(isinstance(v, str | int | float) and len(str(v)) <= 40 for v in value)
    )


def _item_line(item: dict[str, Any]) -> str:
    primary = next((k for k in _PRIMARY_KEYS if isinstance(item.get(k), str) and item[k]), None)
    if primary is None:
        primary = next((k for k, v in item.items() if isinstance(v, str) and v), None)
    rest = [
        f"{humanize(k)}: {_scalar(v)}"
        for k, v in item.items()
        if k != primary and not _is_empty(v) and not isinstance(v, dict)
    ]
    head = str(item[primary]) if primary else ""
    if head and rest:
        return f"{head} ({'; '.join(rest)})"
    return head or "; ".join(rest)


def markdown(value: Any, depth: int = 0) -> str:
    """Any tool result (text, numbers, lists, objects) as readable Markdown."""
    indent = "  " * depth
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if _is_empty(item):
                continue
            if isinstance(item, dict | list) and not _is_short_list(item):
                lines.append(f"{indent}- **{humanize(key)}**:")
                lines.append(markdown(item, depth + 1))
            else:
                lines.append(f"{indent}- **{humanize(key)}**: {_scalar(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        return "\n".join(
            f"{indent}- {_item_line(v) if isinstance(v, dict) else _scalar(v)}" for v in value if not _is_empty(v)
        )
    return f"{indent}{_scalar(value)}" if depth else _scalar(value)


def result_rows(results: dict[str, Any]) -> list[dict[str, str]]:
    """Tool results by section title, flattened to ``{section, field, value}`` rows for a CSV file."""
    rows = []

    def add(section: str, field: str, value: Any) -> None:
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not _is_empty(item):
                text = _item_line(item) if isinstance(item, dict) else _scalar(item)
                rows.append({"section": section, "field": field, "value": text})

    for section, result in results.items():
        if isinstance(result, dict):
            for key, value in result.items():
                add(section, humanize(key), value)
        else:
            add(section, "", result)
    return rows


FILTERS: dict[str, Callable[..., Any]] = {
    "natural_join": natural_join,
    "argmax": argmax,
    "bullets": bullets,
    "unique": unique,
    "markdown": markdown,
    "result_rows": result_rows,
    "humanize": humanize,
    "lower_first": lower_first,
    "with_article": with_article,
    "as_reader": as_reader,
    "first_sentence": first_sentence,
    "mentioning": mentioning,
    "skills_in_prose": skills_in_prose,
    "as_duty": as_duty,
}


def _register_findings() -> None:
    from convilyn.runtime.findings import findings, findings_heading

    FILTERS["findings"] = findings
    FILTERS["findings_heading"] = findings_heading


_register_findings()
