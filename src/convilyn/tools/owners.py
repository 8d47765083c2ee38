"""Who owns a task, named as the document names them in full.

Minutes write owners by role ("Chair to sign", "Clerk to circulate"), by title and surname
("Mr Bright to prepare"), by given name ("Petra", "Mei-Lin") or several at once ("Dr Shah and
the Chair to visit"). The roll call ("Present: Mrs Janet Okoro (Chair), Mr Tom Bright") and the
people the document names say who each of them is; an owner the document does not resolve
stays as written.
"""

from __future__ import annotations

import regex as re

from convilyn.tools.entities import NAME_WORD, full_name

# Roles minutes give tasks to; each is an owner even where the word is also a verb ("Chair to sign").
ROLES = frozenset(
    """chair chairman chairwoman chairperson vice-chair clerk treasurer secretary headteacher head principal
    president vice-president convenor convener coordinator facilitator minute-taker director manager""".split()
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Cllr|Councillor|Rev)\.?\s+")
# At a line's start, or after a sentence on the same line ("Date: 1 December 2026. Attendees: ...").
_ROLL_CALL = re.compile(
    r"(?:^|(?<=[.;])\s+)(?:\*\*)?(?:present|attendees|attending|in attendance|participants)(?:\*\*)?\s*:(?:\*\*)?"
    r"\s*(.+)$", re.I
)
_ENTRY = re.compile(
    rf"^(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Cllr|Councillor|Rev)\.?\s+)?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})+)"
    r"(?:\s*\((?P<role>[^()]{2,40})\))?\s*$"
)
_SEVERAL = re.compile(r"\s*(?:,|&|\band\b)\s*")


def roll_call(text: str) -> dict[str, str]:
    """Who the roll call names, by role (lower-cased) and by full name: {"chair": "Janet Okoro", "tom bright":
    "Tom Bright"}; "Mr", "Dr" and the like left out."""
    named: dict[str, str] = {}
    for line in text.splitlines():
        if found := _ROLL_CALL.search(line.strip()):
            for entry in re.split(r"\s*[,;]\s*(?![^()]*\))", found.group(1)):
                if person := _ENTRY.match(entry.strip().rstrip(".")):
                    named.setdefault(person.group("name").lower(), person.group("name"))
                    if person.group("role"):
                        named.setdefault(person.group("role").strip().lower(), person.group("name"))
    return named


def is_role(name: str) -> bool:
    """Whether ``name`` is a role that can own a task ("Chair", "the Clerk")."""
    return re.sub(r"(?i)^the\s+", "", name.strip()).lower() in ROLES


def owner_in_full(owner: str, people: list[str], roles: dict[str, str]) -> str:
    """``owner`` named in full: each person of a shared task ("Dr Shah and the Chair") by name when the
    document says who they are, by role, by title and surname or by given name; else as written."""
    people = people + [name for key, name in roles.items() if key == name.lower()]
    names = [part for part in _SEVERAL.split(owner) if part]
    return (
        " and ".join(_one_in_full(name, people, roles) for name in names)
        if len(names) > 1
        else (_one_in_full(owner, people, roles))
    )


def _one_in_full(name: str, people: list[str], roles: dict[str, str]) -> str:
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    if bare.lower() in roles:
        return roles[bare.lower()]
    if titled := _HONORIFIC.match(bare):
        surname = bare[titled.end() :].split()[-1].casefold() if bare[titled.end() :].split() else ""
        matches = {n for p in people if " " in (n := _HONORIFIC.sub("", p)) and n.split()[-1].casefold() == surname}
        return matches.pop() if len(matches) == 1 else bare
    return full_name(bare, people) if not is_role(bare) else bare[:1].upper() + bare[1:]
