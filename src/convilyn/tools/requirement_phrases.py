"""What a posting asks for in its own words, and where a resume shows it.

The skills vocabulary knows software and office skills; a ward, a lab or a
building site asks for "Non-invasive ventilation competency", "Aseptic
technique" or "Fault finding experience on three-phase systems". A posting's
requirement lists are written as short noun phrases, one per bullet, so the
list's structure is the evidence: an item of a requirement ("Essential", "You
will have") or nice-to-have list that reads as a short noun phrase, once the
framing words are taken off ("Experience of", "competency", "skills"), names
something asked for. Sentences, duties, degrees and credentials with a
distinctive token (those are :mod:`convilyn.tools.credentials`' work) are not
phrases.

A resume shows a phrase when one of its lines (a skills item, an achievement,
a credential, the profile) holds every content word of it, word forms aside
("coordination" / "coordinating"), one word excepted in a phrase of three or
more ("IV drug administration" / "Administer IV medicines").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from convilyn.tools.credentials import is_credential
from convilyn.tools.prose import is_duty
from convilyn.tools.text import STOPWORDS
from convilyn.tools.voice import IRREGULAR_PAST

_BASE_OF_PAST = {past: base for base, past in IRREGULAR_PAST.items() if past != base}

_LEAD = re.compile(
    r"^(?:(?:an?|the|some)\s+)?(?:(?:proven|demonstrable|demonstrated|solid|strong|excellent|sound|recent|relevant|practical|previous|hands-on|extensive|significant|working|detailed|clear|accurate|careful|effective|confident)\s+)*"
    r"(?:experience\s+(?=\w+ing\b)|(?:experience|knowledge|understanding|awareness|expertise|background|skills?|competence|proficiency|"
    r"familiarity)\s+(?:of|in|with|at|using|on|around)\s+)?",
    re.I,
)
_TAIL = re.compile(
    r"\s+(?:experience|knowledge|skills?|competency|competencies|competence|qualification|certificate|training|"
    r"ability|abilities|expertise|understanding|proficiency|essential|required|desirable|preferred|"
    r"(?:is|are|would be)\s+(?:a\s+)?(?:plus|bonus|desirable|essential|an advantage))$",
    re.I,
)
_ALTERNATIVE_TAIL = re.compile(r"\s+(?:or|and/or)\s+(?:equivalent|similar|other)\b.*$", re.I)
_EDUCATION = re.compile(r"\b(?:degree|diploma|graduate|gcses?|a[- ]levels?|bachelor|master'?s|phd|educated)\b", re.I)
_NOT_ASKING = re.compile(r"\b(?:you|your|we|our|us|i|my|salary|pension|holiday|leave|apply|benefits?)\b", re.I)
_MAX_WORDS = 5
# "Experience as a community pharmacist": a job held before, which the title match weighs, not a skill.
_AS_A_TITLE = re.compile(r"^(?:\w+\s+)?experience\s+as\s+", re.I)
# "Healthcare or regulated industries", "financial services sector": a field worked in, not a skill held.
_FIELD = re.compile(r"\b(?:industry|industries|sectors?|environments?|settings?|services|organisations?|companies)\b",
                    re.I)
# "At least three years' post-qualifying experience", "2+ years in retail": a length of service, never a skill
# (the vocabulary still reads a skill named in the same item: "3 years of Python").
_NUMBER = r"(?:\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|several|many)"
_DURATION = re.compile(rf"\b{_NUMBER}\s+(?:full\s+)?(?:years?|months?)\b", re.I)
_COUNT = re.compile(rf"^{_NUMBER}\b", re.I)
# Words that frame what is asked without naming it: left out when a phrase is matched.
_FRAMING = frozenset(
    "experience experienced knowledge skills skill ability competency competent competence proven strong good "
    "excellent accurate careful demonstrable relevant working understanding hands-on hands on practical language "
    "languages delivering providing performing undertaking giving conducting carrying".split()
)


def requirement_phrase(item: str) -> str | None:
    """The short noun phrase a requirement item names ("Non-invasive ventilation competency" -> "Non-invasive
    ventilation"), or None for a sentence, a duty, a degree or a credential with a distinctive token."""
    text = " ".join(item.replace("’", "'").split()).strip(" .;:!")
    if not text or _NOT_ASKING.search(text) or _EDUCATION.search(text) or _AS_A_TITLE.match(text) \
            or _DURATION.search(text):
        return None
    if is_credential(text):
        return None  # "ECS card", "Practice assessor qualification": matched as credentials
    text = re.split(r"\s*\(|,\s+|;\s+|\s+[-–—]\s+|:\s+", text)[0]
    # "Fault finding experience on three-phase systems": the phrase before the framing word names it
    text = re.split(r"\s+(?:experience|knowledge|skills)\s+(?:of|in|with|on|at|using|across)\b", text, flags=re.I)[0]
    text = _ALTERNATIVE_TAIL.sub("", text)
    for _ in range(2):
        text = _LEAD.sub("", text).strip()
        text = _TAIL.sub("", text).strip()
    words = text.split()
    if not words or len(words) > _MAX_WORDS or _is_duty(text) or text.endswith("?") or _COUNT.match(text):
        return None
    if not _content(text) or _FIELD.search(text):
        return None
    if len(words) == 1 and not re.search(r"[A-Z\d]", words[0][1:]):
        return None  # "Production", "Healthcare": a lone common word names no skill; "qPCR", "HACCP" do
    return text if re.search(r"[A-Z]", words[0][1:]) else text[:1].upper() + text[1:]  # "qPCR" stays


def _is_duty(text: str) -> bool:
    """A duty ("Lead audits"), not a noun phrase whose first word is also a verb ("Record keeping")."""
    return is_duty(text) and not re.match(r"^\S+\s+\w+ing\b", text)


def asked_phrases(items: Iterable[str]) -> list[str]:
    """The requirement phrases of ``items``, each once (case aside), in order."""
    seen: set[str] = set()
    found: list[str] = []
    for item in items:
        phrase = requirement_phrase(item)
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            found.append(phrase)
    return found


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w][\w'+#-]*", text.lower()) if w not in STOPWORDS and w not in _FRAMING]


def _stem(word: str) -> str:
    """``kept`` and ``keeping`` -> ``keep``: the irregular past and the -ing form of a verb, for comparing."""
    if word in _BASE_OF_PAST:
        return _BASE_OF_PAST[word]
    return word[:-3] if word.endswith("ing") and len(word) > 6 else word


def _same_word(a: str, b: str) -> bool:
    """Word forms of one word: "coordination" / "coordinating", "shift" / "shifts", "kept" / "keeping"."""
    a, b = _stem(a), _stem(b)
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= min(len(a), len(b)) - 3


def _holds(words: list[str], line_words: list[str]) -> bool:
    hits = sum(any(_same_word(w, v) for v in line_words) for w in words)
    return hits == len(words) or (len(words) >= 3 and hits >= len(words) - 1)


def evidence(phrase: str, lines: Iterable[str]) -> tuple[str, str] | None:
    """The part of ``phrase`` a resume shows and the resume line that shows it, or None.

    "Articulate Rise or Storyline" is shown by a line with either alternative; the
    part shown ("Articulate Rise") is what the letter names.
    """
    alternatives = [a.strip() for a in re.split(r"\s+(?:or|and/or)\s+|\s*/\s*", phrase) if a.strip()]
    if len(alternatives) > 1 and len(alternatives[-1].split()) == 1 and len(alternatives[0].split()) > 1:
        head = alternatives[0].split()[0]  # "Articulate Rise or Storyline": the second is "Articulate Storyline"
        alternatives[-1] = f"{head} {alternatives[-1]}"
    candidates = alternatives if len(alternatives) > 1 else [phrase]  # the whole would claim every alternative
    prepared = [(line, _content(line)) for line in lines if line.strip()]
    for candidate in candidates:
        words = _content(candidate)
        if not words:
            continue
        for line, line_words in prepared:
            if _holds(words, line_words):
                return candidate, line
    return None


__all__ = ["asked_phrases", "evidence", "requirement_phrase"]
