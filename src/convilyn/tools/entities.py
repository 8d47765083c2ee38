"""Named things in free text: people, organisations, emails, phones, dates, money, URLs.

Regular expressions and heuristics, offline: a person is a capitalised name
that starts with a known given name or an honorific; an organisation carries a
company-like suffix ("Acme Corp", "Globex Labs") or follows "at"/"joined".
"""

from __future__ import annotations

from datetime import date

import regex as re  # \p{Lu}/\p{Ll}: names in every alphabet ("Pál Szabó", "Chloé Martin")
from pydantic import Field

from convilyn.tools.dates import find_dates, resolve_date
from convilyn.tools.dates import reference_date as document_reference_date
from convilyn.tools.model import ToolModel
from convilyn.tools.text import without_quoted_replies
from convilyn.tools.vocabulary import first_names

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
URL_RE = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"'`|]+[^\s<>\"'`|.,;:!?)\]]"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|io|dev|org|net|ai|co|app|me|tech|info|uk|de)"
    r"(?:/[^\s<>\"'`|,;)]*[^\s<>\"'`|.,;:!?)])?(?![\w@])"
)
PHONE_RE = re.compile(
    r"(?<![\w+/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w/-])"
)
MONEY_RE = re.compile(
    r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|INR)\s?)\s?\d(?:[\d,]*\d)?(?:\.\d+)?"
    r"(?:\s?(?:k|K|m|M|bn|million|billion|thousand)\b)?"
    r"(?:\s*(?:-|–|—|to)\s*(?:[$€£¥₹])?\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|K|m|M|bn|million|billion|thousand)\b)?)?"
    r"|\b\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:k|K|million|billion)?\s?(?:USD|EUR|GBP|CAD|AUD|dollars|euros|pounds)\b"
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}$")
_ISO_DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")

