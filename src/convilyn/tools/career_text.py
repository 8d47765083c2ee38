"""Shared vocabulary for reading resumes and job postings: job titles, date ranges, locations, list items."""

from __future__ import annotations

import re

from convilyn.tools.sections import KNOWN_HEADINGS, caps_to_title, heading_key
from convilyn.tools.skills import canonical_skill, find_skills
from convilyn.tools.text import is_bullet, split_sentences, strip_bullet

TITLE_WORDS = frozenset(
    ["engineer", "engineering", "developer", "programmer", "architect", "manager", "director", "lead", "head", "vp", "president", "chief", "cto", "ceo", "cfo", "coo", "cio", "cpo", "cmo", "ciso", "officer", "founder", "co-founder", "cofounder", "partner", "principal", "consultant", "analyst", "scientist", "researcher", "designer", "specialist", "coordinator", "administrator", "assistant", "associate", "intern", "internship", "trainee", "apprentice", "representative", "executive", "advisor", "adviser", "accountant", "auditor", "controller", "teacher", "lecturer", "professor", "tutor", "instructor", "nurse", "physician", "doctor", "surgeon", "therapist", "pharmacist", "technician", "editor", "writer", "journalist", "producer", "strategist", "marketer", "recruiter", "clerk", "cashier", "supervisor", "superintendent", "agent", "attorney", "lawyer", "paralegal", "counsel", "economist", "statistician", "mathematician", "librarian", "chef", "mechanic", "electrician", "operator", "planner", "buyer", "fellow", "postdoc", "sre", "devops", "dba", "tester", "owner", "secretary", "receptionist", "bookkeeper", "underwriter", "actuary", "broker", "copywriter", "photographer", "illustrator", "animator", "translator", "interpreter", "investigator", "inspector", "steward", "leader", "operative", "practitioner", "worker", "carer", "paramedic", "midwife", "surveyor", "solicitor", "driver"]
)
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_POINT = rf"(?:{MONTHS}\s+(?:19|20)\d{{2}}|\d{{1,2}}[/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}(?:[/.-]\d{{1,2}})?)"
_END = rf"(?:present|current|now|today|ongoing|date|{_POINT})"
DATE_RANGE_RE = re.compile(
    # "June to September 2024": the start month takes the end's year
    rf"[(\[]?\s*(?P<start>{_POINT}|{MONTHS}(?=\s*(?:-|–|—|to|until)\s*{MONTHS}\s+(?:19|20)\d{{2}}))"
    rf"\s*(?:-|–|—|to|until|till|→|>)\s*(?P<end>{_END})\s*[)\]]?"
    rf"|[(\[]?\s*(?:since|from)\s+(?P<since>{_POINT})\s*[)\]]?"
    rf"|[(\[]?\s*(?P<single>{MONTHS}\s+(?:19|20)\d{{2}}|(?<![\d.])(?:19|20)\d{{2}})\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_COUNTRIES = frozenset(
    ["usa", "us", "uk", "united", "states", "united", "kingdom", "germany", "france", "spain", "italy", "netherlands", "canada", "australia", "india", "ireland", "sweden", "norway", "denmark", "finland", "poland", "portugal", "switzerland", "austria", "belgium", "japan", "singapore", "brazil", "mexico", "israel", "china", "remote", "hybrid"]
)
LOCATION_RE = re.compile(
    r"^(?:remote|hybrid|on-?site|anywhere)(?:\s*\(.*\))?$"
    r"|^[A-Z][a-zA-Z .'-]+,\s*(?:[A-Z]{2}|[A-Z][a-zA-Z .'-]+)(?:\s*\((?:remote|hybrid|on-?site)\))?$"
    r"|^(?:[A-Z][a-zA-Z.'-]+\s)?[A-Z][a-zA-Z.'-]+\s*\((?:remote|hybrid|on-?site)\)$",
    re.IGNORECASE,
)
HEADER_SPLIT_RE = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+|\t+|\s{3,}|\s+@\s+|\s+at\s+(?=[A-Z])")


def has_title_word(text: str) -> bool:
    """Whether ``text`` reads like a job title ("Senior Software Engineer", "Tech Lead")."""
    tokens = [t.strip(".,()").lower() for t in re.split(r"[\s/]+", text) if t]
    return 0 < len(tokens) <= 8 and any(t in TITLE_WORDS for t in tokens)


