"""Caption and meeting-transcript exports, rewritten as the document model's speaker turns.

Meeting tools export transcripts in a few shapes that no reader of "Name: text"
turns recognises:

- **WebVTT** (Teams, Zoom, Meet, YouTube): a ``WEBVTT`` header, cues made of an
  optional id line, a timing line (``00:00:03.000 --> 00:00:09.000``) and text
  whose speaker is a voice tag (``<v Amara Nwosu>Morning all.``) or a
  ``Name:`` prefix;
- **SRT**: numbered cues with ``00:00:03,000 --> 00:00:09,000`` timings;
- **speaker-and-time lines** (Teams' and Otter's Word and text exports): a line
  ``Amara Nwosu 0:03`` (or ``Amara Nwosu (Company) 00:01:12``) above what was said.

``as_turns`` turns each into one ``Name: what they said`` line per turn, a
speaker's consecutive cues joined, timings, cue ids, ``NOTE``/``STYLE`` blocks
and formatting tags dropped, so that every tool (action items, summaries,
people) reads a caption file the way it reads a typed transcript. Anything else
is returned as it came. Hand-written rather than a caption library because the
input is often pasted or saved without a header, and the speaker-and-time shape
is no caption format at all; a strict parser refuses the first and cannot read
the second.
"""

from __future__ import annotations

import re

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
TIMING = re.compile(rf"^{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
VOICE = re.compile(r"<v(?:\.[^\s>]+)?\s+([^>]+)>")
TAG = re.compile(r"</?(?:[a-z]+(?:\.[^\s>]+)?|\d[\d:.]*)(?:\s[^>]*)?>", re.IGNORECASE)
BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")
# "Amara Nwosu 0:03", "Kwame Asante (Quillfeather) 00:01:12", "Dr. Ana Costa   12:40": a name, then a time.
_NAME = r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,4}(?:\s+\([^()]{1,60}\))?"
SPEAKER_STAMP = re.compile(rf"^(?P<name>{_NAME})\s+(?:\[)?(?P<time>(?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}})(?:\])?$")
OUTSIDE = ""  # the "speaker" of a line outside any cue: kept as its own line, never joined
SPOKEN_BY = re.compile(rf"^(?P<name>{_NAME}):\s+(?P<text>\S.*)$")


def as_turns(text: str) -> str:
    """``text`` with a caption or transcript export rewritten as ``Name: text`` turns; other text unchanged."""
    lines = text.split("\n")
    if _is_captions(lines):
        return _join(_caption_turns(lines))
    if _is_stamped(lines):
        return _join(_stamped_turns(lines))
    return text


def _is_captions(lines: list[str]) -> bool:
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        return True
    return sum(1 for line in lines if TIMING.match(line)) >= 2


def _is_stamped(lines: list[str]) -> bool:
    stamps = [i for i, line in enumerate(lines) if SPEAKER_STAMP.match(line)]
    # Three turns at least, and each stamp line has something said after it.
    said = [i for i in stamps if i + 1 < len(lines) and lines[i + 1].strip() and not SPEAKER_STAMP.match(lines[i + 1])]
    return len(said) >= 3 and len(said) * 2 >= len(stamps)


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


def _stamped_turns(lines: list[str]) -> list[tuple[str | None, str]]:
    turns: list[tuple[str | None, str]] = []
    speaker: str | None = OUTSIDE  # a title or date above the first turn stays a line of its own
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        stamp = SPEAKER_STAMP.match(line)
        if stamp:
            speaker = stamp["name"]
            continue
        turns.append((speaker, line))
    return turns


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