ORG_SUFFIXES = (
    r"Inc\.?|Incorporated|Corp\.?|Corporation|LLC|LLP|Ltd\.?|Limited|GmbH|AG|S\.A\.|SE|PLC|plc|Co\.|Company"
    r"|Group|Holdings"
    r"|Technologies|Technology|Labs?|Systems|Solutions|Software|Bank|University|College|Institute|Foundation|Agency"
    r"|Partners|Capital|Ventures|Consulting|Studios?|Media|Health|Hospital|Associates|Analytics|Networks|Industries"
    r"|Enterprises|Services|Pharmaceuticals|Therapeutics|Robotics|Energy|Motors|Airlines|Insurance|Trust|Council"
)
_CAP = r"[A-Z][\w&'’.-]*"
ORG_RE = re.compile(rf"\b((?:{_CAP}[ \t]+){{0,3}}{_CAP}),?[ \t]+(?:{ORG_SUFFIXES})(?![\w])")
_ORG_OF_RE = re.compile(
    r"\b(?:University|Institute|College|Bank|Ministry|Department|School)[ \t]+of[ \t]+[A-Z]\w+(?:[ \t]+[A-Z]\w+)?"
)
_ORG_CONTEXT_RE = re.compile(rf"\b(?:at|joined|join)[ \t]+({_CAP}(?:[ \t]+{_CAP}){{0,2}})")
_HONORIFIC_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+\p{Lu}[\p{Ll}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?")
_UNTITLED_RE = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+")
_NAME_RUN_RE = re.compile(
    r"(?<![\w@])\p{Lu}[\p{Ll}'’-]+(?:[ \t]+(?:(?:van|von|de|da|di|del|der|la|le|bin|al)[ \t]+)?\p{Lu}[\p{Ll}'’-]+){0,2}"
    r"(?![\w])"
)
# a name's word, hyphenated ones too: "Mei-Lin", "Jean-Paul", "Eze-Okafor"
NAME_WORD = r"\p{Lu}(?:[\p{Ll}'’-]*(?:-\p{Lu}[\p{Ll}'’]+)+|[\p{Ll}'’-]+)"
_PERSON = rf"{NAME_WORD}(?:[ \t]+(?:(?:van|von|de|da|di|del|der|la|le|bin|al)[ \t]+)?{NAME_WORD}){{0,2}}"
# Where a document itself says who someone is: a roll call, a byline, a memo's From/To, a speaker's turn.
_ROLL_CALL_RE = re.compile(
    r"^[ \t*_#-]*(?:attendees|attending|in attendance|present|participants|invitees|absent|apologies|regrets"
    r"|chair|facilitator|note ?taker|scribe|minutes taken by|prepared by|author|authors|from|to|cc|by|speakers"
    r"|on the call|in the room)[*_]*[ \t]*[:\-–—]?"
    r"[ \t]*(?P<list>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
# The same after a sentence on its line: "Date: 1 December 2026. Attendees: Carla Mendes, Ines Vidal."
_ROLL_CALL_INLINE_RE = re.compile(
    r"(?<=[.;])[ \t]+(?:attendees|attending|in attendance|present|participants|invitees)[ \t]*:[ \t]*(?P<list>[^\n]+)",
    re.IGNORECASE,
)
# "(owner: Chloé Martin)", "- **Oluwaseun** to book ...", "Jonas Weber to set up ...": an owner is a person.
_OWNER_EVIDENCE_RE = re.compile(
    rf"\((?P<label>(?i:owner|assignee|assigned to|lead|responsible)\s*:\s*)?(?P<name>{_PERSON})\s*\)"
    rf"|(?i:\bowner|\bassignee|\bassigned to|\bresponsible)\s*:\s*(?P<name3>{_PERSON})"
    rf"|^[ \t]*(?:[-*•]|\d+[.)])?[ \t]*(?:\*\*)?(?P<name2>{_PERSON})(?:\*\*)?(?:[ \t]*\([^()\n]{{1,40}}\))?"
    rf"[ \t]+(?:to|will)[ \t]+(?P<verb>[a-z]+)",
    re.MULTILINE,
)
_SPEAKER_RE = re.compile(
    rf"^[ \t]*(?:[\[(]?\d{{1,2}}:\d{{2}}(?::\d{{2}})?[\])]?[ \t]*[-–—]?[ \t]*)?(?P<name>{_PERSON})"
    r"(?:[ \t]*[(\[][^()\[\]\n]{1,40}[)\]])?[ \t]*:[ \t]+\S",
    re.MULTILINE,
)  # "Ben: ...", "[08:31] Øyvind: ...", "Laura Chen (Northwind Traders): ..."
# "Engineering, led by Tariq Mehmood, will ...", "..., organised by Agnieszka Wróbel": whoever leads a task is a person.
_LED_BY_RE = re.compile(rf"\b(?i:led|organi[sz]ed|coordinated|run|chaired|owned)[ \t]+by[ \t]+(?P<name>{_PERSON})")
# The column of a table that lists people: "Name | Role | Attendance", "Attendee | Organisation".
_PEOPLE_COLUMNS = frozenset(
    "name names attendee attendees member members person participant participants who present director directors "
    "trustee trustees governor governors delegate delegates speaker speakers".split()
)
# "Chief Financial Officer Marcus Hale", "HR director Leah Whitman", "CEO Ana Ruiz": a job title before a full name.
_TITLED_NAME_RE = re.compile(
    r"\b(?:[Oo]fficer|[Dd]irector|[Mm]anager|[Pp]resident|[Cc]hair(?:man|woman|person)?|[Hh]ead|[Ll]ead|[Ee]ditor"
    r"|[Pp]rofessor|[Ee]ngineer|[Aa]nalyst|[Ss]cientist|[Ff]ounder|[Pp]artner|[Ss]pokes(?:person|man|woman)"
    r"|[Mm]ayor|[Ss]enator|[Mm]inister|[Ss]ecretary|CEO|CFO|CTO|COO|CIO|CMO|VP)"
    r"[ \t]+(?P<name>\p{Lu}[\p{Ll}'’-]+(?:[ \t]+\p{Lu}\.)?[ \t]+\p{Lu}[\p{Ll}'’-]+)(?![ \t]+\p{Lu})(?![\w'’-])"
)
_INSTITUTION_WORDS = frozenset(
    ["general", "assembly", "board", "committee", "council", "office", "national", "federal", "state", "united", "affairs", "operations", "services", "sales", "marketing", "finance", "product", "engineering", "support", "relations", "resources", "development", "research"]
)
_MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z][\w.-]*[A-Za-z0-9])")

