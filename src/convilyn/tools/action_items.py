"""Action items from meeting notes: who does what by when.

A line is an action item when it is marked as one (``ACTION:``, ``TODO``,
``- [ ]``, ``@name``, a line under an "Action items"/"Next steps" heading) or
when it is a named commitment ("Dave will draft the RFP by March 3", "Bob to
send the deck"). Discussion, questions and reports of past work are not items.
Relative due dates resolve against the notes' own date ("Date: 2026-11-20") or
the reference date given.
"""

from __future__ import annotations

from datetime import date

import regex as re  # \p{Lu}: owners are named in every alphabet ("Pál", "Chloé")
from pydantic import Field

from convilyn.tools.accepted_requests import AFFILIATION, NAME, Handoffs
from convilyn.tools.dates import DATE_EXPRESSION, SHORT_NUMERIC_DATE, WEEKDAY_PATTERN, reference_date, resolve_date
from convilyn.tools.entities import find_people, full_name
from convilyn.tools.model import ToolModel
from convilyn.tools.sections import heading_key, heading_of
from convilyn.tools.text import BULLET_RE, TIMESTAMP_RE, continues_line, is_bullet

ACTION_HEADINGS = frozenset(
    {"action items", "action item", "actions", "action points", "next steps", "follow-ups", "follow ups",
     "followups", "todo", "todos", "to do", "to-do", "to-dos", "to dos", "tasks", "assignments", "owners"}
)  # fmt: skip

_NAME = NAME
_OWNERS = rf"{_NAME}(?:\s*(?:,|&|and)\s*{_NAME})*"
_MODAL = (
    r"(?:will|'ll|’ll|to|is to|is going to|are going to|shall|needs to|need to|has to|have to|must|should"
    r"|agreed to|volunteered to|offered to|committed to|promised to|is responsible for|owns|will own|takes|to own)"
)
_MARKER = re.compile(
    r"^(?:(?-i:ACTION(?:\s+ITEM)?S?|TODO|TO-?DO|AI|FOLLOW[- ]UP)\b\s*[:\-–—]?|"
    r"(?:action(?:\s+item)?|todo|to-?do|follow[- ]up|next\s+step|task)s?\s*[:\-–—])\s*",
    re.IGNORECASE,
)
_CHECKBOX = re.compile(r"^\[( |x|X)?\]\s*")
_CONNECTOR = re.compile(r"^(?:then|also|and|so|finally|next|afterwards|additionally|meanwhile|ok|okay)\b,?\s+", re.I)
_LEAD_LABEL = re.compile(r"^(?:decision|decided|agreed|outcome|resolution|owner)\s*:\s*(?=[A-Z@])", re.I)
_ROLE_NOTE = r"(?:\s*\([^()]{1,40}\))?"  # "Gareth Pugh (IT) to set up ...": the owner's role in brackets
_COMMITMENT = re.compile(rf"^(?P<owner>{_OWNERS}){_ROLE_NOTE}\s+{_MODAL}\s+(?P<task>.+)$")
# "Trustees agreed to accept the lowest quote": a body's decision recorded in minutes, not a task someone owns.
_GROUP_DECISION = re.compile(
    r"^(?:the\s+)?(?:trustees|governors|directors|members|board|committee|council|meeting|attendees|participants"
    r"|partners|panel|group|team|everyone|all)\s+(?:unanimously\s+)?(?:agreed|decided|resolved|voted|approved|noted)\b",
    re.IGNORECASE,
)
# "..., they promised them last Friday": a clause after the task that explains, not part of what is to be done.
# "Library staff training sessions start on 5 January (owner: Owen Pryce)": the owner starts them
_EVENT = re.compile(r"^(?P<what>\p{Lu}[\w'’ -]{3,60}?)\s+(?P<verb>start|begin|open|launch|run|close)s?\s*$")
_LED_BY = re.compile(rf"^(?P<unit>\p{{Lu}}[\w&'’ -]{{1,40}}?),\s+(?:led|headed|coordinated|run)\s+by\s+(?P<owner>{NAME}),\s+")
# "I can do that", "I'll take it on": a reply that takes on what was asked; the request holds the task
_PRO_FORM = re.compile(r"(?:do|take|handle|sort|look into)\s+(?:that|it|this)(?:\s+(?:on|out|one))?(?:\s+for\s+you)?[\s.!]*",
                       re.IGNORECASE)
