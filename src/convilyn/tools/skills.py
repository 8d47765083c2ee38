"""The skills vocabulary (``data/skills.txt``): finding skills in text and naming them canonically."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from convilyn.tools.vocabulary import data_lines

_LIST_BEFORE = set(",;:/|(•·*-–—\n")
_LIST_AFTER = set(",;/|).\n")
_LIST_WORD_BEFORE = re.compile(r"\b(?:in|with|using|and|or|like|including)$")
# "the asset management team", "our Finance department": a unit of an organisation, not a skill someone has.
_UNIT_AFTER = re.compile(r"\s+(?:teams?|department|dept|unit|division|function|committee|directorate)\b", re.I)


@dataclass(frozen=True)
class Skill:
    """One vocabulary entry with its compiled matchers."""

    name: str
    category: str
    common: bool  # a common noun ("Copywriting", "Budgeting"): lower case in running text
    implies: tuple[str, ...]
    pattern: re.Pattern[str] | None  # case-insensitive aliases
    exact: re.Pattern[str] | None  # case-sensitive aliases ('=')
    listed: re.Pattern[str] | None  # case-sensitive aliases valid only in a list ('!')
    needles: tuple[str, ...]  # lower-cased first words of the aliases: a cheap test before the regexes
    field: bool = False  # a field or industry ('~'): named in skills lists, never found in running text


_COMMON_MARK = "(common nouns)"


def _alias_regex(alias: str) -> str:
    escaped = re.escape(alias.strip())
    escaped = escaped.replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
    return rf"(?<![\w+#@.]){escaped}(?![\w+#]|\.\w)"


def _compile(aliases: list[str], flags: int = 0) -> re.Pattern[str] | None:
    if not aliases:
        return None
    aliases = sorted(set(aliases), key=len, reverse=True)
    return re.compile("|".join(_alias_regex(a) for a in aliases), flags)


@cache
def vocabulary() -> tuple[Skill, ...]:
    """Every skill in the shipped vocabulary, in file order."""
    skills: list[Skill] = []
    category = ""
    common_category = False
    for raw in data_lines("skills.txt", keep_categories=True):
        if raw.startswith("##"):
            category = raw.lstrip("#").strip()
            common_category = category.endswith(_COMMON_MARK)
            category = category.removesuffix(_COMMON_MARK).strip()
            continue
        spec, _, implied = raw.partition(">")
        names = [n.strip() for n in spec.split("|") if n.strip()]
        field = names[0].startswith("~")
        proper = names[0].lstrip("~").startswith("^")
        names[0] = names[0].lstrip("~^")
        canonical = names[0].lstrip("=!")
        plain, exact, listed = [], [], []
        for alias in names:
            if alias.startswith("!"):
                listed.append(alias[1:])
            elif alias.startswith("="):
                exact.append(alias[1:])
            else:
                plain.append(alias)
        skills.append(
            Skill(
                name=canonical,
                category=category,
                common=common_category and not proper,
                implies=tuple(s.strip() for s in implied.split(",") if s.strip()),
                pattern=_compile(plain, re.IGNORECASE),
                exact=_compile(exact),
                listed=_compile(listed),
                needles=tuple({re.split(r"[\s-]", a.strip().lower())[0] for a in plain + exact + listed}),
                field=field,
            )
        )
    return tuple(skills)


@cache
def _by_name() -> dict[str, Skill]:
    return {skill.name.lower(): skill for skill in vocabulary()}


def _in_list(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    ok_before = not before or before[-1] in _LIST_BEFORE or _LIST_WORD_BEFORE.search(before) is not None
    ok_after = not after or after[0] in _LIST_AFTER or re.match(r"(?:and|or|&)\b", after) is not None
    return ok_before and ok_after


def find_skills(text: str) -> list[str]:
    """Canonical names of the vocabulary skills mentioned in ``text``, in order of first mention.

    A mention inside a longer skill's mention ("GitHub" in "GitHub Actions",
    "React" in "React Native") does not count on its own.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    lowered = text.lower()
    for skill in vocabulary():
        if skill.field or not any(needle in lowered for needle in skill.needles):
            continue
        found: list[tuple[int, int]] = []
        for pattern in (skill.pattern, skill.exact):
            if pattern is not None:
                found.extend(m.span() for m in pattern.finditer(text))
        if skill.listed is not None:
            found.extend(m.span() for m in skill.listed.finditer(text) if _in_list(text, m.start(), m.end()))
        found = [span for span in found if not _UNIT_AFTER.match(text, span[1])]
        if found:
            spans[skill.name] = found
    hits: dict[str, int] = {}
    for start, _end, name in _standalone_spans(spans):
        hits.setdefault(name, start)
    return [name for name, _ in sorted(hits.items(), key=lambda item: item[1])]