_NOT_NAME_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "street", "road", "avenue", "university", "college", "team", "the", "and", "or", "of", "in", "on", "at", "for", "with", "by", "from", "to", "a", "an", "we", "our", "action", "todo", "note", "notes", "meeting", "agenda", "date", "senior", "junior", "lead", "engineer", "manager", "director", "present"]
)


class DateMention(ToolModel):
    """A date expression as written, and the calendar date it names."""

    text: str = Field(description="The expression as it appears in the text.")
    iso: str | None = Field(description="The date as YYYY-MM-DD, or null when it cannot be pinned down.")
    relative: bool = Field(
        default=False,
        description="True for an expression that names a day only from where the text stands (\"Thursday\", "
        "\"next week\", \"the end of the month\"): a reader of a summary needs the day it names, not the words.",
    )


class Entities(ToolModel):
    """Named things found in a text, each list in order of first appearance without duplicates."""

    people: list[str] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    money: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _mask(text: str, pattern: re.Pattern[str]) -> tuple[str, list[str]]:
    found: list[str] = []

    def blank(match: re.Match[str]) -> str:
        found.append(match.group())
        return " " * len(match.group())

    return pattern.sub(blank, text), found


def find_emails(text: str) -> list[str]:
    """Email addresses in ``text``, in order, without duplicates."""
    return _unique(EMAIL_RE.findall(text))


def find_urls(text: str) -> list[str]:
    """Web addresses in ``text`` (with or without http://, e.g. linkedin.com/in/x), emails excluded."""
    masked, _ = _mask(text, EMAIL_RE)
    return _unique([m.group().rstrip(".") for m in URL_RE.finditer(masked)])


def find_phones(text: str) -> list[str]:
    """Phone numbers: 9 to 15 digits, not a date, a year range or part of a longer number."""
    masked, _ = _mask(text, EMAIL_RE)
    masked, _ = _mask(masked, URL_RE)
    phones = []
    for match in PHONE_RE.finditer(masked):
        candidate = match.group().strip()
        digits = re.sub(r"\D", "", candidate)
        if not 9 <= len(digits) <= 15 or _YEAR_RANGE.match(candidate) or _ISO_DATE.match(candidate):
            continue
        groups = re.split(r"[\s.()-]+", candidate.lstrip("+"))
        if all(re.fullmatch(r"(?:19|20)\d{2}", g) for g in groups if g):
            continue
        phones.append(candidate)
    return _unique(phones)


def find_money(text: str) -> list[str]:
    """Amounts of money ("$1.2 million", "€40,000", "$150k–$180k", "5,000 EUR")."""
    return _unique([m.group().strip() for m in MONEY_RE.finditer(text)])


def find_organisations(text: str) -> list[str]:
    """Organisations: names with a company-like suffix, "University of X", and names after "at"/"joined"."""
    found: list[tuple[int, str]] = []
    for match in ORG_RE.finditer(text):
        name = match.group().strip().rstrip(",")
        words = name.split()
        # "Worked at Acme Corp" -> drop leading words that are not part of the name
        while words and words[0].lower() in _NOT_NAME_WORDS | {"joined", "at", "worked"}:
            words.pop(0)
        if len(words) >= 2 or (words and not re.fullmatch(ORG_SUFFIXES, words[0])):
            found.append((match.start(), " ".join(words)))
    found.extend((m.start(), m.group()) for m in _ORG_OF_RE.finditer(text))
    names = first_names()
    for match in _ORG_CONTEXT_RE.finditer(text):
        candidate = re.split(r"(?<=\w{2})\.\s", match.group(1))[0].rstrip(".,")
        first = candidate.split()[0].lower()
        if first in _NOT_NAME_WORDS or first in names or len(candidate) < 2:
            continue
        if re.match(r"(?:the|this|that|our|their|least|home|work|once|all|each|every)\b", first):
            continue
        if find_dates(candidate):
            continue
        found.append((match.start(1), candidate))
    found.sort()
    # Keep the longest form when one organisation name contains another ("Acme" inside "Acme Corp").
    ordered = _unique([name for _, name in found])
    return [n for n in ordered if not any(n != o and re.search(rf"\b{re.escape(n)}\b", o) for o in ordered)]