_AFTERTHOUGHT = re.compile(r",\s+(?:they|we|he|she|it|which|because|since|as|but|so)\b.*$", re.IGNORECASE)
_LABELLED = re.compile(rf"^(?P<owner>{_OWNERS}){AFFILIATION}\s*(?::|\s[-–—])\s*(?P<task>.+)$")
# "Ben: I'll send the list", "Pál: I can order the chairs": a speaker taking on a task in a transcript.
_SPEAKER_COMMITMENT = re.compile(
    rf"^(?P<owner>{_NAME}){AFFILIATION}\s*:\s*(?:(?:ok(?:ay)?|sure|yes|yeah|right|fine|great|thanks|and|so),?\s+)*"
    r"(?:I(?:'ll|’ll| will| can| shall| am going to|'m going to|’m going to| need to| have to| should)|let me)\s+"
    r"(?P<task>.+)$",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w@])@(?P<handle>[A-Za-z][\w.-]*[A-Za-z0-9])")
_SPEAKER_TURN = re.compile(rf"^(?P<speaker>{_NAME}){AFFILIATION}\s*:\s+(?P<said>.*[.?!]\s+.+)$")  # a turn of two or more sentences
_TRAILING_OWNER = re.compile(
    rf"\s*(?:[(\[]\s*(?:owner|assignee|assigned to|who)?\s*[:\-]?\s*(?P<a>{_NAME})\s*[)\]]"
    rf"|[,;\-–—]\s*(?:owner|assignee|assigned to|(?:organi[sz]ed|led|coordinated|run) by)\s*[:\-]?\s*(?P<b>{_NAME})"
    rf"|\s+[-–—]\s+(?P<c>{_NAME}))\s*[.]?$"
)
_NOT_OWNERS = frozenset(
    ["we", "i", "they", "he", "she", "it", "you", "this", "that", "these", "those", "the", "there", "here", "everyone", "someone", "anyone", "nobody", "all", "team", "action", "todo", "task", "note", "notes", "decision", "decisions", "discussion", "agenda", "update", "updates", "date", "attendees", "then", "also", "next", "question", "questions", "idea", "ideas", "status", "summary"]
)
# "owner TBD", "Owner: unassigned": a named placeholder, not a person; the item has no owner yet.
_UNASSIGNED = frozenset({"tbd", "tba", "tbc", "unassigned", "none", "nobody", "n/a", "na", "unknown", "anyone"})
# "Attendees: ...", "Present: @dana, @liam": who was there, not who does what.
_ROLL_CALL = re.compile(
    r"^(?:attendees|attending|in attendance|present|participants|invitees|invited|absent|apologies|regrets"
    r"|cc|facilitator|chair|note ?taker|scribe)\s*[:\-–—]",
    re.IGNORECASE,
)
_GROUP_OWNERS = frozenset({"everyone", "all", "team", "the team", "all attendees"})
_ACTION_VERBS = frozenset(
    ["place", "chase", "renew", "repair", "replace", "print", "install", "return", "approve", "assess", "brief",
     "remind", "raise", "measure", "quote", "visit", "recruit", "register", "apply", "submit", "bring", "buy", "hand",
     "give", "take", "open", "close", "introduce", "escalate", "attend", "host", "record", "welcome", "agree",
     "obtain", "advertise", "repeat", "provide", "produce", "secure", "appoint", "nominate", "tender", "procure",
     "purchase", "distribute", "announce", "inspect", "survey", "advise", "propose", "explore", "identify", "monitor",
     "consult", "engage", "liaise", "extend", "remove", "reduce", "launch", "organize", "reconcile", "refund",
     "rebook", "circulate", "chair", "lead", "keep", "hold", "contact"] + ["add", "analyse", "analyze", "arrange", "ask", "audit", "book", "build", "buy", "call", "cancel", "check", "circulate", "clarify", "clean", "collect", "compile", "complete", "confirm", "contact", "coordinate", "create", "debug", "decide", "define", "deliver", "deploy", "design", "document", "draft", "email", "escalate", "estimate", "evaluate", "file", "finalise", "finalize", "find", "fix", "follow", "gather", "get", "hire", "implement", "inform", "interview", "investigate", "invite", "look", "make", "merge", "migrate", "move", "negotiate", "notify", "order", "organise", "organize", "pay", "ping", "plan", "post", "prepare", "present", "prioritise", "prioritize", "publish", "push", "reach", "read", "rebook", "refactor", "reply", "report", "request", "research", "reserve", "resolve", "respond", "review", "revise", "run", "schedule", "send", "set", "share", "ship", "sign", "source", "start", "submit", "summarise", "summarize", "sync", "talk", "test", "train", "update", "upload", "verify", "write"]
)
_QUESTION_START = re.compile(
    r"^(?:who|what|when|where|why|how|which|should we|can we|could we|do we|does|did|is there|are we|shall we"
    r"|would|will we|is it|are there|can someone|could someone|does anyone|has anyone|was|were|is this|are you)\b",
    re.IGNORECASE,
)
_DISCUSSION = re.compile(
    r"\b(?:discussed|discussing|talked about|mentioned|asked|wondered|suggested|noted that|said|thinks|thought"
    r"|felt|raised|brought up|debated|considered|whether|might|maybe|perhaps|possibly|not sure|unclear)\b",
    re.IGNORECASE,
)
_UNAVAILABLE = re.compile(
    r"^(?:not\b|never\b|be (?:out|away|off|back|late|on leave|on vacation|on holiday|unavailable|travell?ing|ooo)\b"
    r"|probably\b|likely\b)",
    re.IGNORECASE,
)
_DUE = re.compile(
    rf"\s*[(\[]?\s*(?:(?P<kw>due|deadline|by|before|until|no later than|on)\s*[:\-]?\s*)"
    rf"(?P<date>{DATE_EXPRESSION}|{SHORT_NUMERIC_DATE})\s*[)\]]?",
    re.IGNORECASE,
)
_BARE_DUE = re.compile(
    rf"\s*\b(?P<date>(?:eod|eow|eom|cob|end of (?:the )?(?:day|week|month|quarter))"
    rf"(?:\s+(?:on\s+)?(?:(?:this\s+|next\s+)?{WEEKDAY_PATTERN}|tomorrow|today))?|tomorrow|today|tonight"
    r"|(?:next|this) week|(?:next|this) (?:monday|tuesday|wednesday|thursday|friday))\b",
    re.IGNORECASE,
)


