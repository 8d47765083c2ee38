"""A resume's bullets in the candidate's own voice: "Carry out periodic inspection ..." -> "I carry out ...".

Resumes write achievements without a subject, in the base form ("Lead a team of
three"), the past ("Cut the month-end close ..."), the third person ("Manages
the rota") or as "Role: what I did" ("Link nurse for NIV: wrote the ward's
booklet"). A letter needs sentences with "I": the base form reads as the present
for the current position and is put in the past for an earlier one; a past
stays past; a third-person verb loses its "s". A bullet that starts with no verb
("Member of the audit committee") has no safe first-person form and is left out
(None), so nothing is reworded into a claim the resume does not make.
"""

from __future__ import annotations

import re

from convilyn.tools.prose import DUTY_VERBS, lower_first

IRREGULAR_PAST = {
    "become": "became", "begin": "began", "bring": "brought", "build": "built", "buy": "bought", "choose": "chose",
    "cut": "cut", "do": "did", "draw": "drew", "drive": "drove", "find": "found", "give": "gave", "grow": "grew",
    "hold": "held", "keep": "kept", "lead": "led", "make": "made", "meet": "met", "oversee": "oversaw", "put": "put",
    "rebuild": "rebuilt", "rewrite": "rewrote", "run": "ran", "sell": "sold", "send": "sent", "set": "set",
    "spend": "spent", "take": "took", "teach": "taught", "tell": "told", "undertake": "undertook", "win": "won",
    "write": "wrote", "fit": "fitted", "split": "split", "speak": "spoke", "stand": "stood", "think": "thought",
    "understand": "understood", "upset": "upset", "get": "got", "go": "went", "see": "saw", "show": "showed",
}  # fmt: skip
_PAST_FORMS = frozenset(IRREGULAR_PAST.values())
# Base-form verbs resumes start bullets with that a posting's duties rarely do.
_MORE_VERBS = frozenset(
    """precept admit assess care cover fix restore renegotiate cut win grow draft fit rewire replace redesign
    rebuild rewrite introduce reconcile sign cook bake clean drive pick pack load treat nurse dress cannulate
    administer chair host present publish launch open close hire sell buy save raise halve double triple
    complete pass gain earn attend volunteer tutor mark grade invigilate source recruit onboard negotiate""".split()
)
_VERBS = DUTY_VERBS | _MORE_VERBS | frozenset(IRREGULAR_PAST)
_VOWELS = set("aeiou")


def past_tense(verb: str) -> str:
    """``lead`` -> ``led``, ``plan`` -> ``planned``, ``carry`` -> ``carried``, ``manage`` -> ``managed``."""
    lowered = verb.lower()
    if lowered in IRREGULAR_PAST:
        return IRREGULAR_PAST[lowered]
    if lowered.endswith("e"):
        return lowered + "d"
    if lowered.endswith("y") and len(lowered) > 1 and lowered[-2] not in _VOWELS:
        return lowered[:-1] + "ied"
    if (len(lowered) <= 4 and len(lowered) >= 3 and lowered[-1] not in _VOWELS | set("wxy")
            and lowered[-2] in _VOWELS and lowered[-3] not in _VOWELS):
        return lowered + lowered[-1] + "ed"  # plan -> planned, ship -> shipped
    return lowered + "ed"


def _base_of(word: str) -> str | None:
    """The base form of ``word`` when it is a verb the voice knows: ``leads`` -> ``lead``; else None."""
    lowered = word.lower()
    if lowered in _VERBS:
        return lowered
    for cut in ("es", "s"):
        if lowered.endswith(cut) and lowered[: -len(cut)] in _VERBS:
            return lowered[: -len(cut)]
    return None


def _is_past(word: str) -> bool:
    lowered = word.lower()
    return lowered in _PAST_FORMS or (lowered.endswith("ed") and len(lowered) > 4)


def first_person(bullet: str, *, current: bool) -> str | None:
    """``bullet`` as a sentence with "I" (present for a current position, past for an earlier one), or None.

    "Care for up to eight patients" -> "I care for up to eight patients." (current);
    "Plan and run the training" -> "I planned and ran the training." (earlier);
    "Link nurse for NIV: wrote the booklet" -> "As link nurse for NIV, I wrote the booklet.";
    "Member of the audit committee" -> None.
    """
    text = " ".join(bullet.split()).strip(" .;")
    if not text:
        return None
    if re.match(r"^I\b", text):
        return text + "."
    role, _, rest = text.partition(": ")
    if rest and len(role.split()) <= 6 and (done := _clause(rest, current)):
        return f"As {lower_first(role)}, I {done}."
    clause = _clause(text, current)
    return f"I {clause}." if clause else None


def _clause(text: str, current: bool) -> str | None:
    """``text`` (starting with a verb) as the predicate after "I", in the right tense; None without a verb."""
    words = text.split()
    first = re.sub(r"[^\w-]", "", words[0])
    if _is_past(first):
        if len(words) > 2 and words[1] in ("and", "&") and not (_is_past(words[2]) or _base_of(words[2])):
            return None  # "Planned and reactive maintenance": an adjective, not what the candidate did
        return lower_first(text) if not words[0].isupper() else text
    base = _base_of(first)
    if base is None or (len(words) > 1 and words[1].lower() in ("of", "into")):
        return None  # "Design of the new rota", "Research into ...": a noun, not what the candidate did
    verbs = [base]
    rest = words[1:]
    if len(rest) >= 2 and rest[0] in ("and", "&") and (second := _base_of(rest[1])):
        verbs.append(second)  # "Plan and run ..."
        rest = rest[2:]
    head = " and ".join(verbs if current else [past_tense(v) for v in verbs])
    return _own_clauses(" ".join([head, *rest]), current)


def _own_clauses(text: str, current: bool) -> str:
    """"... blood products; completed the competencies" -> "...; I completed the competencies": each clause after
    a semicolon that starts with a verb gets its own "I"."""
    parts = text.split("; ")
    for index in range(1, len(parts)):
        first = re.sub(r"[^\w-]", "", parts[index].split()[0]) if parts[index].split() else ""
        if _is_past(first) or _base_of(first):
            clause = _clause(parts[index], current)
            parts[index] = f"I {clause}" if clause else parts[index]
    return "; ".join(parts)


__all__ = ["IRREGULAR_PAST", "first_person", "past_tense"]