def find_people(text: str) -> list[str]:
    """People: capitalised names starting with a known given name or an honorific, and @mentions of given names."""
    names = first_names()
    found: list[tuple[int, str]] = []
    for match in _HONORIFIC_RE.finditer(text):
        found.append((match.start(), match.group()))
    taken = [m.span() for m in ORG_RE.finditer(text)] + [m.span() for m in _HONORIFIC_RE.finditer(text)]
    for match in _NAME_RUN_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        words = match.group().split()
        while words and words[0].lower() not in names:
            words.pop(0)
        if not words:
            continue
        kept = [words[0]]
        for word in words[1:]:
            if word.lower() in _NOT_NAME_WORDS or re.fullmatch(ORG_SUFFIXES, word):
                break
            kept.append(word)
        found.append((match.start(), " ".join(kept)))
    for match in _TITLED_NAME_RE.finditer(text):
        name = match.group("name")
        words = {w.lower() for w in name.split()}
        if not words & (_NOT_NAME_WORDS | _INSTITUTION_WORDS) and not ORG_RE.fullmatch(name):
            found.append((match.start("name"), name))
    for match in _MENTION_RE.finditer(text):
        handle = match.group(1)
        if handle.lower() in names:
            found.append((match.start(), handle.capitalize()))
    found += _named_by_the_document(text)
    found.sort()
    # "Mrs Rhona Kerr" is Rhona Kerr; "Dr Moretti" stays titled unless the document gives her in full
    people = _unique([_UNTITLED_RE.sub("", name) if len(name.split()) > 2 else name for _, name in found])
    # "Jane" adds nothing next to "Jane Doe", "Dr Moretti" nothing next to "Lucia Moretti", "Ana" and "Sofia Reyes"
    # nothing next to "Ana-Sofia Reyes".
    full = [p for p in people if " " in p and not _UNTITLED_RE.match(p)]
    return [p for p in people if not any(
        p != f and (p in (f.split()[0], f.split()[-1]) or f"-{p}" in f or f"{p}-" in f
                    or _UNTITLED_RE.sub("", p) == f.split()[-1]) for f in full)]


def _named_by_the_document(text: str) -> list[tuple[int, str]]:
    """People the document itself introduces, whatever their names: roll calls, bylines, From/To, speakers.

    "Present: Helen Marsh (Chair), Tomás Ortega" names people no given-name list
    holds; a transcript's "Pál: I can order ..." does too, when several lines
    start that way (one "Note: ..." line is not a transcript).
    """
    found: list[tuple[int, str]] = []
    for match in [*_ROLL_CALL_RE.finditer(text), *_ROLL_CALL_INLINE_RE.finditer(text)]:
        listed = re.sub(r"\([^)]*\)|<[^>]*>", "", match.group("list"))
        start = match.start("list")
        for part in re.split(r"\s*(?:,|;|&|\band\b|·|\|)\s*", listed):
            part = part.strip(" .*_")
            if re.fullmatch(_PERSON, part) and 2 <= len(part.split()) <= 3 and not _not_a_person(part):
                found.append((max(start, text.find(part, start)), part))
    from convilyn.tools.prose import DUTY_VERBS  # a verb list; imported late, prose reads the skills vocabulary

    for match in _OWNER_EVIDENCE_RE.finditer(text):
        group = "name" if match.group("name") else "name2" if match.group("name2") else "name3"
        name = match.group(group)
        if group == "name2" and (match.group("verb") not in DUTY_VERBS or name.split()[0].lower() in DUTY_VERBS):
            continue
        if group == "name" and not match.group("label") and len(name.split()) < 2:
            continue  # "(Chair)", "(BLS)": one capitalised word in brackets is no evidence of a person  # "Call to order" is an agenda line; "Ben to send" needs a verb after "to"
        if group == "name" and not match.group("label") and re.search(rf"{_PERSON}[ \t]*$", text[: match.start()]):
            continue  # "Laura Chen (Northwind Traders)": the brackets after a name say where the person is from
        if not _not_a_person(name):
            found.append((match.start(group), name))
    found += _table_people(text)
    for match in _LED_BY_RE.finditer(text):
        name = match.group("name")
        if len(name.split()) >= 2 and not _not_a_person(name) and not _TITLED_NAME_RE.search(f"{name} Xx Yy"):
            found.append((match.start("name"), name))
    speakers = [m for m in _SPEAKER_RE.finditer(text) if not _not_a_person(m.group("name"))]
    counts: dict[str, int] = {}
    for m in speakers:
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    if sum(counts.values()) >= 3 and len(counts) >= 2:
        found += [(m.start("name"), m.group("name")) for m in speakers if len(m.group("name").split()) <= 3]
    return found


