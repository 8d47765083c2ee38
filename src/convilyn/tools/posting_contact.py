"""Whom a job posting says to write to, and where the job is.

"Send your CV and a covering letter addressed to Rachel Dunmore, Director of
Finance", "Contact Sam Whitcombe, Superintendent Pharmacist, on ...", "apply ...
to our General Manager, Fiona MacLeod, at ..."; "Salford Quays (hybrid, three
days a week in the office)", "Bristol, BS2", "Bank · Manchester · Hybrid".
"""

from __future__ import annotations

import re

import regex

from convilyn.tools.career_text import HEADER_SPLIT_RE, has_title_word, is_location
from convilyn.tools.entities import ORG_RE, ORG_SUFFIXES

# "Location: Leeds", "**Company:** Acme": a labelled value, one format for every label.
LABEL = r"^\s*[*_]*{}[*_]*\s*[:\-–]\s*[*_]*(?P<value>.+?)[*_]*\s*$"
_LOCATION_LABEL = re.compile(LABEL.format(r"(?:location|based in|office|where)"), re.I | re.M)
_LOCATION_PROSE = re.compile(
    r"\b(?:based in|located in|in our|from our|office in|offices in)\s+"
    r"(?P<loc>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?(?:,\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)?)"
)
WORK_MODE = re.compile(r"\b(?:fully\s+)?(remote|hybrid|on-?site)\b", re.I)
EMPLOYMENT_TERMS = re.compile(
    r"^(?:full[- ]time|part[- ]time|permanent|temporary|contract|fixed[- ]term|days|nights|shifts?|internship|"
    r"apply(?: now)?|careers?|jobs?|vacanc(?:y|ies)|job description|salary.*|\W*£.*|\$.*|€.*|ref\b.*)$",
    re.I,
)


def _place_beside(parts: list[str], employer: str | None) -> str | None:
    """The place in a header line that also gives the work mode: the part that is no employer, title or term."""
    for part in parts:
        if (employer and part.casefold() == employer.casefold()) or WORK_MODE.fullmatch(part) or has_title_word(part):
            continue
        if EMPLOYMENT_TERMS.match(part) or re.search(r"\d|[£$€]", part) or ORG_RE.search(part):
            continue
        if re.fullmatch(r"[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2}(?:,\s*[A-Z][\w'’ .-]+)?", part):
            return part
    return None


# "Salford Quays (hybrid, three days a week in the office)": a place with its work mode in brackets.
_PLACE_WITH_MODE = re.compile(r"^(?P<place>[A-Z][\w'’. -]{1,40}?)\s*\((?P<mode>remote|hybrid|on-?site)\b[^)]*\)$", re.I)
# "Bristol, BS2", "Leeds LS1 4AP": a town with a UK postcode (district).
_PLACE_WITH_POSTCODE = re.compile(r"^(?P<place>[A-Z][a-z'’-]+(?:[ -][A-Z][a-z'’-]+){0,2}),?\s+[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?$")


def posting_location(text: str, employer: str | None = None) -> str | None:
    """Where the job is: a labelled location, a place in the header (with its work mode), else a prose one."""
    if labelled := _LOCATION_LABEL.search(text):
        return re.split(r"\s+[|•·]\s+", labelled.group("value").strip())[0]
    for line in [ln.strip().strip("#*_ ") for ln in text.splitlines() if ln.strip()][:4]:
        parts = [p.strip() for p in HEADER_SPLIT_RE.split(line) if p.strip()]
        for part in parts:
            if WORK_MODE.fullmatch(part) and (place := _place_beside(parts, employer)):
                return f"{place} ({part.capitalize()})"  # "Harbourline Bank · Manchester · Hybrid"
            if is_location(part) and not has_title_word(part):
                return part
            if (m := _PLACE_WITH_MODE.match(part)) and not has_title_word(m.group("place")):
                return f"{m.group('place').strip()} ({m.group('mode').capitalize()})"
            if m := _PLACE_WITH_POSTCODE.match(part):
                return m.group("place")
    place = m.group("loc") if (m := _LOCATION_PROSE.search(text)) else None
    remote = WORK_MODE.search(text)
    mode = remote.group(1).capitalize() if remote else None
    if place and mode:
        return f"{place} ({mode})"
    return place or mode


_PERSON_NAME = r"\p{Lu}[\p{Ll}'’-]+(?:[ \t]+(?:(?:van|von|de|da|di|del|der|la|le)[ \t]+)?\p{Lu}[\p{Ll}'’-]+){1,2}"
_RECIPIENT_RE = regex.compile(
    rf"\b(?:address(?:ed)?|send|write|apply|applications?|letters?|CVs?|questions)\b[^.\n]{{0,80}}?\bto[ \t]+"
    rf"(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?(?P<name>{_PERSON_NAME})(?:,[ \t]*(?P<title>[^,.;\n]{{3,60}}))?"
    rf"|^[ \t*_]*(?:hiring manager|contact|recruiting manager|line manager)[ \t*_]*:[ \t*_]*(?P<name2>{_PERSON_NAME})"
    rf"(?:,[ \t]*(?P<title2>[^,.;\n]{{3,60}}))?"
    # "contact Sam Whitcombe, Superintendent Pharmacist, on ...": a named person with a title, then how to reach them
    rf"|\bcontact[ \t]+(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?(?P<name3>{_PERSON_NAME}),[ \t]*(?P<title3>[^,.;\n]{{3,60}}),"
    rf"[ \t]*(?:on|at|via|by)\b",
    regex.IGNORECASE | regex.MULTILINE,
)


_CASED_NAME = r"\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,2}"


def posting_recipient(text: str) -> tuple[str | None, str | None]:
    """Whom the posting says to write to ("a covering letter addressed to Rachel Dunmore, Director of Finance")."""
    for match in _RECIPIENT_RE.finditer(text):
        name = match.group("name") or match.group("name2") or match.group("name3")
        title = match.group("title") or match.group("title2") or match.group("title3")
        if has_title_word(name) and title and regex.fullmatch(_CASED_NAME, title.strip()) and not has_title_word(title):
            # "to our General Manager, Fiona MacLeod, at ...": the title came first
            name, title = title.strip(), regex.sub(r"^(?:our|the|your)\s+", "", name, flags=regex.I)
        if not name[:1].isupper() or ORG_RE.fullmatch(name) or regex.search(rf"\b(?:{ORG_SUFFIXES}|Team|HR)\b", name):
            continue
        if has_title_word(name):
            continue
        title = title.strip() if title and has_title_word(title) and not regex.search(r"\d", title) else None
        if title and title.islower():
            title = title.title()  # "the ward manager, Grace Olumide": "Ward Manager" in the address
        return name, title
    return None, None


__all__ = ["EMPLOYMENT_TERMS", "LABEL", "WORK_MODE", "posting_location", "posting_recipient"]
