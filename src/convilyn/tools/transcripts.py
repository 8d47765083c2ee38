"""Caption and meeting-transcript exports, rewritten as the document model's speaker turns.

Every reader downstream (action items, summaries, people) understands one turn a line,
"Speaker: what they said". Meeting tools export turns in shapes none of them reads:

- **WebVTT** (Teams, Zoom, Meet, YouTube): a ``WEBVTT`` header, cues made of an
  optional id line, a timing line (``00:00:03.000 --> 00:00:09.000``) and text
  whose speaker is a voice tag (``<v Amara Nwosu>Morning all.``) or a
  ``Name:`` prefix; **SRT**: numbered cues with ``00:00:03,000 --> ...`` timings.
  Timings, cue ids, ``NOTE``/``STYLE`` blocks and formatting tags are dropped and
  a speaker's consecutive cues joined into one turn. Hand-written rather than a
  caption library: pasted captions often lack the header a strict parser needs.
- **The speaker on a line of their own**, often with a company or a time after
  the name, and the words on the lines below (Teams' and Otter's Word and text
  exports)::

      Laura Chen (Northwind Traders)   0:03
      Hi everyone, can you hear me okay?

  Only names that head two turns or more are taken as speakers, and only when
  there are four turns or more, so a document's short heading lines ("Summary",
  "Next steps") are left alone.

``as_turns`` applies whichever shape the text has; anything else comes back as it was.
"""

from __future__ import annotations

from collections import Counter

import regex as re

_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)"  # 0:03, 12:40, 00:00:03.000, 00:00:03,000
TIMING = re.compile(rf"^{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
VOICE = re.compile(r"<v(?:\.[^\s>]+)?\s+([^>]+)>")
TAG = re.compile(r"</?(?:[a-z]+(?:\.[^\s>]+)?|\d[\d:.]*)(?:\s[^>]*)?>", re.IGNORECASE)
BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")
_NAME = r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,4}(?:\s+\([^()]{1,60}\))?"
OUTSIDE = ""  # the "speaker" of a line outside any cue: kept as its own line, never joined
SPOKEN_BY = re.compile(rf"^(?P<name>{_NAME}):\s+(?P<text>\S.*)$")


def as_turns(text: str) -> str:
    """``text`` with a caption or transcript export rewritten as ``Name: text`` turns; other text unchanged."""
    lines = text.split("\n")
    if _is_captions(lines):
        return _join(_caption_turns(lines))
    return join_speaker_blocks(text)


def _is_captions(lines: list[str]) -> bool:
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        return True
    return sum(1 for line in lines if TIMING.match(line)) >= 2


def _caption_turns(lines: list[str]) -> list[tuple[str | None, str]]:
    """(speaker or None, text) per cue, in order, header and metadata blocks skipped."""
    cues: list[tuple[str | None, str]] = []
    cue: list[str] | None = None
    skipping = False
    for index, raw in enumerate(lines):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            if cue:
                cues.extend(_cue(cue))
            cue, skipping = None, False
            continue
        if skipping:
            continue
        if TIMING.match(line):
            if cue:
                cues.extend(_cue(cue))
            cue = []
            continue
        if cue is None:
            # Before a cue's timing: the header, a NOTE/STYLE/REGION block, or a cue id (the next line times it).
            nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if line.startswith("WEBVTT") or line.split(" ", 1)[0] in BLOCK_KEYWORDS:
                skipping = True
            elif not TIMING.match(nxt):
                cues.append((OUTSIDE, line))  # text outside any cue (a pasted title, say): kept as written
            continue
        cue.append(line)
    if cue:
        cues.extend(_cue(cue))
    return cues


def _cue(lines: list[str]) -> list[tuple[str | None, str]]:
    """One cue's text, split where a voice tag or a ``Name:`` prefix changes the speaker."""
    out: list[tuple[str | None, str]] = []
    for line in lines:
        parts = VOICE.split(line)  # [before, name, text, name, text, ...]
        if len(parts) > 1:
            if parts[0].strip():
                out.append((None, _clean(parts[0])))
            out.extend((parts[i].strip(), _clean(parts[i + 1])) for i in range(1, len(parts) - 1, 2))
            continue
        plain = _clean(line)
        spoken = SPOKEN_BY.match(plain)
        out.append((spoken["name"], spoken["text"]) if spoken else (None, plain))
    return [(speaker, said) for speaker, said in out if said]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", TAG.sub("", text)).strip()


def _join(cues: list[tuple[str | None, str]]) -> str:
    """One line per turn: a speaker's consecutive cues, or a run of unattributed ones, joined."""
    turns: list[tuple[str | None, list[str]]] = []
    for speaker, said in cues:
        if turns and turns[-1][0] == speaker and speaker != OUTSIDE:
            turns[-1][1].append(said)
        else:
            turns.append((speaker, [said]))
    return "\n".join(f"{speaker}: {' '.join(parts)}" if speaker else " ".join(parts) for speaker, parts in turns)


# --- the speaker on a line of their own ---------------------------------------------------------------

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
