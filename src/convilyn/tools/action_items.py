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
from convilyn.tools.dates import reference_date, resolve_date
from convilyn.tools.due_dates import take_due
from convilyn.tools.entities import find_people
from convilyn.tools.model import ToolModel
from convilyn.tools.owners import is_role, owner_in_full, roll_call
from convilyn.tools.sections import heading_key, heading_of
from convilyn.tools.task_wording import ACTION_VERBS, base_verb, requested_task, starts_with_action_verb, with_referent
from convilyn.tools.text import BULLET_RE, TIMESTAMP_RE, continues_line, is_bullet, without_quoted_replies
from convilyn.tools.vocabulary import first_names

ACTION_HEADINGS = frozenset(
    {"action items", "action item", "actions", "action points", "next steps", "follow-ups", "follow ups",
     "followups", "todo", "todos", "to do", "to-do", "to-dos", "to dos", "tasks", "assignments", "owners"}
)  # fmt: skip

_NAME = NAME
_OWNERS = rf"{_NAME}(?:\s*(?:,|&|and)\s*(?:the\s+)?{_NAME})*"  # "Dr Shah and the Chair"
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
_ROLE_NOTE = r"(?:\s*\((?P<note>[^()]{1,40})\))?"  # "Gareth Pugh (IT) to set up ...": the owner's role in brackets
# "People team (Hannah Brooks) will ...": a unit named with its kind is an owner too
_COMMITMENT = re.compile(rf"^(?P<owner>{_OWNERS}(?:\s+(?:team|department|office|unit|group|desk))?){_ROLE_NOTE}\s+{_MODAL}\s+(?P<task>.+)$")
# "Trustees agreed to accept the lowest quote": a body's decision recorded in minutes, not a task someone owns.
_GROUP_DECISION = re.compile(
    r"^(?:the\s+)?(?:trustees|governors|directors|members|board|committee|council|meeting|attendees|participants"
    r"|partners|panel|group|team|everyone|all)\s+(?:unanimously\s+)?(?:agreed|decided|resolved|voted|approved|noted)\b",
    re.IGNORECASE,
)
# "..., they promised them last Friday": a clause after the task that explains, not part of what is to be done.
# "Library staff training sessions start on 5 January (owner: Owen Pryce)": the owner starts them
_EVENT = re.compile(r"^(?P<what>\p{Lu}[\w'’ -]{3,60}?)\s+(?P<verb>start|begin|open|launch|run|close)s?\s*$")
# "The treasurer, Imran Qureshi, to model ...": the person named beside the role owns the task
_APPOSITIVE = re.compile(rf"^(?:[Tt]he\s+)?(?P<unit>\p{{L}}[\p{{L}} -]{{1,30}}?),\s+(?P<owner>{NAME}),\s+(?={_MODAL}\s)")
_LED_BY = re.compile(rf"^(?P<unit>\p{{Lu}}[\w&'’ -]{{1,40}}?),\s+(?:led|headed|coordinated|run)\s+by\s+(?P<owner>{NAME}),\s+")
# "I can do that", "I'll take it on": a reply that takes on what was asked; the request holds the task
_PRO_FORM = re.compile(r"(?:do|take|handle|sort|look into)\s+(?:that|it|this)(?:\s+(?:on|out|one))?(?:\s+for\s+you)?[\s.!]*",
                       re.IGNORECASE)
_AFTERTHOUGHT = re.compile(r",\s+(?:they|we|he|she|it|which|because|since|as|but|so|should|hopefully|it'?ll)\b.*$",
                          re.IGNORECASE)
# "chase them", "do that": a task whose object points back at a request made before it
_REFERS_BACK = re.compile(r"^\w+(?:\s+(?:at|into|over|after|through))?\s+(?:that|it|this|them|those|these)(?:\s+(?:on|up|out|over|down|for you))?$", re.I)
# "Next steps: A will ... B will ...": a label over several tasks, one per sentence
_LIST_LABEL = re.compile(r"(?i)^(?:next\s+steps|actions|action\s+(?:items|points)|follow[- ]ups)\b")
# "Date of next meeting: ...": a formality of minutes, not a task
_FORMALITY = re.compile(r"(?i)^(?:date|time|venue)\s+of\s+(?:the\s+)?next\s+meeting\b|^next\s+meeting\s*:")
_RISK_HEADINGS = frozenset({"risks", "risk", "issues", "risks and issues", "risk register", "dependencies", "blockers",
                            "concerns", "open questions", "assumptions"})
