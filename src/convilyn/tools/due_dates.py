"""When a task is due: the deadline phrase in a task's words, and the task without it.

"Send the deck by Friday", "chase them this morning", "should be done by lunch",
"before half term (13 February 2026)": the phrase is read against the notes'
reference date and taken out of the task, so "Send the deck" is what is left.
"""

from __future__ import annotations

from datetime import date

import regex as re

from convilyn.tools.dates import DATE_EXPRESSION, SHORT_NUMERIC_DATE, WEEKDAY_PATTERN, resolve_date

_DUE = re.compile(
    rf"\s*[(\[]?\s*(?:(?P<kw>due|deadline|by|before|until|no later than|on)\s*[:\-]?\s*)"
    rf"(?P<date>{DATE_EXPRESSION}|{SHORT_NUMERIC_DATE})\s*[)\]]?",
    re.IGNORECASE,
)
# "today", "this afternoon", "by lunch", "before two": a deadline later the same day
_SAME_DAY = r"this (?:morning|afternoon|evening)|(?:by|before|after) (?:lunch(?:time)?|noon|midday)|before (?:one|two|three|four|five)(?!\s+(?:weeks?|days?|months?|years?|hours?|of|more|other))"
_BARE_DUE = re.compile(
    rf"\s*\b(?P<date>(?:eod|eow|eom|cob|end of (?:the )?(?:day|week|month|quarter))"
    rf"(?:\s+(?:on\s+)?(?:(?:this\s+|next\s+)?{WEEKDAY_PATTERN}|tomorrow|today))?|tomorrow|today|tonight|{_SAME_DAY}"
    r"|(?:next|this) week|(?:next|this) (?:monday|tuesday|wednesday|thursday|friday))\b",
    re.IGNORECASE,
)
_SAME_DAY_DUE = re.compile(rf"\s*\b(?P<date>{_SAME_DAY})\b", re.IGNORECASE)
_PARENTHESISED_DATE = re.compile(rf"\s*\((?P<date>{DATE_EXPRESSION})\)", re.IGNORECASE)


def take_due(task: str, reference: date) -> tuple[str, str | None, str | None]:
    """``task`` without its due-date phrase, the date as ISO, and the phrase as written.

    "before half term (13 February 2026)": a date in parentheses after a deadline word
    the calendar cannot resolve is the deadline.
    """
    found = _keyword_due(task, reference)
    if found[1] is None and re.search(r"\b(?:by|before|until|due|deadline)\b", task, re.I):
        for match in _PARENTHESISED_DATE.finditer(task):
            resolved = resolve_date(match.group("date"), reference, deadline=True)
            if resolved is not None:
                return task[: match.start()] + task[match.end() :], resolved.isoformat(), match.group("date")
    return found


def _keyword_due(task: str, reference: date) -> tuple[str, str | None, str | None]:
    for pattern in (_SAME_DAY_DUE, _DUE, _BARE_DUE):  # "before three" is a time today, not a date
        for match in pattern.finditer(task):
            expression = match.group("date")
            keyword = (match.groupdict().get("kw") or "").lower()
            if keyword == "on" and not re.search(r"\d|day|tomorrow|week", expression, re.I):
                continue
            before = task[: match.start()].split()
            if not keyword and before and before[-1].lower() in {"for", "on", "at", "from", "since", "until", "after"}:
                continue  # "schedule the retro for next Thursday" names the event's date, not a deadline
            resolved = resolve_date(expression, reference, deadline=True)
            if resolved is None:
                continue
            remaining = task[: match.start()] + " " + task[match.end() :]
            return remaining, resolved.isoformat(), expression.strip()
    return task, None, None
