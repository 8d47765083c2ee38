"""Extractive summaries, by word frequency: no model, no network.

``summarize`` scores each sentence by how many of the document's frequent
content words it carries (with a bonus for leading sentences) and returns the
best ones in their original order. Keywords live in ``keywords.py`` and are
re-exported here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from convilyn.tools.keywords import Keyword, extract_keywords
from convilyn.tools.model import ToolModel
from convilyn.tools.sections import heading_of
from convilyn.tools.text import (
    GENERIC_WORDS,
    TIMESTAMP_RE,
    content_words,
    split_sentences,
    text_units,
    without_quoted_replies,
)

if TYPE_CHECKING:
    from convilyn.tools.action_items import ActionItem


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
    next_steps: list[str] = Field(
        default_factory=list,
        description="The tasks the text gives, one sentence each (\"Aisha Bello to send the mapping by 26 November "
        "2026.\"), in the text's order; the sentences that gave them are not repeated among the chosen sentences.",
    )
    lead: list[str] = Field(
        default_factory=list,
        description="What to say first, at most three sentences: the main point, then the best-scored sentences "
        "(in the text's order).",
    )


def _is_label_or_heading(sentence: str) -> bool:
    sentence = re.sub(r"^(?:\*\*|__)([^*_]{1,40}?)(?:\*\*|__)", r"\1", sentence.strip())  # "**Present:** ..."
    if not sentence or _ROLL_CALL.match(sentence):
        return True
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


# What a reader looks for first, in order: the decision or recommendation, the conclusion, the payback.
_MAIN_POINTS = (
    re.compile(r"(?:^|:\s)(?:decision|decided|agreed|resolved)(?:\s+on\s[^:]{1,60})?\s*:\s+\S", re.I),  # labelled
    re.compile(r"\b(?:recommend\w*|we propose|propos(?:e|es|ed) (?:that|to)|decided|decision (?:is|was) to"
               r"|agreed to|approved|approve[sd]?\b|we should|should be (?:approved|adopted)|voted (?:on|to))", re.I),
    re.compile(r"\b(?:conclu(?:de|des|ded|sion)|in summary|the key finding)", re.I),
    re.compile(r"\b(?:pays? back|payback|pay for themselves|return on investment|\broi\b|break[- ]even)", re.I),
)
# Sentences every set of minutes has, which decide nothing: "The minutes of 3 February were approved as a true record."
_PROCEDURAL = re.compile(
    r"\b(?:minutes of (?:the )?(?:last|previous)|minutes of \d|true (?:and accurate )?record|correct record|apologies"
    r"|quorum|call(?:ed)? (?:the meeting )?to order|matters arising|date of (?:the )?next meeting|welcomed"
    r"|any other business|aob)\b",
    re.IGNORECASE,
)
_ROLL_CALL = re.compile(r"^(?:speakers|present|attendees|attending|participants|apologies|absent|in attendance)\s*:", re.I)
# Who wrote it and when: "Prepared for the board by the facilities team, November 2026.", "By Leila Haddad · ..."
_BYLINE = re.compile(r"^(?:prepared (?:for|by)|written by|published|by [A-Z]|author|posted|updated)\b", re.I)


# "Agreed. That's the decision then.": the turn before it states what was decided.
_CONFIRMS = re.compile(r"\b(?:that'?s|that is|that’s) (?:the |our )?decision\b|^(?:so )?(?:that'?s |it'?s )?decided\b"
                       r"|^decision made\b", re.I)


def confirmed_decision(sentences: list[str]) -> str | None:
    """The sentence a later one confirms as the decision ("Agreed. That's the decision then."); None if none."""
    for index, sentence in enumerate(sentences):
        if not _CONFIRMS.search(_said(sentence)):
            continue
        for before in reversed(sentences[max(0, index - 4) : index]):
            said = _said(before)
            if len(said.split()) >= 6 and not _CONFIRMS.search(said) and not said.endswith("?"):
                return before
    return None


def main_point(sentences: list[str]) -> str | None:
    """The sentence that states a decision or recommendation, else a conclusion, else a payback; None if none."""
    usable = [s for s in sentences if not _is_label_or_heading(s) and not _PROCEDURAL.search(s)]
    for pattern in _MAIN_POINTS:
        if found := next((s for s in usable if pattern.search(s)), None):
            return found
    return None


# What people say to open, close or fill a conversation: "Hi everyone, can you hear me okay?", "Thanks all."
_SMALL_TALK = re.compile(
    r"^(?:hi|hello|hey|morning|good (?:morning|afternoon|evening)|afternoon|evening|welcome|thanks|thank you|cheers"
    r"|sorry|apologies|bye|see you|have a (?:good|great|nice)|can (?:you|everyone|everybody) (?:hear|see) me"
    r"|(?:yes|yeah|yep|no|ok(?:ay)?|sure|right|great|sounds good|no problem|perfect)\b(?=[\s,.!]*(?:\S+\s*){0,5}$))\b",
    re.IGNORECASE,
)
# An email's legal footer, sign-off furniture and quoted headers: never what the message says.
_BOILERPLATE = re.compile(
    r"\b(?:confidential and (?:may be )?(?:intended|privileged)|intended (?:solely|only) for|received (?:this|it) in error"
    r"|registered in (?:england|scotland|ireland)|registered office|please consider the environment|original message"
    r"|unsubscribe|if you have (?:any )?(?:questions|queries)|(?:do not|don't) hesitate|feel free to)\b|\bwrote:$",
    re.IGNORECASE,
)


def _said(sentence: str) -> str:
    """A transcript sentence without its speaker: "Pál: I'll split the list" -> "I'll split the list"."""
    turn = _TURN.match(sentence)
    return turn.group("said") if turn else sentence


def _is_summary_material(sentence: str) -> bool:
    """A sentence a reader would put in a summary: not a label, heading, byline, table row or formality,
    not small talk or a question, and not a line that only introduces what follows ("Here are the options:")."""
    said = _said(sentence).strip()
    return not (
        _is_label_or_heading(sentence) or _BYLINE.match(sentence) or _PROCEDURAL.search(sentence)
        or " | " in sentence or sentence.startswith("#") or _SMALL_TALK.match(said) or said.endswith(("?", ":"))
        or _BOILERPLATE.search(said) or len(said.split()) < 4 or _REGISTER_ENTRY.search(said)
    )  # fmt: skip


# "Scanner downtime during the move weekend (owner: Hannah Brooks)": an entry of a risk or issue register
_REGISTER_ENTRY = re.compile(r"\((?:owner|assignee|lead|responsible)\s*:[^()]*\)\s*$", re.I)


_KEY_SECTIONS = re.compile(r"summary|conclusion|recommendation|key findings|findings|outcome|decision|overview", re.I)


def _units(text: str) -> tuple[list[str], set[int]]:
    """The text's sentences and the indexes of those under a summary, findings or recommendation heading.

    Headings are left out, and so is what sits under a procedural one ("Apologies", "Date of next meeting");
    a transcript's timestamps are dropped and each sentence of a turn keeps its speaker ("Pál: I'll split the
    list ..."), since "I'll split the list" alone says nobody.
    """
    stamped = [bool(TIMESTAMP_RE.match(raw)) and bool(raw.strip()) for raw in text.splitlines()]
    lines = [TIMESTAMP_RE.sub("", raw, count=1).rstrip() for raw in text.splitlines()]
    transcript = _is_transcript(lines)
    if not transcript:  # "14:22  On-call engineer paged": a timeline's entries are events, not its findings
        lines = ["" if was_stamped else line for line, was_stamped in zip(lines, stamped, strict=True)]
    headings: set[str] = set()
    marked: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#") or (heading_of(stripped) and not stripped.endswith((".", "!", "?"))):
            heading = stripped.lstrip("#").strip()
            headings.add(heading)
            marked.append(f"# {heading}")
        else:
            marked.append(line)
    sentences: list[str] = []
    key: set[int] = set()
    kind = ""
    for unit in text_units("\n".join(marked)):
        if unit in headings:
            kind = "key" if _KEY_SECTIONS.search(unit) else "procedural" if _PROCEDURAL.search(unit) else ""
            continue
        if kind == "procedural":
            continue
        turn = _TURN.match(unit) if transcript else None
        said = split_sentences(turn.group("said") if turn else unit)
        if not turn and len(said) <= 3 and any(_BYLINE.match(sentence) for sentence in said):
            continue  # "Fenwick Cold Storage, Immingham site. Prepared by Hannah Lowe, ...": a header, whole
        for sentence in said:
            sentence = re.sub(r"(\*\*|__)(.+?)\1", r"\2", sentence)  # "**ACTION:** ..." reads without markup
            sentence = re.sub(r"^(?:ACTION|TODO|AI)\s*:\s*", "", sentence)  # and names its owner without the tag
            if turn:  # "Laura Chen (Northwind Traders)" speaks as "Laura Chen" in a summary
                sentence = f"{_AFFILIATION.sub('', turn.group('speaker'))}: {sentence}"
            if kind == "key":
                key.add(len(sentences))
            sentences.append(sentence)
    return sentences, key


def _is_transcript(lines: list[str]) -> bool:
    """Several turns of speakers who speak more than once; "Author: ..." and "Incident: ..." are labels."""
    speakers: dict[str, int] = {}
    for line in lines:
        if (turn := _TURN.match(line.strip())) and turn.group("speaker").split()[0].lower() not in _LABELS:
            speakers[turn.group("speaker")] = speakers.get(turn.group("speaker"), 0) + 1
    return sum(speakers.values()) >= 4 and max(speakers.values(), default=0) >= 2


_LABELS = frozenset(
    """date time author authors subject re to from cc bcc location venue incident summary decision decisions action
    actions note notes owner status attendees present apologies speakers participants agenda review project topic
    purpose title ref reference""".split()
)
_TURN = re.compile(
    r"^(?P<speaker>[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*)?(?:\s*[(\[][^()\[\]\n]{1,40}[)\]])?):\s+(?P<said>\S.*)$",
    re.MULTILINE,
)  # "Pál: ...", "Laura Chen (Northwind Traders): ..."


def summarize(text: str, max_sentences: int = 5) -> Summary:
    """The ``max_sentences`` most representative sentences of ``text``, in original order."""
    text = without_quoted_replies(text)
    sentences, key = _units(text)
    spoken = _is_transcript([line.strip() for line in text.splitlines()]) or _is_transcript(sentences)
    if not sentences:
        sentences, key = split_sentences(text), set()
    candidates = [(i, s) for i, s in enumerate(sentences) if _is_summary_material(s)]
    header = [c for c in candidates if c[0] < 3 and not c[1].endswith((".", "!", "?", '"', "”", ")"))]
    if len(candidates) - len(header) >= 3:
        candidates = [c for c in candidates if c not in header]  # "Minutes of the meeting held on ...": a header
    if spoken:  # "I can do that.", "So, the invoice sync.": a short turn says little out of the conversation
        candidates = [c for c in candidates if len(_said(c[1]).split()) >= 6] or candidates
    items = _action_items(text)
    sources = [re.sub(r"\*\*|__", "", item.source) for item in items]
    steps = [c for c in candidates if any(_said(c[1]).rstrip(".!") in source for source in sources)]
    if len(steps) < len(candidates):  # a task is said once, under next steps, not again as a key point
        candidates = [c for c in candidates if c not in steps or main_point([c[1]])]
    if not candidates:
        candidates = [(i, s) for i, s in enumerate(sentences) if not _is_label_or_heading(s)] or list(
            enumerate(sentences)
        )
    frequencies = Counter(w for w in content_words(text) if w not in GENERIC_WORDS)
    top = max(frequencies.values(), default=1)
    weights = {w: c / top for w, c in frequencies.items()}
    pool: list[tuple[int, int, str, list[str]]] = []
    for rank, (index, sentence) in enumerate(candidates):
        terms = sorted({w for w in content_words(_said(sentence)) if w not in GENERIC_WORDS})
        if terms:
            pool.append((rank, index, sentence, terms))

    def score(item: tuple[int, int, str, list[str]]) -> float:
        rank, _index, sentence, terms = item
        value = sum(weights[w] for w in terms) / math.sqrt(len(terms))
        if spoken:
            pass  # a conversation's opening is who joined, not what it is about
        elif rank == 0:
            value *= 1.25  # the opening sentence usually states the subject
        elif rank < 3:
            value *= 1.1
        if item[1] in key:
            value *= 1.3  # the document's own summary, findings or recommendation
        if _POINTS_BACK.match(_said(sentence)):
            value *= 0.6  # "That matches what finance told us.": it leans on the sentence before it
        return value * (0.8 if len(sentence.split()) > 45 else 1.0)

    # SumBasic-style: once a sentence is chosen its words count for less, so the
    # summary covers several topics instead of restating the first one.
    chosen: list[tuple[int, str]] = []  # in the order chosen: best first
    while pool and len(chosen) < max(1, max_sentences):
        best = max(pool, key=lambda item: (score(item), -item[1]))
        pool.remove(best)
        chosen.append((best[1], best[2]))
        for word in best[3]:
            weights[word] *= 0.3
    if not chosen:  # nothing scorable (only stopwords or headings): the opening is the best summary
        chosen = list(enumerate(sentences[: max(1, max_sentences)]))
    point = confirmed_decision(sentences) or main_point([s for _, s in candidates])
    ordered = [_as_sentence(s) for _, s in sorted(chosen)]
    strongest = sorted(c for c in chosen[:3] if c[1] != point)[: 2 if point else 3]
    lead = ([_as_sentence(point)] if point else []) + [_as_sentence(s) for _, s in strongest]
    next_steps = [_next_step(item) for item in items]
    if spoken and not point and next_steps:  # a conversation that decided nothing: the problem, then what happens
        lead = lead[:2] + next_steps[:1]
    return Summary(
        summary=" ".join(ordered), sentences=ordered, sentence_count=len(sentences),
        main_point=_as_sentence(point) if point else None, lead=lead, next_steps=next_steps,
    )  # fmt: skip


# "Split the list", "Chase it up": a word followed by an article or a pronoun is a verb and its object
_OBJECT_NEXT = re.compile(
    r"^[A-Z][a-z]+(?<!s)\s+(?:the|a|an|it|them|this|that|these|those|our|their|his|her|its|every|each|all|up|out"
    r"|round|back|off|\d)\b"
)
_AFFILIATION = re.compile(r"\s*[(\[].*$")
_POINTS_BACK = re.compile(r"^(?:that|this|it|they|these|those|which)\b(?!\s+(?:is|was)\s+(?:why|how))", re.I)


def _action_items(text: str) -> list[ActionItem]:
    from convilyn.tools.action_items import extract_action_items  # it reads people, which reads this module

    return extract_action_items(text)


def _next_step(item: ActionItem) -> str:
    """An action item as a sentence of minutes: "Aisha Bello to send Marco Rossi the mapping by 26 November 2026."."""
    from convilyn.tools.action_items import starts_with_action_verb

    task = item.task.rstrip(".")
    verb_led = starts_with_action_verb(task) or bool(_OBJECT_NEXT.match(task))
    if item.owner and verb_led:
        task = f"{item.owner} to {task[:1].lower()}{task[1:]}"
    elif item.owner:
        task = f"{task} ({item.owner})"
    if item.due:
        on = item.due_text and re.search(rf"\bon\s+{re.escape(item.due_text)}", item.source)  # "present on 12 May"
        task += f" {'on' if on else 'by'} {date.fromisoformat(item.due).strftime('%-d %B %Y')}"
    return task + "."


# "Because of that, the board decided ...": out of its paragraph, a link to what came before points at nothing.
_CONNECTOR = re.compile(
    r"^(?:because of (?:that|this)|as a result(?: of (?:that|this))?|therefore|however|so|and|but|also|that said"
    r"|in addition|additionally|consequently|thus|for (?:that|this) reason|on top of that|even so),\s*",
    re.IGNORECASE,
)


def _as_sentence(text: str) -> str:
    text = text.strip()
    turn = _TURN.match(text)
    said = turn.group("said") if turn else text
    if (connector := _CONNECTOR.match(said)) and len(said) > connector.end():
        said = said[connector.end() :]
        said = said[:1].upper() + said[1:]
        text = f"{turn.group('speaker')}: {said}" if turn else said
    return text if text[-1:] in ".!?\"'”)" else text + "."


__all__ = ["Keyword", "Summary", "extract_keywords", "main_point", "summarize"]