_LABELLED = re.compile(rf"^(?P<owner>{_OWNERS}){AFFILIATION}\s*(?::|\s[-–—])\s*(?P<task>.+)$")
# "Ben: I'll send the list", "Pál: I can order the chairs": a speaker taking on a task in a transcript.
_SPEAKER_COMMITMENT = re.compile(
    rf"^(?P<owner>{_NAME}){AFFILIATION}\s*:\s*(?:(?:ok(?:ay)?|sure|yes|yeah|right|fine|great|thanks|and|so|today"
    r"|this (?:morning|afternoon)|tomorrow),?\s+)*"
    r"(?:(?P<we>we)(?:'ll|’ll| will)|I(?:'ll|’ll| will| can| shall| am going to|'m going to|’m going to| need to"
    r"| have to| should)|let me|I(?:'m|’m| am)(?=\s+\w+ing\b))\s+"
    r"(?P<task>.+)$",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w@])@(?P<handle>[A-Za-z][\w.-]*[A-Za-z0-9])")
# a turn of two or more sentences or clauses ("We'll deploy it on Thursday and I'll confirm by email")
_SPEAKER_TURN = re.compile(
    rf"^(?P<speaker>{_NAME}){AFFILIATION}\s*:\s+(?P<said>(?:.*[.?!]\s+.+|.+(?:,|\band\b)\s+(?:I|we)(?:'ll|’ll| will)\s.+))$"
)
_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|,?\s+(?:and\s+)?(?=(?:I|we)(?:'ll|’ll| will)\s)")
_TRAILING_OWNER = re.compile(
    rf"\s*(?:[(\[]\s*(?:owner|assignee|assigned to|who)?\s*[:\-]?\s*(?P<a>{_NAME})\s*[)\]]"
    rf"|[,;\-–—]\s*(?:owner|assignee|assigned to|(?:organi[sz]ed|led|coordinated|run) by)\s*[:\-]?\s*(?P<b>{_NAME})"
    rf"|\s+[-–—]\s+(?P<c>{_NAME}))\s*[.]?$"
)
_NOT_OWNERS = frozenset(
    ["subject", "from", "sent", "cc", "bcc", "re", "project", "programme", "program", "initiative", "scheme", "system", "platform", "policy", "service", "we", "i", "they", "he", "she", "it", "you", "this", "that", "these", "those", "the", "there", "here", "everyone", "someone", "anyone", "nobody", "all", "team", "action", "todo", "task", "note", "notes", "decision", "decisions", "discussion", "agenda", "update", "updates", "date", "attendees", "then", "also", "next", "question", "questions", "idea", "ideas", "status", "summary"]
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
    text = without_quoted_replies(text)  # what an email quotes was written, and is owned, elsewhere
    reference = notes_reference_date(text, reference_date)
    author = next((m.group(1) for line in text.splitlines()[:10] if (m := re.match(rf"^From:\s*({_NAME})", line))), None)
    items: list[ActionItem] = []
    handoffs = Handoffs(requested_task)
    in_action_section = in_risk_section = False
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
            in_risk_section = heading_key(heading[0]) in _RISK_HEADINGS
            continue
        found = _items_from_line(line, in_action_section, reference, author)
        if in_risk_section:  # "Wi-Fi coverage (owner: Petra)": a risk's owner watches it; only an action is a task
            found = [item for item in found if starts_with_action_verb(item.task)]
        body = TIMESTAMP_RE.sub("", BULLET_RE.sub("", line, count=1), count=1).strip()
        for handed in handoffs.read(body, lambda *args: _handed_over(*args, reference=reference)):
            if not isinstance(handed, ActionItem):
                continue
            # "I can do that this afternoon", "Yes, I'll chase them": the request before it is the task
            reply = set(re.findall(r"\w+", re.split(r"(?<=[.!?])\s", body.lower())[0]))
            found = [i for i in found if i.owner != handed.owner
                     or not (_REFERS_BACK.match(i.task) or set(re.findall(r"\w+", i.task.lower())) <= reply)]
            if not any(i.owner == handed.owner for i in found):
                found.append(handed)
        for item in found:
            key = (item.task.lower(), (item.owner or "").lower())
            if not any((i.task.lower(), (i.owner or "").lower()) == key for i in items):
                items.append(item)
    people, roles = find_people(text), roll_call(text)
    return [item.model_copy(update={"owner": owner_in_full(item.owner, people, roles)}) if item.owner else item
            for item in items]


def _unwrapped_lines(text: str) -> list[str]:
    """The lines of ``text``, stripped, with a paragraph or item hard-wrapped over several lines (as plain-text
    emails are) joined into one, so a task is read whole."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        previous = lines[-1] if lines else ""
        if (line and previous and not is_bullet(line) and not line.startswith(("#", "**", "__")) and "|" not in line + previous
                and not previous.startswith("#") and continues_line(previous, line)):
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
    return lines


def _handed_over(owner: str, task: str, reply: str, source: str, *, reference: date) -> ActionItem | None:
    """The item a request and its acceptance make: the request's task, due when it or the reply says."""
    if not _is_owner(owner):
        return None
    task, due, due_text = _due_of(task, reference)
    if due is None and reply:
        _, due, due_text = take_due(reply, reference)
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


def _due_of(task: str, reference: date) -> tuple[str, str | None, str | None]:
    """``task`` without an afterthought clause or its deadline; the deadline may sit in the afterthought
    ("get the flyers printed, we need 300 by 24 March")."""
    afterthought = _AFTERTHOUGHT.search(task)
    core = task[: afterthought.start()] if afterthought else task
    core, due, due_text = take_due(core, reference)
    if due is None and afterthought:
        _, due, due_text = take_due(afterthought.group(), reference)
    return core, due, due_text


def _items_from_line(line: str, in_action_section: bool, reference: date, author: str | None = None) -> list[ActionItem]:
    body = TIMESTAMP_RE.sub("", BULLET_RE.sub("", line, count=1), count=1).strip()
    body = re.sub(r"^(?:\*\*|__)([^*_]{1,30}?:?)(?:\*\*|__)\s*", r"\1 ", body).strip()  # "**ACTION:** ..."
    if _ROLL_CALL.match(body) or _FORMALITY.match(body):
        return []
    if turn := _SPEAKER_TURN.match(body):
        # "Pál: We're at 140 items. I'll split the list by trade ...": each sentence of a turn may be a commitment
        clauses = _CLAUSE.split(turn.group("said"))
        return [with_referent(item, clauses[index - 1] if index else "") for index, clause in enumerate(clauses)
                if (item := _item_from(f"{turn.group('speaker')}: {clause}", marked=False, done=False,
                                       source=line, reference=reference))]  # fmt: skip
    marked = False
    done = False
    if checkbox := _CHECKBOX.match(body):
        marked, done = True, (checkbox.group(1) or "").lower() == "x"
        body = body[checkbox.end() :]
    listed = False
    if marker := _MARKER.match(body):
        marked, listed = True, bool(_LIST_LABEL.match(body))
        body = body[marker.end() :]
    body = body.strip()
    if not body:
        return []
    # "Engineering, led by Tariq Mehmood, will obtain ...": the person leading the unit owns its task
    body = _APPOSITIVE.sub(r"\g<owner> (\g<unit>) ", _LED_BY.sub(r"\g<owner> (\g<unit>) ", body))
    parts = [body] if marked and not listed else _split_commitments(body)
    items = []
    for index, part in enumerate(parts):
        if author:  # "I'll send the form tomorrow" in an email is its author's task
            part = re.sub(r"^I(?:'ll|’ll| will)\s+", f"{author} will ", part)
        item = _item_from(part, marked=marked or in_action_section, done=done, source=line, reference=reference)
        if item is None or (len(parts) > 1 and not (marked and not listed) and item.owner is None
                            and not starts_with_action_verb(item.task)):
            continue  # a sentence of context in a paragraph of next steps is not a task of its own
        items.append(with_referent(item, parts[index - 1] if index else ""))
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
        owner, task = spoken.group("owner"), base_verb(spoken.group("task"))
        if _PRO_FORM.fullmatch(task) or (spoken.group("we") and not starts_with_action_verb(task)):
            return None  # "We'll see": a plan of the speaker's side is a task only when it does something
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
        note = commitment.group("note") or ""
        if (len(note.split()) in (2, 3) and all(w[:1].isupper() for w in note.split())
                and owner.split()[0].lower() not in first_names()):
            owner = note  # "HR (Farah Malik) will hold ...": the person named in brackets does it
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
    task, due, due_text = _due_of(task if task is not None else text, reference)
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
    if name.lower() in _GROUP_OWNERS or is_role(name.split(" and ")[0]) or (name.isupper() and len(name) <= 4):
        return True
    return first not in _NOT_OWNERS and first not in ACTION_VERBS


def _tidy(task: str) -> str:
    task = re.sub(r"\(\s*\)|\[\s*\]", "", task)
    task = re.sub(r"\s+([,.;:])", r"\1", task)
    task = " ".join(task.split()).strip(" ,;:-–—.")
    task = re.sub(r"^(?:please|pls)\s+", "", task, flags=re.I)
    return task[:1].upper() + task[1:] if task else task