class ActionItem(ToolModel):
    """One thing someone agreed to do."""

    task: str = Field(description="What is to be done, starting with a verb where the notes give one.")
    owner: str | None = Field(description="Who does it, as named in the notes; null if nobody is named.")
    due: str | None = Field(description="The due date as YYYY-MM-DD; null if none is stated or it is unclear.")
    due_text: str | None = Field(default=None, description="The due date as written in the notes.")
    done: bool = Field(default=False, description="True for a ticked checkbox ([x]).")
    source: str = Field(description="The line of the notes the item comes from.")


def extract_action_items(text: str, reference_date: date | None = None) -> list[ActionItem]:
    """The action items in meeting notes ``text``, in order of appearance.

    Relative dates resolve against ``reference_date``, else the date the notes
    state near their top, else today.
    """
    reference = notes_reference_date(text, reference_date)
    items: list[ActionItem] = []
    handoffs = Handoffs(starts_with_action_verb)
    in_action_section = False
    table: dict[str, int] | None = None
    for line in _unwrapped_lines(text):
        if not line:
            table = None
            continue
        if "|" in line:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if columns := _table_columns(cells):
                table = columns
                continue
            if table is not None:
                if item := _item_from_row(cells, table, line, reference):
                    items.append(item)
                continue
        table = None
        heading = heading_of(line)
        if heading is not None and _is_heading(line):
            in_action_section = heading_key(heading[0]) in ACTION_HEADINGS
            continue
        found = _items_from_line(line, in_action_section, reference)
        body = TIMESTAMP_RE.sub("", BULLET_RE.sub("", line, count=1), count=1).strip()
        for handed in handoffs.read(body, lambda *args: _handed_over(*args, reference=reference)):
            if isinstance(handed, ActionItem) and not any(i.owner == handed.owner for i in found):
                found.append(handed)  # "I can do that": the request before it is the task
        for item in found:
            key = (item.task.lower(), (item.owner or "").lower())
            if not any((i.task.lower(), (i.owner or "").lower()) == key for i in items):
                items.append(item)
    people = find_people(text)
    return [item.model_copy(update={"owner": full_name(item.owner, people)}) if item.owner else item for item in items]


