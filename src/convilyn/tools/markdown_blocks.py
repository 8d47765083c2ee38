"""A small Markdown reader for the document writers: headings, paragraphs, lists, tables, code, rules.

Inline ``**bold**``, ``*italic*``/``_italic_``, ```code``` and ``[text](url)``
become styled runs. Anything else is kept as plain text, so no input is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "bullet", "numbered", "table", "rule", "code"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass
class Block:
    """One block of a document: a heading, paragraph, list item, table, code block or rule."""

    kind: BlockKind
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    text: str = ""

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs) if self.runs else self.text


_INLINE = re.compile(
    r"\*\*(?P<b1>.+?)\*\*|__(?P<b2>.+?)__|(?<![\w*])\*(?![\s*])(?P<i1>.+?)(?<![\s*])\*(?!\w)"
    r"|(?<![\w_])_(?![\s_])(?P<i2>.+?)(?<![\s_])_(?!\w)|`(?P<code>[^`]+)`|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(?:\[( |x|X)\]\s+)?(.*)$")
_NUMBERED = re.compile(r"^(\s*)\d{1,3}[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$")
_LAYOUT = re.compile(r"^\s*<!--\s*layout:\s*(?P<layout>[a-z-]+)\s*-->", re.IGNORECASE)
COMPACT = "compact"


def layout_of(markdown: str) -> str | None:
    """The print layout a document asks for on its first line (``<!-- layout: compact -->``), or None.

    A one-page resume is set denser than a report; the Markdown file itself stays plain, and only the
    content written to a ``.pdf`` or ``.docx`` carries the line (an HTML comment, invisible when rendered).
    """
    match = _LAYOUT.match(markdown.lstrip("\ufeff"))
    return match.group("layout").lower() if match else None


def with_layout(markdown: str, layout: str) -> str:
    """``markdown`` with the print-layout line that :func:`layout_of` reads."""
    return f"<!-- layout: {layout} -->\n{markdown}"


def printable(text: str) -> str:
    """``text`` with tabs expanded and control characters removed: neither DOCX nor PDF can hold them."""
    return _CONTROL.sub("", text.expandtabs(4))


def parse_inline(text: str) -> list[Run]:
    """``text`` as styled runs."""
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if bold := match.group("b1") or match.group("b2"):
            runs.append(Run(bold, bold=True))
        elif italic := match.group("i1") or match.group("i2"):
            runs.append(Run(italic, italic=True))
        elif match.group("code") is not None:
            runs.append(Run(match.group("code"), code=True))
        else:
            label, url = match.group("label"), match.group("url")
            runs.append(Run(label if label == url else f"{label} ({url})"))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return [run for run in runs if run.text]


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def parse_blocks(markdown: str) -> list[Block]:
    """The blocks of ``markdown`` in order."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    lines = printable(markdown.replace("\r\n", "\n").replace("\r", "\n")).split("\n")

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", runs=parse_inline(" ".join(p.strip() for p in paragraph))))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            code: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i])
                i += 1
            blocks.append(Block("code", text="\n".join(code)))
        elif not stripped:
            flush()
        elif _COMMENT.match(stripped):
            pass  # an HTML comment (a layout line) is not printed
        elif heading := _HEADING.match(stripped):
            flush()
            blocks.append(Block("heading", level=len(heading.group(1)), runs=parse_inline(heading.group(2))))
        elif _RULE.match(stripped):
            flush()
            blocks.append(Block("rule"))
        elif "|" in stripped and i + 1 < len(lines) and _TABLE_SEPARATOR.match(lines[i + 1]):
            flush()
            rows = [_cells(stripped)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(Block("table", rows=[r + [""] * (width - len(r)) for r in rows]))
            continue
        elif bullet := _BULLET.match(line):
            flush()
            box = {" ": "☐ ", "x": "☑ ", "X": "☑ "}.get(bullet.group(2) or "", "")
            runs = parse_inline(bullet.group(3))
            level = min(len(bullet.group(1).expandtabs(4)) // 2, 2)
            blocks.append(Block("bullet", level=level, runs=[Run(box), *runs] if box else runs))
        elif numbered := _NUMBERED.match(line):
            flush()
            level = min(len(numbered.group(1).expandtabs(4)) // 2, 2)
            blocks.append(Block("numbered", level=level, runs=parse_inline(numbered.group(2))))
        elif blocks and blocks[-1].kind in ("bullet", "numbered") and line.startswith((" ", "\t")) and not paragraph:
            blocks[-1].runs.extend([Run(" "), *parse_inline(stripped)])  # a list item's wrapped line
        else:
            paragraph.append(stripped)
        i += 1
    flush()
    return blocks
