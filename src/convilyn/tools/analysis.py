"""Extractive summaries and keywords, by word frequency: no model, no network.

``summarize`` scores each sentence by how many of the document's frequent
content words it carries (with a bonus for leading sentences) and returns the
best ones in their original order. ``extract_keywords`` ranks stopword-filtered
words and repeated two-word phrases.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pydantic import Field

from convilyn.tools.model import ToolModel
from convilyn.tools.text import GENERIC_WORDS, STOPWORDS, content_words, split_sentences, words


class Summary(ToolModel):
    """An extractive summary: sentences taken from the text, in the text's order."""

    summary: str = Field(description="The chosen sentences joined into one paragraph.")
    sentences: list[str] = Field(description="The chosen sentences, in document order.")
    sentence_count: int = Field(description="How many sentences the whole text has.")
    main_point: str | None = Field(
        default=None,
        description="The sentence that states what the document decides, recommends or concludes (a decision, "
        "a recommendation, a payback), when it states one; it may or may not be among the chosen sentences.",
    )


class Keyword(ToolModel):
    """A characteristic word or phrase of the text."""

    term: str = Field(description="The word or two-word phrase, in its usual capitalisation.")
    count: int = Field(description="How often it occurs.")
    score: float = Field(description="Relevance from 0 to 1, relative to the top keyword.")


def _is_label_or_heading(sentence: str) -> bool:
    words = len(sentence.split())
    if re.match(r"^[\w /&-]{1,25}:\s*\S", sentence) and words <= 8:
        return True  # "Date: 2026-11-20", "Attendees: Alice, Bob"
    if re.search(r"\s[|·•]\s", sentence):
        return True  # "Globex · Berlin, Germany": a header line
    if words < 4:
        return True
    capitalised = [w for w in sentence.split() if w[:1].isalpha()]
    title_like = capitalised and sum(w[0].isupper() for w in capitalised) / len(capitalised) >= 0.6
    return bool(words <= 8 and sentence[-1:] not in ".!?" and title_like)  # "Senior Backend Engineer Role"


# What a reader looks for first: the decision, the recommendation, the payback, the conclusion.
_MAIN_POINT = re.compile(
    r"\b(?:recommend\w*|we propose|propos(?:e|es|ed) (?:that|to)|decided|decision (?:is|was) to|agreed to|approved"
    r"|approve[sd]?\b|conclu(?:de|des|ded|sion)|pays? back|payback|return on investment|\broi\b|break[- ]even"
    r"|in summary|the key finding|we should|should be (?:approved|adopted)|voted (?:on|to))",
    re.IGNORECASE,
)


def main_point(sentences: list[str]) -> str | None:
    """The first sentence that states a decision, recommendation, payback or conclusion, if any."""
    return next((s for s in sentences if _MAIN_POINT.search(s) and not _is_label_or_heading(s)), None)


def summarize(text: str, max_sentences: int = 5) -> Summary:
    """The ``max_sentences`` most representative sentences of ``text``, in original order."""
    sentences = split_sentences(text)
    candidates = [(i, s) for i, s in enumerate(sentences) if not _is_label_or_heading(s)]
    if not candidates:
        candidates = list(enumerate(sentences))
    frequencies = Counter(w for w in content_words(text) if w not in GENERIC_WORDS)
    top = max(frequencies.values(), default=1)
    weights = {w: c / top for w, c in frequencies.items()}
    pool: list[tuple[int, int, str, list[str]]] = []
    for rank, (index, sentence) in enumerate(candidates):
        terms = sorted({w for w in content_words(sentence) if w not in GENERIC_WORDS})
        if terms:
            pool.append((rank, index, sentence, terms))

    def score(item: tuple[int, int, str, list[str]]) -> float:
        rank, _index, sentence, terms = item
        value = sum(weights[w] for w in terms) / math.sqrt(len(terms))
        if rank == 0:
            value *= 1.25  # the opening sentence usually states the subject
        elif rank < 3:
            value *= 1.1
        return value * (0.8 if len(sentence.split()) > 45 else 1.0)

    # SumBasic-style: once a sentence is chosen its words count for less, so the
    # summary covers several topics instead of restating the first one.
    chosen: list[tuple[int, str]] = []
    while pool and len(chosen) < max(1, max_sentences):
        best = max(pool, key=lambda item: (score(item), -item[1]))
        pool.remove(best)
        chosen.append((best[1], best[2]))
        for word in best[3]:
            weights[word] *= 0.3
    if not chosen:  # nothing scorable (only stopwords or headings): the opening is the best summary
        chosen = list(enumerate(sentences[: max(1, max_sentences)]))
    point = main_point([s for _, s in candidates])
    ordered = [_as_sentence(s) for _, s in sorted(chosen)]
    return Summary(
        summary=" ".join(ordered), sentences=ordered, sentence_count=len(sentences),
        main_point=_as_sentence(point) if point else None,
    )  # fmt: skip


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?\"'”)" else text + "."


