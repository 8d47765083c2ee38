"""What a fork's edited system prompt asks that the built-in model can do: choices and counts.

A fork of a curated workflow runs its source's plan (``builder.compile``). A
language model reads the whole prompt; the offline built-in model follows the
plan, so an edited prompt would change nothing it writes. Two kinds of edit
map onto the plan without understanding prose, and are applied:

- **a choice the source asks for**: an option of one of its select slots
  ("Use a friendly tone", "two pages") becomes the value the plan assumes for
  that slot, since a fork never stops to ask;
- **a count**: "in three sentences", "5 key points", "ten keywords" set the
  ``max_sentences`` / ``max_keywords`` of the plan's steps that take one.

Only what the edit added counts: a phrase as frequent in the source's own prompt
is no directive, so an unedited fork runs exactly its source's plan. An option
two options of one slot both gained is ambiguous and ignored.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from convilyn.catalog.spec import DestinationSpec

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}
COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(NUMBERS) + r")\s+(?:(?:key|main|short|bullet)\s+)?"
    r"(?P<what>sentences?|points?|bullets?|bullet points?|keywords?|key ?terms?|terms?)\b",
    re.IGNORECASE,
)
COUNTED_ARGS = {"sentence": "max_sentences", "point": "max_sentences", "bullet": "max_sentences",
                "keyword": "max_keywords", "term": "max_keywords", "keyterm": "max_keywords"}
MAX_COUNT = 20


def _phrases(option: str) -> list[str]:
    words = option.replace("_", " ").replace("-", " ").strip().lower()
    forms = {words, words.replace(" ", "-")}
    if words.endswith("s") and " " in words:  # "two pages" also as "two-page"
        forms.add(words[:-1].replace(" ", "-"))
    return sorted(forms)


def _count(text: str, phrases: list[str]) -> int:
    lowered = text.lower()
    return sum(len(re.findall(rf"\b{re.escape(p)}\b", lowered)) for p in phrases)


def slot_choices(source: DestinationSpec, prompt: str) -> dict[str, str]:
    """Select-slot values the edited ``prompt`` names more often than the source's prompt does."""
    chosen: dict[str, str] = {}
    for slot in source.required_slots:
        if slot.type != "select" or not slot.options:
            continue
        gained = [o for o in slot.options
                  if _count(prompt, _phrases(o)) > _count(source.system_prompt, _phrases(o))]
        if len(gained) == 1:
            chosen[slot.slot_id] = gained[0]
    return chosen


def counts(source_prompt: str, prompt: str) -> dict[str, int]:
    """``max_sentences`` / ``max_keywords`` asked for by counts the edit added."""
    before = {m.group(0).lower() for m in COUNT.finditer(source_prompt)}
    asked: dict[str, int] = {}
    for match in COUNT.finditer(prompt):
        if match.group(0).lower() in before:
            continue
        raw = match["n"].lower()
        number = int(raw) if raw.isdigit() else NUMBERS[raw]
        what = match["what"].lower().replace(" ", "").removeprefix("bullet").rstrip("s") or "bullet"
        arg = COUNTED_ARGS.get(what)
        if arg and 1 <= number <= MAX_COUNT:
            asked[arg] = number
    return asked


def directed(plan: dict[str, Any], source: DestinationSpec, prompt: str) -> dict[str, Any]:
    """``plan`` with what the edited ``prompt`` asks applied (the plan itself when it asks nothing)."""
    if prompt.strip() == source.system_prompt.strip():
        return plan
    choices, limits = slot_choices(source, prompt), counts(source.system_prompt, prompt)
    if not choices and not limits:
        return plan
    plan = copy.deepcopy(plan)
    if choices:
        plan["assume"] = {**plan.get("assume", {}), **choices}
    for step in plan.get("steps", []):
        args = step.get("args")
        if isinstance(args, dict):
            for name, value in limits.items():
                if isinstance(args.get(name), int):
                    args[name] = value
    return plan
