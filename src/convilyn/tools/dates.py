"""Finding date expressions in text and resolving them to calendar dates, offline.

Absolute and relative expressions ("2026-12-01", "March 3", "next Tuesday",
"end of month", "EOD Friday") resolve against a reference date with
``dateparser`` plus a few business idioms it does not know.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from convilyn.core.clock import clock

# Abbreviations and "May" must be capitalised: "sat", "sun", "mar" and "may" are also ordinary words.
_MONTH = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|(?-i:May)|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\.?))"
)
WEEKDAY_PATTERN = _WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?-i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?))"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# Notes written by mixed-language teams date things "3 mars", "20 février", "17. März": a month name in French,
# German, Spanish or Italian after a day number is a date (alone, "mars" or "mayo" is not).
_FOREIGN_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
}  # fmt: skip
_FOREIGN_MONTH = "(?:" + "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len, reverse=True)) + r")\.?"
_ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december"]  # fmt: skip
_NUMBER_WORDS = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"

DATE_EXPRESSION = (
    r"(?:"
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+\d{{4}})?"
    rf"|{_DAY}\.?\s+(?:de\s+)?{_FOREIGN_MONTH}(?:\s+(?:de\s+)?\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}"
    r"|q[1-4]\s+\d{4}"
    rf"|(?:the\s+)?end\s+of\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month|quarter|year)|eod|eow|eom|cob)"
    rf"(?:\s+(?:on\s+)?(?:(?:this\s+|next\s+)?{_WEEKDAY}|tomorrow|today))?"
    rf"|(?:(?:next|this|coming|following|last)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|tomorrow|today|tonight|yesterday"
    r"|(?:next|this|last|the\s+following)\s+(?:week|month|quarter|year)"
    rf"|in\s+{_NUMBER_WORDS}\s+(?:days?|weeks?|months?)"
    r")"
)
# "12/09" with no year: only where the context says it is a date (a deadline, a meeting's own date).
SHORT_NUMERIC_DATE = r"(?<![\d/.])(?:(?:[0-3]?\d)/(?:[0-3]?\d)(?![\d/])|[0-3]?\d\.[01]?\d\.(?![\d.]))"
_SHORT_NUMERIC_RE = re.compile(SHORT_NUMERIC_DATE)
DATE_RE = re.compile(rf"(?<![\w-]){DATE_EXPRESSION}(?![\w-])", re.IGNORECASE)
_ABSOLUTE_RE = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
                          rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|{_DAY}\.?\s+{_FOREIGN_MONTH}\s+\d{{4}}", re.IGNORECASE)  # fmt: skip
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_WEEKDAY_NAMES = {
    name: index
    for index, names in enumerate([("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
                                   ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
                                   ("sunday", "sun")])
    for name in names
}  # fmt: skip


def _friday_of_week(day: date) -> date:
    if day.weekday() >= 5:  # at the weekend "end of week" means the coming Friday
        return day + timedelta(days=(4 - day.weekday()) % 7)
    return day + timedelta(days=4 - day.weekday())


def _end_of(unit: str, ref: date) -> date:
    if unit == "day":
        return ref
    if unit == "week":
        return _friday_of_week(ref)
    if unit == "month":
        return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1])
    if unit == "quarter":
        last_month = ((ref.month - 1) // 3 + 1) * 3
        return date(ref.year, last_month, calendar.monthrange(ref.year, last_month)[1])
    return date(ref.year, 12, 31)


def _weekday_index(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for index, prefix in enumerate(_WEEKDAYS):
        if word.startswith(prefix):
            return index
    return None


def resolve_date(expression: str, reference: date, *, deadline: bool = False) -> date | None:
    """The calendar date ``expression`` names, seen from ``reference``; None if it names none.

    With ``deadline`` a date without a year is taken in the future ("March 3"
    in November is next March) and a month alone means its last day.
    """
    text = " ".join(expression.lower().replace(",", " ").split())
    # "this afternoon", "by lunch", "before two": later the same day
    if re.fullmatch(r"this (?:morning|afternoon|evening)|(?:by |before |after )?(?:lunch(?:time)?|noon|midday)"
                    r"|(?:before|by) (?:one|two|three|four|five|[1-5](?:\s*pm)?)", text):
        return reference
    text = re.sub(r"^(?:on|by|before|due|until|no later than)\s+", "", text)
    if not text:
        return None
    ending = re.match(
        r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(day|week|month|quarter|year)|(eod|cob|eow|eom))\b(.*)", text
    )
    if ending:
        unit = ending.group(1) or {"eod": "day", "cob": "day", "eow": "week", "eom": "month"}[ending.group(2)]
        rest = ending.group(3).strip()
        if rest:  # "EOD Friday": the end of that day
            return resolve_date(rest.removeprefix("on "), reference, deadline=deadline)
        return _end_of(unit, reference)
    if month_end := re.fullmatch(r"(?:the\s+)?end\s+of\s+([a-z]+)\.?(\s+\d{4})?", text):
        month = next((i for i, name in enumerate(_ENGLISH_MONTHS, 1) if name.startswith(month_end.group(1)[:3])), None)
        if month is not None:  # "by the end of December": its last day
            year = int(month_end.group(2) or reference.year)
            if not month_end.group(2) and deadline and month < reference.month:
                year += 1
            return date(year, month, calendar.monthrange(year, month)[1])
    if text in ("today", "tonight"):
        return reference
    if quarter := re.fullmatch(r"q([1-4])\s+(\d{4})", text):
        month = int(quarter.group(1)) * 3
        year = int(quarter.group(2))
        return date(year, month, calendar.monthrange(year, month)[1])
    if period := re.fullmatch(r"(next|this|the following)\s+(week|month|quarter|year)", text):
        if period.group(1) == "this":
            return _end_of(period.group(2), reference)
        if period.group(2) == "week":  # a deadline "next week" is met by its Friday; a date, its Monday
            return reference + timedelta(days=7 - reference.weekday() + (4 if deadline else 0))
    if this_day := re.fullmatch(r"this\s+(\w+)", text):
        index = _weekday_index(this_day.group(1))
        if index is not None:
            return reference + timedelta(days=(index - reference.weekday()) % 7)
    text = re.sub(r"\s+(morning|afternoon|evening|night)$", "", text)
    if text.rstrip(".") in _WEEKDAY_NAMES:  # "Friday": the coming one (said on a Friday, a week on)
        return reference + timedelta(days=(_WEEKDAY_NAMES[text.rstrip(".")] - reference.weekday() - 1) % 7 + 1)
    text = re.sub(r"^(coming|following)\s+", "next ", text)
    return _dateparser(text, reference, deadline=deadline)


_DOTTED = re.compile(r"([0-3]?\d)\.([01]?\d)\.(\d{2}|\d{4})?")


def _dateparser(text: str, reference: date, *, deadline: bool) -> date | None:
    import dateparser

    if dotted := _DOTTED.fullmatch(text.strip()):
        # "03.02.2026", "10.02.": a dotted date is day first wherever it is written that way (de, fr, ru, ...)
        return _day_month(int(dotted.group(1)), int(dotted.group(2)), dotted.group(3), reference, deadline=deadline)
    text = re.sub(rf"(?i)\b(?:de\s+)?({_FOREIGN_MONTH})(?:\s+de)?(?=\s+\d{{4}}|$)",
                  lambda m: " " + _ENGLISH_MONTHS[_FOREIGN_MONTHS[m.group(1).lower().rstrip(".")] - 1], text)
    text = re.sub(r"(?<=\d)\.(?=\s+[a-z])", "", text)  # "17. march"

    settings: dict[str, object] = {
        "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
        "PREFER_DATES_FROM": "future" if deadline else "current_period",
        "PREFER_DAY_OF_MONTH": "last" if deadline else "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on some odd inputs; "no date" is the honest answer
        return None
    return parsed.date() if parsed else None


def _day_month(day: int, month: int, year: str | None, reference: date, *, deadline: bool) -> date | None:
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(reference.year, month, day)
    except ValueError:
        return None
    if deadline and found < reference:
        try:
            return date(reference.year + 1, month, day)
        except ValueError:
            return None
    return found


def find_dates(text: str) -> list[re.Match[str]]:
    """Every date expression in ``text``, in order."""
    return list(DATE_RE.finditer(text))


def reference_date(text: str, given: date | None = None) -> date:
    """The one date every relative expression in ``text`` counts from: ``given``, else the document's own date,
    else today (read once from the clock).

    Every extractor of a document resolves "Friday" and "EOD tomorrow" through this, so the due dates, the
    entities' dates and a report built from both name the same day.
    """
    return given or find_document_date(text) or clock.today()


def find_document_date(text: str, *, max_lines: int = 12) -> date | None:
    """The date a document states for itself near its top ("Date: 2026-11-20", "Notes — 20 Nov 2026")."""
    today = clock.today()  # read once: every candidate line is parsed against the same day
    lines = [line for line in text.splitlines() if line.strip()][:max_lines]
    labelled = [line for line in lines if re.match(r"\s*[#*_\s]*(date|meeting date|when)\s*[:\-–—]", line, re.I)]
    for line in labelled + lines:
        match = _ABSOLUTE_RE.search(line)
        if match:
            found = _dateparser(match.group(), today, deadline=False)
            if found:
                return found
    for line in labelled + lines[:1]:  # "Weekly standup — 12/05": a title or a date line may omit the year
        match = _SHORT_NUMERIC_RE.search(line)
        if match:
            found = _dateparser(match.group(), today, deadline=False)
            if found:
                return found
    return None
