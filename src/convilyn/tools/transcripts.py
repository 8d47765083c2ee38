"""Transcripts as the document model writes them: one turn a line, "Speaker: what they said".

Meeting tools export turns with the speaker on a line of their own, often with a company or a
time after the name, and the words on the lines below:

    Laura Chen (Northwind Traders)   0:03
    Hi everyone, can you hear me okay?

Every reader downstream (action items, summaries, people) understands "Laura Chen (Northwind
Traders): Hi everyone, ..." on one line, so such blocks are rewritten to that shape. Only names
that head two turns or more are taken as speakers, and only when there are four turns or more,
so a document's short heading lines ("Summary", "Next steps") are left alone.
"""

from __future__ import annotations

from collections import Counter

import regex as re

_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)"
# "Laura Chen (Northwind Traders)   0:03", "[00:01:12] Marco Rossi", "Aisha Bello"
_HEADER = re.compile(
    rf"^(?:[\[(]?{_TIME}[\])]?\s+)?(?P<name>\p{{Lu}}[\p{{Ll}}'’-]+(?:\s+\p{{Lu}}[\p{{Ll}}'’-]+){{0,2}}"
    rf"(?:\s*\([^()\n]{{1,40}}\))?)(?:\s+[\[(]?{_TIME}[\])]?)?\s*$"
)


def join_speaker_blocks(text: str) -> str:
    """``text`` with speaker-on-its-own-line turns rewritten as "Speaker: words" lines; other text as it is."""
    lines = text.split("\n")
    headers = [(i, m.group("name")) for i, line in enumerate(lines) if (m := _HEADER.match(line.strip()))
               and _names_someone(line, m.group("name"))
               and i + 1 < len(lines) and lines[i + 1].strip() and not _HEADER.match(lines[i + 1].strip())]  # fmt: skip
    turns = Counter(name for _, name in headers)
    speakers = {name for name, count in turns.items() if count >= 2}
    if len(speakers) < 2 or sum(turns[name] for name in speakers) < 4:
        return text
    starts = {i: name for i, name in headers if name in speakers}
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index not in starts:
            out.append(lines[index])
            index += 1
            continue
        said: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip() and index not in starts:
            said.append(lines[index].strip())
            index += 1
        out.append(f"{starts[index - len(said) - 1]}: {' '.join(said)}")
    return "\n".join(out)


def _names_someone(line: str, name: str) -> bool:
    """A full name, or a name with a time or a company: "Findings" alone heads a section, not a turn."""
    return " " in name.split("(")[0].strip() or "(" in name or bool(re.search(_TIME, line))