def is_location(text: str) -> bool:
    """Whether ``text`` names a place or work mode ("Berlin, Germany", "Austin, TX", "Remote")."""
    cleaned = text.strip()
    if LOCATION_RE.match(cleaned):
        last = cleaned.split(",")[-1].strip().lower()
        return "," not in cleaned or len(last) == 2 or last in _COUNTRIES or bool(re.search(r"remote|hybrid", last))
    return cleaned.lower() in _COUNTRIES


def tidy_title(text: str) -> str:
    """A job title with stray punctuation trimmed; ALL-CAPS becomes Title Case."""
    return caps_to_title(" ".join(text.replace("**", "").split()).strip(" ,;:-–—|#*"))


def list_items(text: str) -> list[str]:
    """The bullet items of ``text`` (wrapped lines joined); its sentences when it has no bullets."""
    items: list[str] = []
    has_bullets = any(is_bullet(line) for line in text.splitlines())
    if has_bullets:
        gap = False
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped:
                gap = bool(items)
                continue
            if is_bullet(stripped):
                items.append(strip_bullet(stripped))
                gap = False
            elif gap:
                break  # a paragraph after the list ("Closing date: ...") is not one of its items
            elif items and (stripped[0].islower() or not items[-1].endswith((".", "!", "?", ":"))):
                items[-1] = f"{items[-1]} {stripped}"
            else:
                items.append(stripped)
        return [i for i in items if i]
    return [s for s in split_sentences(text) if len(s.split()) >= 2]


def skill_items(text: str, written: dict[str, str] | None = None) -> list[str]:
    """Skills named in a skills section ("Languages: Python, Go | Tools: Docker"), canonical where known.

    ``written`` collects how the section writes each canonical name ("Public Speaking" -> "Presenting to
    non-specialists"), so what is shown back to the candidate keeps their words."""
    found: list[str] = []
    for line in _without_table_labels(text.splitlines()):
        line = strip_bullet(line.strip())
        if heading_key(line) in KNOWN_HEADINGS:
            continue  # a sub-heading folded into the skills section ("Languages" over "Python, Go")
        line = re.sub(r"^[A-Za-z &/-]{2,30}:\s*", "", line)  # "Languages: ..." labels
        pieces = _list_pieces(line)
        listed = len(pieces) >= 3  # "P&L management, scheduling, stock control": every item is a skill, in any case
        for piece in pieces:
            piece = re.sub(r"\(.*?\)", "", piece).strip(" .-–*")
            if not piece or len(piece) > 40 or len(piece.split()) > 4:
                continue
            canonical = canonical_skill(piece)
            if canonical:
                found.append(canonical)
                if written is not None and canonical != piece:
                    written.setdefault(canonical, piece)
                continue
            inner = find_skills(piece)
            if inner:
                found.extend(inner)
                if written is not None and len(inner) == 1:
                    written.setdefault(inner[0], piece)  # "Presenting to non-specialists" names Public Speaking
            elif re.match(r"^[A-Za-z][\w+#.&'’ -]*$", piece) and (listed or not piece.islower()) or piece.isupper():
                found.append(piece)
    return found


def _list_pieces(line: str) -> list[str]:
    """A skills line split at its separators; "and" splits only two skills ("Python and Go"), so
    "Inspection and testing" or "Health and Safety" stays one item."""
    pieces: list[str] = []
    for piece in re.split(r"[,;|•·]|\s+/\s+|\s{2,}", line):
        halves = re.split(r"\s+(?:and|&)\s+", piece.strip(" .-–*"))
        if len(halves) == 2 and all(canonical_skill(h) for h in halves) and not canonical_skill(piece.strip(" .")):
            pieces.extend(halves)
        else:
            pieces.append(piece)
    return pieces


_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def _without_table_labels(lines: list[str]) -> list[str]:
    """A Markdown skills table as list lines: no header row, no rule, and no row labels.

    In "| Paid media | Google Ads, LinkedIn Ads |" the first cell names a group, like "Paid media:";
    a cell is kept when it holds a list or a known skill ("| Python | 5 years |" keeps Python).
    """
    out: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.count("|") >= 2):
            out.append(line)
            continue
        if _TABLE_RULE.match(stripped):
            continue
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if _TABLE_RULE.match(following):
            continue  # the header row: "| Area | Tools |"
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        kept = [c for c in cells if c and ("," in c or ";" in c or canonical_skill(c) or find_skills(c))]
        out.append(" | ".join(kept))
    return out


def unique(items: list[str]) -> list[str]:
    """``items`` without case-insensitive duplicates, first spelling kept."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.lower()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