def _table_people(text: str) -> list[tuple[int, str]]:
    """The names in a table's people column ("Name | Role | Attendance"): an attendance table is a roll call."""
    found: list[tuple[int, str]] = []
    column: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        cells = [c.strip(" *_") for c in line.strip().strip("|").split("|")] if "|" in line else []
        if not line.strip():
            continue  # a PDF's table rows come with blank lines between them
        if not cells:
            column = None
        elif column is None:
            column = next((i for i, c in enumerate(cells) if c.casefold() in _PEOPLE_COLUMNS), None)
        elif column < len(cells):
            name = cells[column]
            if re.fullmatch(_PERSON, name) and 2 <= len(name.split()) <= 3 and not _not_a_person(name):
                found.append((start + line.find(name), name))
    return found


def full_name(name: str, people: list[str]) -> str:
    """``name`` as the document names the person in full ("Rashid" -> "Rashid Mahmood"), when only one
    person it names has that given name; else ``name`` as it is."""
    if " " in name.strip():
        return name
    matches = {p for p in people if " " in p and p.split()[0].casefold() == name.casefold()}
    return matches.pop() if len(matches) == 1 else name


def _not_a_person(name: str) -> bool:
    words = {w.lower() for w in name.split()}
    return bool(words & (_NOT_NAME_WORDS | _INSTITUTION_WORDS | _LABEL_WORDS)) or bool(ORG_RE.fullmatch(name))


_LABEL_WORDS = frozenset(
    """subject re date time location venue purpose agenda summary note notes decision decisions action actions
    outcome status update question answer item items minutes apologies attendees present absent to from cc by
    committee board chair executive team department participants invitees facilitator scribe owner owners
    transcript speaker speakers""".split()
)


def extract_entities(text: str, reference_date: date | None = None) -> Entities:
    """People, organisations, emails, phone numbers, dates, amounts of money and URLs in ``text``.

    Relative dates ("next Tuesday") resolve against ``reference_date``, else the document's own date, else
    today: the same day the action items of the same text count from.
    """
    text = without_quoted_replies(text)
    reference = document_reference_date(text, reference_date)
    emails = find_emails(text)
    urls = find_urls(text)
    masked, _ = _mask(text, EMAIL_RE)
    masked, _ = _mask(masked, URL_RE)
    phones = find_phones(text)
    for phone in phones:
        masked = masked.replace(phone, " " * len(phone))
    dates: list[DateMention] = []
    seen: set[str] = set()
    found = list(find_dates(masked))
    for match in found:
        expression = " ".join(match.group().split())  # "22\nJanuary" wrapped in a plain-text email is "22 January"
        if expression.lower() in seen:
            continue
        seen.add(expression.lower())
        resolved = resolve_date(expression, reference)
        dates.append(DateMention(text=expression, iso=resolved.isoformat() if resolved else None,
                                 relative=not re.search(r"\d", expression)))
    for match in found:  # "15 Jan", "Dec 4": a month by a number is a date, never a person
        if re.search(r"\d", match.group()):
            masked = masked[:match.start()] + " " * len(match.group()) + masked[match.end():]
    organisations = find_organisations(masked)
    people = [p for p in find_people(masked) if not any(p.lower() == o.lower() for o in organisations)]
    return Entities(
        people=people,
        organisations=organisations,
        emails=emails,
        phones=phones,
        dates=dates,
        money=find_money(masked),
        urls=urls,
    )