def _chunks(text: str) -> list[list[str]]:
    """Runs of words not separated by punctuation; phrases never cross a comma or a line."""
    chunks: list[list[str]] = []
    for sentence in split_sentences(text):
        for part in re.split(r"[,;:()\[\]|/!?\"“”]|\s[-–—]\s|\.\s", sentence):
            chunk = words(part)
            if chunk:
                chunks.append(chunk)
    return chunks


def _is_candidate(word: str) -> bool:
    lowered = word.lower()
    if lowered in STOPWORDS or lowered in GENERIC_WORDS:
        return False
    if not any(ch.isalpha() for ch in word) or re.fullmatch(r"\d+\w{0,2}", lowered):
        return False
    return len(lowered) >= 3 or any(ch in word for ch in "+#") or word.isupper()


def extract_keywords(text: str, max_keywords: int = 10) -> list[Keyword]:
    """The ``max_keywords`` most characteristic words and repeated two-word phrases of ``text``."""
    first_seen: dict[str, int] = {}
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for chunk in _chunks(text):
        for position, word in enumerate(chunk):
            if not _is_candidate(word):
                continue
            key = word.lower()
            first_seen.setdefault(key, len(first_seen))
            unigrams[key] += 1
            forms[key][word] += 1
            if position + 1 < len(chunk) and _is_candidate(chunk[position + 1]):
                nxt = chunk[position + 1]
                pair = f"{key} {nxt.lower()}"
                first_seen.setdefault(pair, first_seen[key])
                bigrams[pair] += 1
                forms[pair][f"{word} {nxt}"] += 1
    _merge_plurals(unigrams, forms)

    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    for pair, count in bigrams.items():
        if count >= 2:
            scores[pair] = count * 2.2
            counts[pair] = count
    used: Counter[str] = Counter()
    for pair in scores:
        for part in pair.split():
            used[part] += bigrams[pair]
    for word, count in unigrams.items():
        remaining = count - used[word] * 0.75
        if remaining >= 1:
            scores[word] = remaining
            counts[word] = count
    ranked = sorted(scores.items(), key=lambda item: (-item[1], first_seen.get(item[0], 0)))[: max(1, max_keywords)]
    best = ranked[0][1] if ranked else 1
    return [
        Keyword(term=_surface(term, forms), count=counts[term], score=round(score / best, 3)) for term, score in ranked
    ]


def _merge_plurals(unigrams: Counter[str], forms: dict[str, Counter[str]]) -> None:
    for word in list(unigrams):
        for singular in (word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None):
            if singular and singular in unigrams and singular != word and len(singular) > 2:
                unigrams[singular] += unigrams.pop(word)
                forms[singular].update({k.rstrip("s"): v for k, v in forms.pop(word, Counter()).items()})
                break


def _surface(term: str, forms: dict[str, Counter[str]]) -> str:
    """Lower case if the text ever writes it so, else its usual capitalisation (API, Kubernetes)."""
    seen = forms.get(term)
    if not seen or any(form == form.lower() for form in seen):
        return term
    return seen.most_common(1)[0][0]