def _unwrapped_lines(text: str) -> list[str]:
    """The lines of ``text``, stripped, with a paragraph or item hard-wrapped over several lines (as plain-text
    emails are) joined into one, so a task is read whole."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        previous = lines[-1] if lines else ""
        if (line and previous and not is_bullet(line) and not line.startswith("#") and "|" not in line + previous
                and not previous.startswith("#") and continues_line(previous, line)):
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
    return lines


def _handed_over(owner: str, task: str, reply: str, source: str, *, reference: date) -> ActionItem | None:
    """The item a request and its acceptance make: the request's task, due when it or the reply says."""
    if not _is_owner(owner):
        return None
    task, due, due_text = _take_due(_AFTERTHOUGHT.sub("", task), reference)
    if due is None and reply:
        _, due, due_text = _take_due(reply, reference)
    task = _tidy(task)
    return ActionItem(task=task, owner=owner, due=due, due_text=due_text, source=source) if len(task) >= 3 else None


def _is_heading(line: str) -> bool:
    """ "TODO:" alone heads a list of items; "TODO: call the bank" is an item itself."""
    marker = _MARKER.match(line)
    return marker is None or not line[marker.end() :].strip(" :-")


_COLUMN_NAMES = {
    "task": {"task", "tasks", "action", "actions", "action item", "action items", "what", "todo", "to do", "to-do"},
    "owner": {"owner", "who", "assignee", "assigned to", "responsible", "person"},
    "due": {"due", "due date", "deadline", "when", "by", "by when", "date"},
}


def _table_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions when ``cells`` is the header row of an action-item table ("Task | Owner | Due")."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = cell.lower().strip(" *_:")
        for column, names in _COLUMN_NAMES.items():
            if name in names and column not in columns:
                columns[column] = index
    return columns if "task" in columns and len(columns) >= 2 else None


def _item_from_row(cells: list[str], columns: dict[str, int], line: str, reference: date) -> ActionItem | None:
    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    task = cell("task")
    if not task or set(task) <= set("-: "):
        return None  # the |---|---| separator row
    due_text = cell("due") or None
    resolved = resolve_date(due_text, reference, deadline=True) if due_text else None
    return ActionItem(
        task=_tidy(task),
        owner=cell("owner").lstrip("@").capitalize() if cell("owner").startswith("@") else cell("owner") or None,
        due=resolved.isoformat() if resolved else None,
        due_text=due_text,
        source=line,
    )


def notes_reference_date(text: str, given: date | None = None) -> date:
    """The date relative dates in ``text`` are counted from: ``given``, else the notes' own date, else today."""
    return reference_date(text, given)


