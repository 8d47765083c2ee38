"""How a task is worded: verbs of doing, their -ing forms, and pronouns that point at an earlier clause.

"Send the deck", "fixing the bug" (said as "Today I'm fixing the bug"), "Route them through the PM
board" after "We will freeze new Finance requests": the action-item finder asks this module whether
words open a task and what a pronoun object stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex as re

if TYPE_CHECKING:
    from convilyn.tools.action_items import ActionItem

ACTION_VERBS = frozenset(
    # verbs that start a task as well ("Export the list", "Roll back the setting", "Pair with Ida")
    "export import roll restore rerun reset restart upgrade enable disable configure archive tag label compare meet"
    " pair phone ring scan sort tidy pack mail transfer translate convert collect pick deploy outline swap".split()
    + [
        "place",
        "chase",
        "renew",
        "repair",
        "replace",
        "print",
        "install",
        "return",
        "approve",
        "assess",
        "brief",
        "remind",
        "raise",
        "measure",
        "quote",
        "visit",
        "recruit",
        "register",
        "apply",
        "submit",
        "bring",
        "buy",
        "hand",
        "give",
        "take",
        "open",
        "close",
        "introduce",
        "escalate",
        "attend",
        "host",
        "record",
        "welcome",
        "agree",
        "obtain",
        "advertise",
        "repeat",
        "provide",
        "produce",
        "secure",
        "appoint",
        "nominate",
        "tender",
        "procure",
        "purchase",
        "distribute",
        "announce",
        "inspect",
        "survey",
        "advise",
        "propose",
        "explore",
        "identify",
        "monitor",
        "consult",
        "engage",
        "liaise",
        "extend",
        "remove",
        "reduce",
        "launch",
        "organize",
        "reconcile",
        "refund",
        "rebook",
        "circulate",
        "chair",
        "lead",
        "keep",
        "hold",
        "contact",
        "pull",
        "forward",
        "fetch",
        "patch",
        "waive",
        "credit",
        "profile",
    ]
    + [
        "add",
        "analyse",
        "analyze",
        "arrange",
        "ask",
        "audit",
        "book",
        "build",
        "buy",
        "call",
        "cancel",
        "check",
        "circulate",
        "clarify",
        "clean",
        "collect",
        "compile",
        "complete",
        "confirm",
        "contact",
        "coordinate",
        "create",
        "debug",
        "decide",
        "define",
        "deliver",
        "deploy",
        "design",
        "document",
        "draft",
        "email",
        "escalate",
        "estimate",
        "evaluate",
        "file",
        "finalise",
        "finalize",
        "find",
        "fix",
        "follow",
        "gather",
        "get",
        "hire",
        "implement",
        "inform",
        "interview",
        "investigate",
        "invite",
        "look",
        "make",
        "merge",
        "migrate",
        "move",
        "negotiate",
        "notify",
        "order",
        "organise",
        "organize",
        "pay",
        "ping",
        "plan",
        "post",
        "prepare",
        "present",
        "prioritise",
        "prioritize",
        "publish",
        "push",
        "reach",
        "read",
        "rebook",
        "refactor",
        "reply",
        "report",
        "request",
        "research",
        "reserve",
        "resolve",
        "respond",
        "review",
        "revise",
        "run",
        "schedule",
        "send",
        "set",
        "share",
        "ship",
        "sign",
        "source",
        "start",
        "submit",
        "summarise",
        "summarize",
        "sync",
        "talk",
        "test",
        "train",
        "update",
        "upload",
        "verify",
        "write",
    ]
)


def base_verb(task: str) -> str:
    """ "fixing the bug" -> "fix the bug" when the -ing word is a verb of doing; else ``task`` as it is."""
    first, _, rest = task.partition(" ")
    if first.lower().endswith("ing"):
        stem = first[:-3].lower()
        for base in (stem, stem + "e", stem[:-1]):
            if base in ACTION_VERBS:
                return f"{base} {rest}".strip()
    return task


# "can you hear me?", "could you say that again?": asked of someone, but no task
_NOT_REQUESTED_TASKS = frozenset("hear see say repeat explain tell imagine believe think remember mute unmute wait".split())


def requested_task(text: str) -> bool:
    """Whether what someone is asked to do ("export the list of ...") reads as a task: a verb of doing, or any
    verb but a conversational one when the request runs to four words or more."""
    first = re.match(r"[a-z]+", text.strip())
    if first is None:
        return False
    return starts_with_action_verb(text) or (first.group() not in _NOT_REQUESTED_TASKS and len(text.split()) >= 4)


def starts_with_action_verb(text: str) -> bool:
    """Whether ``text`` opens with a verb of doing ("Send ...", "book ...")."""
    first = re.match(r"[A-Za-z]+", text.strip())
    return bool(first) and first.group().lower() in ACTION_VERBS


# "We will pause new stand requests until April": what a clause does and to what, for a pronoun after it
_DONE_TO = re.compile(
    r"\b(?:will|'ll|’ll|to|shall|going to)\s+(?P<verb>\p{Ll}+)\s+(?P<object>(?:the\s+|our\s+|all\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,5}?)"
    r"(?=\s+(?:until|by|from|for|to|with|at|in|on|before|after|this|next)\b|[,;.]|$)"
)


def with_referent(item: ActionItem, before: str) -> ActionItem:
    """A task whose object is a pronoun, with what the clause before it names: "Route them through the PM
    board" after "We will freeze new Finance requests" is "Route new Finance requests through the PM board"
    ("Review it" after "Bob will send the deck": "Review the deck");
    "Raise that with billing" after "we've agreed to credit one month" is "Raise that (credit one month) ..."."""
    pronoun = re.match(r"^(?P<verb>\w+)\s+(?P<it>them|that|it|this)\b(?P<rest>.*)$", item.task)
    found = [m for m in _DONE_TO.finditer(before) if m.group("verb") in ACTION_VERBS | {"waive", "freeze", "pause"}]
    if not pronoun or not found or found[-1].group("object").split()[-1].lower() in {"it", "them", "that", "this"}:
        return item
    done = found[-1]
    plural = done.group("object").endswith("s")
    if (pronoun.group("it") == "them" and plural) or (pronoun.group("it") == "it" and not plural):
        task = f"{pronoun.group('verb')} {done.group('object')}{pronoun.group('rest')}"
    elif pronoun.group("it") in ("that", "this"):
        task = f"{pronoun.group('verb')} {pronoun.group('it')} ({done.group('verb')} {done.group('object')}){pronoun.group('rest')}"
    else:
        return item
    return item.model_copy(update={"task": task})
