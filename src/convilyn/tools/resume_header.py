"""The top of a resume: the candidate's name, the headline under it, the contact line's place and phone.

"Aoife Brennan RGN", "JANE R. DOUGHERTY, RN, BSN" and "Omar Haddad, PhD" are
named without their letters; "Staff Nurse · aoife@example.co.uk · 07700 341 882 ·
Leicester" gives the place and the phone as the candidate wrote them.
"""

from __future__ import annotations

import re

from convilyn.tools.career_text import HEADER_SPLIT_RE, has_title_word, tidy_title
from convilyn.tools.sections import KNOWN_HEADINGS, heading_key

_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "la", "le", "van", "von", "der", "den", "bin", "al"})
# "JANE R. DOUGHERTY, RN, BSN", "Omar Haddad, PhD": letters after the name are credentials, not the name.
_POST_NOMINALS = re.compile(
    r"(?:,?\s*,\s*(?:[A-Z]{2,6}(?:-[A-Z]{1,4})?|Ph\.?\s?D\.?|Ed\.?D\.?|Jr\.?|Sr\.?|I{2,3}|IV|(?:[A-Z]\.){2,4}))+\s*$"
)
# "07700 900517", "+44 7700 900517", "0113 496 0000": UK numbers written in groups the general finder misses.
_UK_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}(?:\s?\d{3,4}){1,2}(?!\d)")
# "Aoife Brennan RGN", "Sam Lee MBA FCCA": letters after a mixed-case name without a comma.
_BARE_POST_NOMINALS = re.compile(r"(?:\s+[A-Z]{2,6})+\s*$")
_NOT_A_NAME = re.compile(r"\b(?:resume|résumé|curriculum|vitae|cv|page|contact)\b", re.IGNORECASE)


def name_and_headline(text: str) -> tuple[str | None, str | None]:
    """The candidate's name (a labelled one, else the first name-like line) and the title line under it."""
    labelled = re.search(r"^\s*(?:full\s+)?name\s*:\s*(.+)$", text, re.IGNORECASE | re.MULTILINE)
    lines = [re.sub(r"^[#*_\s]+|[*_\s]+$", "", line) for line in text.splitlines()]
    lines = [line for line in lines if line][:8]
    name: str | None = _name_case(labelled.group(1)) if labelled else None
    headline: str | None = None
    for index, line in enumerate(lines):
        first_part = HEADER_SPLIT_RE.split(line)[0].strip()
        if _POST_NOMINALS.search(first_part) and len(_POST_NOMINALS.sub("", first_part).split()) >= 2:
            first_part = _POST_NOMINALS.sub("", first_part).strip()
        bare = _BARE_POST_NOMINALS.search(first_part)
        if bare and not first_part.isupper() and len(first_part[: bare.start()].split()) >= 2:
            first_part = first_part[: bare.start()].strip()  # "Aoife Brennan RGN"
        if name is None and _looks_like_name(first_part):
            name = _name_case(first_part)
            rest = [p.strip() for p in HEADER_SPLIT_RE.split(line)[1:] if has_title_word(p)]
            headline = rest[0] if rest else None
            for following in lines[index + 1 : index + 3]:
                if headline is None and has_title_word(following) and "@" not in following:
                    headline = following
                    break
            break
    return name, tidy_title(headline) if headline else None


# "Leicester", "Edinburgh EH6", "Bristol, UK": a place among the contact line's parts.
_PLACE = re.compile(
    r"[A-Z][a-z'’]+(?:[ -](?:upon[ -]|on[ -]|le[ -])?[A-Z][a-z'’]+){0,2}(?:,\s*[A-Z][A-Za-z ]{1,20})?"
    r"(?:\s+[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?)?"
)


def contact_place(text: str, name: str | None) -> str | None:
    """The place on the contact line ("Wakefield · delroy@... · 07700 900517"): a part beside an e-mail or phone
    that is a capitalised place name, not the name, a title or a heading."""
    for line in [ln.strip().strip("*_#") for ln in text.splitlines() if ln.strip()][:5]:
        parts = [p.strip() for p in re.split(r"\s+[|•·]\s+|\s{3,}|\t+", line) if p.strip()]
        if len(parts) < 2 or not any("@" in p or re.search(r"\d{3}", p) for p in parts):
            continue  # not a contact line
        for part in parts:
            if (_PLACE.fullmatch(part) and part != name and not has_title_word(part)
                    and heading_key(part) not in KNOWN_HEADINGS):
                return part
    return None


def _name_case(text: str) -> str:
    """ "JANE DOE" -> "Jane Doe"; names already in mixed case are kept ("Ana de la Cruz", "McKay")."""
    text = " ".join(text.replace("**", "").split()).strip(" ,;:-|")
    if text.isupper():
        return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in text.split())
    return text


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or _NOT_A_NAME.search(text) or has_title_word(text):
        return False
    if heading_key(text) in KNOWN_HEADINGS:
        return False
    return all(
        (w[0].isupper() or w in _NAME_PARTICLES) and all(ch.isalpha() or ch in "'’.-" for ch in w) for w in words
    )


def title_of_headline(headline: str | None) -> str | None:
    """The job title a headline starts with ("Staff Nurse | Leeds" -> "Staff Nurse"), or None."""
    if not headline:
        return None
    first = re.split(r"\s+[|•·]\s+|,\s+", headline)[0]
    return tidy_title(first) if has_title_word(first) else None




def uk_phones(text: str) -> list[str]:
    """UK phone numbers written in groups a general finder misses ("07700 900517", "0113 496 0000")."""
    return _UK_PHONE.findall(text)


__all__ = ["contact_place", "name_and_headline", "title_of_headline", "uk_phones"]