def _items_from_line(line: str, in_action_section: bool, reference: date) -> list[ActionItem]:
    body = TIMESTAMP_RE.sub("", BULLET_RE.sub("", line, count=1), count=1).strip()
    body = re.sub(r"^(?:\*\*|__)([^*_]{1,30}?:?)(?:\*\*|__)\s*", r"\1 ", body).strip()  # "**ACTION:** ..."
    if _ROLL_CALL.match(body):
        return []
    if turn := _SPEAKER_TURN.match(body):
        # "Pál: We're at 140 items. I'll split the list by trade ...": each sentence of a turn may be a commitment
        return [item for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", turn.group("said"))
                if (item := _item_from(f"{turn.group('speaker')}: {sentence}", marked=False, done=False,
                                       source=line, reference=reference))]  # fmt: skip
    marked = False
    done = False
    if checkbox := _CHECKBOX.match(body):
        marked, done = True, (checkbox.group(1) or "").lower() == "x"
        body = body[checkbox.end() :]
    if marker := _MARKER.match(body):
        marked = True
        body = body[marker.end() :]
    body = body.strip()
    if not body:
        return []
    # "Engineering, led by Tariq Mehmood, will obtain ...": the person leading the unit owns its task
    body = _LED_BY.sub(r"\g<owner> (\g<unit>) ", body)
    parts = [body] if marked else _split_commitments(body)
    items = []
    for part in parts:
        item = _item_from(part, marked=marked or in_action_section, done=done, source=line, reference=reference)
        if item is None or (len(parts) > 1 and not marked and item.owner is None
                            and not starts_with_action_verb(item.task)):
            continue  # a sentence of context in a paragraph of next steps is not a task of its own
        items.append(item)
    return items


