"""Tasks given in two steps: a request, then whoever takes it on.

Notes and transcripts often give a task as a question and an answer: one person asks
("Could someone send me the updated field mapping by Thursday?", "Marco, can your team
check the timeout?", "Sinéad asked who could rebook the course") and another takes it on
("I can do that.", "Sure, we'll look at it this week.", "Margaret said she would do it.").
The task is the request; the owner is whoever accepts it, and "me" in the request is the
person who asked. A request addressed to someone by name outside a transcript (an email's
"Tom, could you book it by Friday?", "Grace, please send the save-the-date") is a task for
them as it stands: the document holds no reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

_WORD = r"\p{Lu}(?:[\p{Ll}'’-]*(?:-\p{Lu}[\p{Ll}'’]+)+|[\p{Ll}'’-]+)"  # "Mei-Lin" as well as "Rosa"
NAME = rf"(?:{_WORD}(?:\s+{_WORD})?|\p{{Lu}}{{2,4}})"
# "Laura Chen (Northwind Traders): ...": where a speaker is from, in brackets after the name
AFFILIATION = r"(?:\s*[(\[][^()\[\]\n]{1,40}[)\]])?"
TURN = re.compile(rf"^(?P<speaker>{NAME}){AFFILIATION}\s*:\s+(?P<said>\S.*)$")

_WHO = r"(?:you|someone|somebody|anyone|anybody|one of you|your team|you two|you all|you guys)"
_REQUEST = re.compile(
    rf"^(?:(?P<to>{NAME})(?:\s*[,—–]|\s+-)\s*)?(?:(?:so|and|also|then|ok(?:ay)?),?\s+)?"
    rf"(?:(?:could|can|would|will)\s+{_WHO}|(?:who|which of you)\s+(?:could|can|would|will|wants to)|please)\s+"
    r"(?:please\s+)?(?:also\s+)?(?P<task>\p{Ll}[\w'’-]*\b.*?)[\s?.!]*$",
    re.IGNORECASE,
)
_ASKED_WHO = re.compile(
    rf"^(?P<by>{NAME})\s+asked\s+(?:who|whether anyone|if anyone|whether someone|if someone|for someone to)\s+"
    r"(?:(?:could|can|would|will|might)\s+)?(?P<task>\p{Ll}[\w'’-]*\b.*?)[\s?.!]*$"
)
_YES = r"(?:ok(?:ay)?|sure|yes|yeah|yep|of course|no problem|absolutely|fine|right|great|definitely)"
_ACCEPTS = re.compile(
    rf"^(?:{_YES}\b[,.!]?\s*)+$"
    rf"|^(?:{_YES}\b[,.!]?\s*)*(?:(?:I|we)\s+can\s+do\s+(?:that|it|this)|(?:I|we)(?:'ll|’ll|\s+will)\s+(?:do|take|handle)"
    r"\s+(?:that|it|this)(?:\s+on)?|leave it with (?:me|us)|will do|can do|on it|happy to\b.*|consider it done"
    r"|(?:I|we)(?:'ll|’ll|\s+will|\s+can)\s+.+)[\s.!]*$",
    re.IGNORECASE,
)
_REPORTED_ACCEPTANCE = re.compile(
    rf"^(?P<who>{NAME})\s+(?:said\s+(?:she|he|they)\s+(?:would|could|will|can)\s+(?:do|take|handle)\s+(?:it|that|this|so)"
    r"(?:\s+on)?|agreed\s+to\s+do\s+(?:it|that|so)|offered\s+to\s+do\s+(?:it|that)|volunteered(?:\s+to\s+do\s+(?:it|that))?"
    r"|took\s+(?:it|that|this)\s+on|will\s+do\s+(?:it|that|so))[\s.!]*$"
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=\p{Lu})")


@dataclass(frozen=True)
class Request:
    """A task someone asked for: what, who asked, and whom they asked by name (if anyone)."""

    task: str
    asked_by: str | None
    asked: str | None


# owner, task, the reply (its due date counts when the request names none), the source line
MakeItem = Callable[[str, str, str, str], object | None]


class Handoffs:
    """Reads notes line by line and returns the tasks given by a request and taken on by a reply."""

    def __init__(self, is_task: Callable[[str], bool]) -> None:
        self._is_task = is_task  # the request's task must start as a task does ("send", "check", "book")
        self._pending: Request | None = None

    def read(self, line: str, make_item: MakeItem) -> list[object]:
        """Items accepted or asked of a named person in ``line``; remembers a request a later line may accept."""
        pending, self._pending = self._pending, None
        items: list[object] = []
        turn = TURN.match(line)
        speaker = turn.group("speaker") if turn else None
        sentences = _SENTENCES.split(turn.group("said") if turn else line)
        first = sentences[0].strip()
        addressed = pending is not None and pending.asked is not None  # "Marco, can you ...": only Marco accepts
        if (pending and speaker and speaker != pending.asked_by and _ACCEPTS.match(first)
                and (not addressed or (pending.asked or "").split()[0] == speaker.split()[0])):
            items.append(make_item(speaker, _as_said_by(pending), first, line))
        for sentence in sentences:
            sentence = sentence.strip()
            if pending and (reported := _REPORTED_ACCEPTANCE.match(sentence)):
                items.append(make_item(reported.group("who"), _as_said_by(pending), "", line))
                pending = self._pending = None
                continue
            asked = _ASKED_WHO.match(sentence)
            request = _REQUEST.match(sentence) if not asked else None
            found = asked or request
            if not found or not self._is_task(found.group("task")):
                continue
            task = found.group("task")
            to = request.group("to") if request else None
            by = asked.group("by") if asked else speaker
            if to and not turn:  # "Tom, could you book it by Friday?" in an email: Tom's task as it stands
                items.append(make_item(to, _as_said_by(Request(task, by, to)), "", line))
            else:
                self._pending = pending = Request(task, by, to)
        return [item for item in items if item is not None]


def _as_said_by(request: Request) -> str:
    """The task with the asker's "me"/"my" named: "send me the mapping" -> "send Marco Rossi the mapping"."""
    task = request.task
    if request.asked_by:
        task = re.sub(r"\bme\b", request.asked_by, task)
        task = re.sub(r"\bmy\b", f"{request.asked_by}'s", task)
    return task