Mention = tuple[int, int, str]  # start, end, skill name


def _standalone_spans(spans: dict[str, list[tuple[int, int]]]) -> list[Mention]:
    """Mentions not inside a longer mention of a different skill, in text order, found in one sweep."""
    ordered = sorted(((s, e, n) for n, found in spans.items() for s, e in found), key=lambda m: (m[0], -m[1]))
    standalone: list[Mention] = []
    leaders: list[Mention] = []  # the furthest-reaching earlier mentions of two different skills
    for start, end, name in ordered:
        if not any(
            other != name and o_end >= end and o_end - o_start > end - start for o_start, o_end, other in leaders
        ):
            standalone.append((start, end, name))
        leaders = _two_furthest(leaders, (start, end, name))
    return standalone


def _two_furthest(leaders: list[Mention], mention: Mention) -> list[Mention]:
    best_of_skill = max([m for m in leaders if m[2] == mention[2]] + [mention], key=lambda m: m[1])
    others = [m for m in leaders if m[2] != mention[2]]
    return sorted([*others, best_of_skill], key=lambda m: m[1], reverse=True)[:2]


def canonical_skill(item: str) -> str | None:
    """The vocabulary name for a skill written as ``item`` ("k8s" -> "Kubernetes"), or None."""
    cleaned = item.strip()
    if not cleaned:
        return None
    if cleaned.lower() in _by_name():
        return _by_name()[cleaned.lower()].name
    for skill in vocabulary():
        for pattern in (skill.pattern, skill.exact, skill.listed):
            if pattern is not None and pattern.fullmatch(cleaned):
                return skill.name
    return None


def with_implied(skills: list[str]) -> set[str]:
    """Lower-cased ``skills`` plus the skills they imply (PostgreSQL implies SQL), transitively."""
    known = _by_name()
    result = {s.lower() for s in skills}
    frontier = list(result)
    while frontier:
        skill = known.get(frontier.pop())
        for implied in skill.implies if skill else ():
            if implied.lower() not in result:
                result.add(implied.lower())
                frontier.append(implied.lower())
    return result


_NOUN_ENDINGS = r"(?:ion|ing|ment|ness|ity|ance|ence|ics|ogy|ery|ship|ure|sis|omy)$"


def skill_in_prose(name: str) -> str:
    """How ``name`` reads mid-sentence: common nouns in lower case ("marketing automation", "budgeting"),
    names and acronyms as they are ("HubSpot", "Google Ads", "UX Design")."""
    skill = _by_name().get(name.lower())
    if skill is None and (canonical := canonical_skill(name)) and set(canonical.lower().split()) & set(name.lower().split()):
        skill = _by_name()[canonical.lower()]  # the candidate's "Team Leadership" reads as Leadership does; not "Epic Systems"
    words = name.split()
    sentence_case = bool(words) and re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*", words[0]) is not None and all(
        w.islower() for w in words[1:])  # fmt: skip
    if skill is None:
        # A resume's own "Fault finding" reads as "fault finding", and "Vaccination" (a common noun's ending) as
        # "vaccination"; "Epic Systems" and "Workday" stay.
        if sentence_case and (len(words) > 1 or re.search(_NOUN_ENDINGS, name)):
            return name[:1].lower() + name[1:]
        return name
    if not skill.common:
        return name
    if sentence_case:
        return name[:1].lower() + name[1:]  # the candidate's "Patient assessment"
    words = name.split()
    if not all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*|and|of|to|for|with", w) for w in words):
        return name  # "B2B Sales", "UX Design", "PLC Programming": an acronym keeps the name as written
    return name.lower()


def skill_category(name: str) -> str | None:
    """The vocabulary category of ``name`` ("Languages (spoken)"), or None for a skill it does not know."""
    skill = _by_name().get(name.lower())
    return skill.category if skill else None