def _split_commitments(text: str) -> list[str]:
    """Sentences of a prose line, split again where a second person takes on a task."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z@])|;\s+", text)
    parts: list[str] = []
    for sentence in sentences:
        pieces = re.split(rf",?\s+and\s+(?={_NAME}\s+(?:will|to)\b)", sentence)
        merged = [pieces[0]]
        for piece in pieces[1:]:
            if len(merged[-1].split()) < 3:  # "John and Mary will ..." is one commitment by two people
                merged[-1] = f"{merged[-1]} and {piece}"
            else:
                merged.append(piece)
        parts.extend(merged)
    return [p.strip() for p in parts if p.strip()]


def _item_from(text: str, *, marked: bool, done: bool, source: str, reference: date) -> ActionItem | None:
    text = _LEAD_LABEL.sub("", _CONNECTOR.sub("", text.strip()))
    if text.endswith("?") or _QUESTION_START.match(text):
        return None
    owner: str | None = None
    task: str | None = None
    text = re.sub(r"^\*\*(.+?)\*\*", r"\1", text)  # "**Maria** to send ...": a bold owner is still the owner
    if _GROUP_DECISION.match(text):
        return None
    if (spoken := _SPEAKER_COMMITMENT.match(text)) and _is_owner(spoken.group("owner")):
        owner, task = spoken.group("owner"), _AFTERTHOUGHT.sub("", spoken.group("task"))
        if _PRO_FORM.fullmatch(task):
            return None
        if _UNAVAILABLE.match(task) or _DISCUSSION.match(task):
            return None
        marked = True
    elif mention := _MENTION.search(text):
        owner = mention.group("handle").capitalize()
        task = (text[: mention.start()] + text[mention.end() :]).strip(" :,-–—")
        task = re.sub(rf"^{_MODAL}\s+", "", task)
    elif (commitment := _COMMITMENT.match(text)) and _is_owner(commitment.group("owner")):
        rest = commitment.group("task")
        if _UNAVAILABLE.match(rest):
            return None
        owner, task = commitment.group("owner"), rest
    elif (labelled := _LABELLED.match(text)) and _is_owner(labelled.group("owner")):
        rest = labelled.group("task")
        if marked or starts_with_action_verb(rest):
            owner, task = labelled.group("owner"), rest
    if task is None and not marked:
        trailing = _TRAILING_OWNER.search(text.rstrip(" .;"))
        named = trailing and (trailing.group("a") or trailing.group("b"))
        labelled = bool(trailing) and re.search(r"(?i)\b(?:owner|assignee|assigned to|by)\b", trailing.group())
        if not (named and (starts_with_action_verb(text) or labelled) and _is_owner(named)
                and named.lower() not in _UNASSIGNED):
            return None  # "- Place the order with GreenSpan this week (Rashid)": a task with its owner is an item
        marked = True
    if not marked and _DISCUSSION.search(text):
        return None
    task, due, due_text = _take_due(task if task is not None else text, reference)
    if owner is None:
        trailing = _TRAILING_OWNER.search(task.rstrip(" .;-–—"))
        if trailing:
            name = trailing.group("a") or trailing.group("b") or trailing.group("c")
            if name.lower() in _UNASSIGNED:
                task = task[: trailing.start()]  # "(owner TBD)": said to have no owner yet
            elif _is_owner(name):
                owner, task = name, task[: trailing.start()]
    task = _tidy(_EVENT.sub(lambda m: f"{m.group('verb')} {m.group('what')[:1].lower()}{m.group('what')[1:]}", task))
    if not task or len(task) < 3:
        return None
    if owner and owner.lower() in _UNASSIGNED:
        owner = None
    if owner and owner.lower() in _GROUP_OWNERS:
        owner = owner.capitalize() if owner.lower() != "the team" else "The team"
    return ActionItem(task=task, owner=owner, due=due, due_text=due_text, done=done, source=source)


def _is_owner(name: str) -> bool:
    """A name that can own a task: not a pronoun or note word, and not a verb ("Call to order" is no item)."""
    first = name.split()[0].lower()
    if name.lower() in _GROUP_OWNERS:
        return True
    return first not in _NOT_OWNERS and first not in _ACTION_VERBS


def starts_with_action_verb(text: str) -> bool:
    """Whether ``text`` opens with a verb of doing ("Send ...", "book ...")."""
    first = re.match(r"[A-Za-z]+", text.strip())
    return bool(first) and first.group().lower() in _ACTION_VERBS


_PARENTHESISED_DATE = re.compile(rf"\s*\((?P<date>{DATE_EXPRESSION})\)", re.IGNORECASE)


def _take_due(task: str, reference: date) -> tuple[str, str | None, str | None]:
    """``task`` without its due-date phrase, the date as ISO, and the phrase as written.

    "before half term (13 February 2026)": a date in parentheses after a deadline word
    the calendar cannot resolve is the deadline.
    """
    found = _keyword_due(task, reference)
    if found[1] is None and re.search(r"\b(?:by|before|until|due|deadline)\b", task, re.I):
        for match in _PARENTHESISED_DATE.finditer(task):
            resolved = resolve_date(match.group("date"), reference, deadline=True)
            if resolved is not None:
                return task[: match.start()] + task[match.end() :], resolved.isoformat(), match.group("date")
    return found


def _keyword_due(task: str, reference: date) -> tuple[str, str | None, str | None]:
    for pattern in (_DUE, _BARE_DUE):
        for match in pattern.finditer(task):
            expression = match.group("date")
            keyword = (match.groupdict().get("kw") or "").lower()
            if keyword == "on" and not re.search(r"\d|day|tomorrow|week", expression, re.I):
                continue
            before = task[: match.start()].split()
            if not keyword and before and before[-1].lower() in {"for", "on", "at", "from", "since", "until", "after"}:
                continue  # "schedule the retro for next Thursday" names the event's date, not a deadline
            resolved = resolve_date(expression, reference, deadline=True)
            if resolved is None:
                continue
            remaining = task[: match.start()] + " " + task[match.end() :]
            return remaining, resolved.isoformat(), expression.strip()
    return task, None, None


def _tidy(task: str) -> str:
    task = re.sub(r"\(\s*\)|\[\s*\]", "", task)
    task = re.sub(r"\s+([,.;:])", r"\1", task)
    task = " ".join(task.split()).strip(" ,;:-–—.")
    task = re.sub(r"^(?:please|pls)\s+", "", task, flags=re.I)
    return task[:1].upper() + task[1:] if task else task
