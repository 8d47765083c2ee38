"""The content-safety check a workflow passes before it is public.

It looks for profanity (a word list, whole words, with common letter-for-digit
swaps undone) and for personal data: email addresses, phone numbers, payment
card numbers (Luhn-checked), US Social Security numbers, UK National Insurance
numbers and IBANs (mod-97-checked). A finding names its kind and a masked
excerpt, never the whole value, so the error does not echo the data back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Whole words.
PROFANE_WORDS = frozenset({
    "shit", "shits", "shitty", "shithead", "bullshit", "horseshit", "bitch", "bitches", "bitchy", "asshole",
    "assholes", "arsehole", "bastard", "bastards", "dickhead", "dipshit", "slut", "sluts", "whore", "whores",
    "twat", "twats", "wanker", "wankers", "cunt", "cunts", "jackass", "douchebag", "nigger", "niggers",
    "nigga", "faggot", "faggots", "kike", "spic", "tranny", "retarded",
})
# Any word that starts with one of these.
PROFANE_STEMS = ("fuck", "motherfuck", "cocksuck")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_WORD = re.compile(r"[A-Za-z0-9@$!]+")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"""(?<![\w+])(?:
        \+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}
      | \(\d{3}\)[\s.-]?\d{3}[\s.-]?\d{4}
      | \d{3}[\s.-]\d{3}[\s.-]\d{4}
      | 0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}
    )(?!\w)""",
    re.X,
)
# Runs of digit groups; a card number is any stretch of whole groups with 13-19 digits passing Luhn.
DIGIT_RUN = re.compile(r"(?<!\d)\d+(?:[ -]\d+)*(?!\d)")
US_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")
UK_NINO = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.I
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.I)

KIND_LABELS = {
    "profanity": "profanity",
    "email": "an email address",
    "phone_number": "a phone number",
    "card_number": "a payment card number",
    "us_ssn": "a US Social Security number",
    "uk_national_insurance_number": "a UK National Insurance number",
    "iban": "an IBAN",
}


@dataclass(frozen=True)
class Finding:
    field: str
    kind: str
    excerpt: str  # masked

    def describe(self) -> str:
        return f"{self.field} contains {KIND_LABELS[self.kind]} ({self.excerpt})"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(raw: str) -> bool:
    compact = raw.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _mask_tail(value: str, keep: int = 4) -> str:
    """Every letter and digit masked but the last ``keep``."""
    alnum = sum(c.isalnum() for c in value)
    out, seen = [], 0
    for char in value:
        if char.isalnum():
            seen += 1
            out.append(char if seen > alnum - keep else "*")
        else:
            out.append(char)
    return "".join(out)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def _mask_word(value: str) -> str:
    return value[:1] + "*" * (len(value) - 1)


Span = tuple[int, int, str]


def _pattern_spans(pattern: re.Pattern[str], accept: Callable[[str], bool]) -> Callable[[str], Iterator[Span]]:
    def find(text: str) -> Iterator[Span]:
        for match in pattern.finditer(text):
            if accept(match.group()):
                yield match.start(), match.end(), match.group()
    return find


def _card_grouping(sizes: list[int]) -> bool:
    """One unbroken number, groups of four (the last may be shorter), or the 4-6-4/4-6-5 of Amex and Diners."""
    return len(sizes) == 1 or all(n == 4 for n in sizes[:-1]) or sizes in ([4, 6, 4], [4, 6, 5])


def _card_spans(text: str) -> Iterator[Span]:
    for run in DIGIT_RUN.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\d+", run.group())]
        first = 0
        while first < len(groups):
            for last in range(first, len(groups)):
                start, end = groups[first][0], groups[last][1]
                digits = _digits(text[start:end])
                if len(digits) > 19:
                    break
                sizes = [g_end - g_start for g_start, g_end in groups[first:last + 1]]
                if len(digits) >= 13 and _card_grouping(sizes) and luhn_valid(digits):
                    yield start, end, text[start:end]
                    first = last
                    break
            first += 1


Detector = tuple[str, Callable[[str], Iterator[Span]], Callable[[str], str]]

# In priority order: a span claimed by an earlier detector is not reported again.
DETECTORS: tuple[Detector, ...] = (
    ("iban", _pattern_spans(IBAN, iban_valid), _mask_tail),
    ("card_number", _card_spans, _mask_tail),
    ("us_ssn", _pattern_spans(US_SSN, lambda m: True), _mask_tail),
    ("uk_national_insurance_number", _pattern_spans(UK_NINO, lambda m: True), lambda m: _mask_tail(m, 1)),
    ("email", _pattern_spans(EMAIL, lambda m: True), _mask_email),
    ("phone_number", _pattern_spans(PHONE, lambda m: 9 <= len(_digits(m)) <= 15), _mask_tail),
)


def _personal_data(field: str, text: str) -> Iterator[Finding]:
    claimed: list[tuple[int, int]] = []
    for kind, find, mask in DETECTORS:
        for start, end, raw in find(text):
            if any(start < c_end and c_start < end for c_start, c_end in claimed):
                continue
            claimed.append((start, end))
            yield Finding(field, kind, mask(raw))


def _profanity(field: str, text: str) -> Iterator[Finding]:
    for match in _WORD.finditer(text):
        word = match.group().lower().translate(_LEET)
        if word in PROFANE_WORDS or word.startswith(PROFANE_STEMS):
            yield Finding(field, "profanity", _mask_word(match.group()))


def check_text(field: str, text: str) -> list[Finding]:
    """Every finding in one piece of text."""
    return [*_profanity(field, text), *_personal_data(field, text)]


def check_public_content(fields: dict[str, str]) -> list[Finding]:
    """Findings across the fields a public workflow shows to everyone."""
    return [finding for field, text in fields.items() for finding in check_text(field, text)]
