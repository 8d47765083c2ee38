"""Key terms: the phrases and named things a text is about, not its most frequent words.

A reader's key terms are noun phrases ("boathouse roof", "local history items") and named
things ("Calder Roofing", "Kubernetes"). A phrase counts when the text repeats it; a single
word only when it is a name, or a content word the text keeps coming back to that is not a
vague word of business prose ("list", "update", "received"). Weak candidates are dropped,
so a short text may have fewer terms than asked for, or none. What is not the text's
subject is read past: people's names, email addresses and links, labels ("Date:", "From:"),
roll calls and attendance tables, and the speakers' names in front of a transcript's turns.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pydantic import Field

from convilyn.tools.model import ToolModel
from convilyn.tools.text import GENERIC_WORDS, STOPWORDS, split_sentences, words


class Keyword(ToolModel):
    """A characteristic word or phrase of the text."""

    term: str = Field(description="The phrase (up to three words) or word, in its usual capitalisation.")
    count: int = Field(description="How often it occurs.")
    score: float = Field(description="Relevance from 0 to 1, relative to the top keyword.")


# Calendar and counting words date or size a text; they never say what it is about.
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december one two three four five six seven eight nine ten eleven twelve thanks
    thank owner owners due""".split()
)
# Words every meeting, message and report uses: a key term alone, never; inside a phrase, they may be.
_VAGUE_WORDS = frozenset(
    """list lists update updates question questions call calls morning afternoon evening order meeting meetings minutes
    present apologies absent item items issue issues thing information detail details option options date dates
    quarter month months team teams member members report reports document documents section sections system
    systems side case cases point points end level move use result results process area total everyone anything
    okay ok hi hello sorry problem problems fine agenda chair record discussion note notes action actions step
    steps plan plans group matter matters site sites board committee name role attendance today yesterday tomorrow week weeks year years day days""".split()
)
_LABEL_LINE = re.compile(
    r"^\s*[*_]*(?:date|time|from|to|cc|bcc|sent|subject|re|author|by|present|attendees|attending|apologies|absent"
    r"|speakers|participants|chair|location|venue|where|when|tags?|posted|published)[*_]*\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
_SPEAKER = re.compile(r"^\s*(?P<speaker>[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){0,2})(?:\s*\([^()\n]{1,40}\))?:\s+")


@dataclass
class _Counts:
    """How often each candidate phrase occurs, how it is written, and where it first appears."""

    count: Counter[str] = field(default_factory=Counter)
    forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    first_seen: dict[str, int] = field(default_factory=dict)
    named: Counter[str] = field(default_factory=Counter)  # capitalised where a sentence does not start

    def add(self, key: str, surface: str, *, named: bool) -> None:
        self.first_seen.setdefault(key, len(self.first_seen))
        self.count[key] += 1
        self.forms[key][surface] += 1
        self.named[key] += named


def _is_candidate(word: str) -> bool:
    lowered = word.lower()
    if lowered in STOPWORDS or lowered in GENERIC_WORDS or lowered in _CALENDAR_WORDS:
        return False
    if not any(ch.isalpha() for ch in word) or re.fullmatch(r"\d+\w{0,2}", lowered):
        return False
    return len(lowered) >= 3 or any(ch in word for ch in "+#") or word.isupper()


def _readable_text(text: str, names: set[str]) -> str:
    """``text`` without what it is not about: addresses, labels, roll calls, people tables, speakers' names."""
    lines = []
    for line in _LABEL_LINE.sub("", _ADDRESS.sub(" , ", text)).splitlines():
        if "|" in line and any(cell.strip(" *_").casefold() in names for cell in line.split("|")):
            continue  # "Devendra Pillai | Treasurer | Present": an attendance table
        if (speaker := _SPEAKER.match(line)) and speaker.group("speaker").casefold() in names:
            line = line[speaker.end() :]
        lines.append(line)
    return "\n".join(lines)


def _counts(text: str) -> _Counts:
    """Every run of one to three candidate words, counted; runs never cross punctuation or a line."""
    counts = _Counts()
    for sentence in split_sentences(text):
        lettered = [w for w in words(sentence) if w[:1].isalpha()]
        # "Quarterly Operations Report", "POST-INCIDENT REVIEW": a heading's capitals name nothing
        heading = not lettered or sum(w[:1].isupper() for w in lettered) / len(lettered) >= 0.6
        parts = re.split(r"[,;:()\[\]|/!?\"“”]|\s[-–—]\s|\.\s", sentence)
        for part_index, part in enumerate(parts):
            chunk = [re.sub(r"(?<=\w)['’]s$", "", w) if len(w) > 3 else w for w in words(part)]  # "depot's": depot
            for start in range(len(chunk)):
                for size in (1, 2, 3):
                    run = chunk[start : start + size]
                    if len(run) < size or not all(_is_candidate(w) for w in run):
                        break
                    if any(re.search(r"['’]s$", w) for w in words(part)[start : start + size - 1]):
                        continue  # "site's electricity" is the start of "the site's electricity use", not a term
                    around = chunk[max(0, start - 1) : start] + chunk[start + size : start + size + 1]
                    named = (not heading and not (part_index == 0 and start == 0)
                             and all(w[:1].isupper() for w in run)
                             and not any(w[:1].isupper() and w.lower() not in STOPWORDS for w in around))  # "Community" of "Riverside Community Garden" is no name  # fmt: skip
                    counts.add(" ".join(w.lower() for w in run), " ".join(run), named=named)
    _merge_plurals(counts)
    return counts


def _merge_plurals(counts: _Counts) -> None:
    """ "invoices" counts as "invoice" when the text uses both."""
    for word in [w for w in counts.count if " " not in w]:
        for singular in (word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None):
            if singular and singular in counts.count and singular != word and len(singular) > 2:
                counts.count[singular] += counts.count.pop(word)
                counts.named[singular] += counts.named.pop(word, 0)
                counts.forms[singular].update({k.rstrip("s"): v for k, v in counts.forms.pop(word, Counter()).items()})
                break


def _is_weak_word(word: str, counts: _Counts) -> bool:
    """A single word that says little alone: vague, a verb's form, or a plain word said only once or twice."""
    if counts.named[word] >= 2:
        return False  # "Contoso", "Kubernetes": a name the text repeats
    if word in _VAGUE_WORDS or word.rstrip("s") in _VAGUE_WORDS or re.search(r"(?:ed|ing|ly)$", word):
        return True
    surfaces = counts.forms[word]
    acronym = any(form.isupper() and 2 <= len(form) <= 5 for form in surfaces)
    return counts.count[word] < (2 if acronym else 3)


def extract_keywords(text: str, max_keywords: int = 10) -> list[Keyword]:
    """Up to ``max_keywords`` key terms of ``text``, best first: repeated phrases, repeated names, then the
    content words the text returns to most; weak ones are left out rather than listed.

    People's names are left out: they are who the text is about, listed as people, not what it is about.
    """
    from convilyn.tools.entities import find_people  # entities reads dates; analysis is imported before it

    names = {part.casefold() for person in find_people(text) for part in [person, *person.split()]}
    counts = _counts(_readable_text(text, names))
    scores: dict[str, float] = {}
    for term, count in counts.count.items():
        size = len(term.split())
        if size > 1 and count >= 2:
            scores[term] = count * (2.2 if size == 2 else 2.6)
    for term in [t for t in scores if len(t.split()) == 2]:  # "local history" adds nothing to "local history items"
        if any(term in longer and counts.count[longer] >= 0.6 * counts.count[term] for longer in scores
               if len(longer.split()) == 3):  # fmt: skip
            del scores[term]
    phrase_words = {w.rstrip("s") for phrase in scores for w in phrase.split()}
    used: Counter[str] = Counter()
    for phrase in scores:
        for part in phrase.split():
            used[part] += counts.count[phrase]
    for word, count in counts.count.items():
        remaining = count - used[word] * 0.75
        if " " in word or _is_weak_word(word, counts) or (word.rstrip("s") in phrase_words and remaining < 3):
            continue  # "appointment" adds nothing to "missed appointments"; "gateway", said eight times, does
        if remaining >= 1:
            scores[word] = remaining * (1.5 if counts.named[word] else 1.0)
    ranked: list[tuple[str, float]] = []
    for term, score in sorted(scores.items(), key=lambda item: (-item[1], counts.first_seen.get(item[0], 0))):
        if term in names or any(word in names for word in term.split() if _surface(word, counts)[:1].isupper()):
            continue
        if " " not in term and any({term, term.rstrip("s"), term + "s"} & set(kept.split())
                                   for kept, _ in ranked if " " in kept):
            continue  # "appointment" adds nothing after "missed appointments"
        ranked.append((term, score))
        if len(ranked) == max(1, max_keywords):
            break
    best = ranked[0][1] if ranked else 1
    return [
        Keyword(term=_surface(term, counts), count=counts.count[term], score=round(score / best, 3))
        for term, score in ranked
    ]


def _surface(term: str, counts: _Counts) -> str:
    """Lower case if the text ever writes it so, else its usual capitalisation (API, Kubernetes)."""
    seen = counts.forms.get(term)
    if not seen or any(form == form.lower() for form in seen):
        return term
    return seen.most_common(1)[0][0]
