"""A PDF page's text in reading order, from pypdf's layout mode: columns, wrapped lines, tables, running heads.

pypdf's plain extraction loses where text sits, so a bullet wrapped over two
lines reads as two lines, a two-column page interleaves its columns, and the
same "Page 2 of 3" footer lands in every summary. Layout mode renders each
page as fixed-width text that keeps horizontal positions and vertical gaps;
from it this module recovers:

- **columns**: a gutter (a band of blank character positions running down the
  page with text on both sides) splits the page, left column first;
- **paragraphs**: a line that reaches the right edge of the text block and does
  not end a sentence continues on the next line, as does a line followed by one
  that starts in lower case; blank lines (vertical gaps) end paragraphs;
- **tables**: a line whose cells are separated by wide gaps becomes ``a | b | c``;
- **running headers and footers**: the top and bottom lines repeated on most
  pages (digits ignored, so "Page 1 of 3" matches "Page 2 of 3") are dropped,
  and so are bare page numbers.
"""

from __future__ import annotations

import re
from collections import Counter

_BULLETS = "•◦▪‣●○■□–-*\uf0b7\uf0a7"
_BULLET_LINE = re.compile(rf"^\s*[{re.escape(_BULLETS)}]\s+")
_CELL_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]”\"]$")


def page_lines(layout_text: str) -> list[str]:
    """The lines of one page in layout mode, each column read top to bottom, trailing spaces removed."""
    lines = [line.rstrip() for line in layout_text.replace("\t", "    ").splitlines()]
    gutter = _gutter(lines)
    if gutter is None:
        return lines
    left = [line[:gutter].rstrip() for line in lines]
    right = [line[gutter:].rstrip() for line in lines]
    return left + [""] + _dedent(right)


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return [line[cut:] for line in lines]


def _gutter(lines: list[str]) -> int | None:
    """The character position of a gutter between two columns of text, if the page has one."""
    text_lines = [line for line in lines if line.strip()]
    if len(text_lines) < 8:
        return None
    width = max(len(line) for line in text_lines)
    blank_at = [0] * width
    for line in text_lines:
        padded = line.ljust(width)
        for x, ch in enumerate(padded):
            if ch == " ":
                blank_at[x] += 1
    need = len(text_lines)  # a gutter is blank on every line
    best: tuple[int, int] | None = None
    x = int(width * 0.2)
    while x < int(width * 0.8):
        if blank_at[x] >= need:
            start = x
            while x < width and blank_at[x] >= need:
                x += 1
            if x - start >= 3 and (best is None or x - start > best[1]):
                best = (start, x - start)
        x += 1
    if best is None:
        return None
    cut = best[0] + best[1] // 2
    both = sum(1 for line in text_lines if line[:cut].strip() and line[cut:].strip())
    return cut if both >= 0.3 * len(text_lines) else None


def drop_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """The pages without the header and footer lines most of them repeat, and without bare page numbers.

    A top or bottom line is a running head when the same text sits on most pages, or
    when it differs only in numbers and carries its page's number ("Page 2 of 5").
    """

    def keys(line: str, page_number: int) -> set[str]:
        exact = " ".join(line.split()).casefold()
        found = {exact}
        if str(page_number) in re.findall(r"\d+", line):
            found.add("#page#" + re.sub(r"\d+", "#", exact))
        return found

    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        return sorted(set(filled[:2] + filled[-2:]))

    counts: Counter[str] = Counter()
    for number, lines in enumerate(pages, start=1):
        counts.update(set().union(*(keys(lines[i], number) for i in edges(lines))) if edges(lines) else set())
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {k for k, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    cleaned = []
    for number, lines in enumerate(pages, start=1):
        drop = {
            i for i in edges(lines)
            if keys(lines[i], number) & repeated or _PAGE_NUMBER.match(lines[i])
            or re.search(r"\bpage\s+\d+\s+of\s+\d+\b", lines[i], re.I)
        }  # fmt: skip
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def text_width(pages: list[list[str]]) -> int:
    """Where the document's text block ends on the right, in characters (a short last page has no say alone)."""
    widths = sorted(len(line) for lines in pages for line in lines if line.strip())
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


def paragraphs(lines: list[str], right_edge: int) -> str:
    """Layout lines joined into paragraphs, bullets and table rows; one paragraph or item per output line."""
    out: list[str] = []
    current: str | None = None
    current_width = current_indent = 0
    for raw in lines + [""]:
        if not raw.strip():
            if current is not None:
                out.append(current)
                current = None
            if out and out[-1] != "":
                out.append("")
            continue
        cells = _CELL_GAP.split(raw.strip())
        if len(cells) >= 2 and not _BULLET_LINE.match(raw) and len(cells) <= 8 and not _justified(raw, cells):
            if current is not None:
                out.append(current)
            out.append(" | ".join(" ".join(c.split()) for c in cells))
            current = None
            continue
        text = " ".join(raw.split())
        bullet = bool(_BULLET_LINE.match(raw))
        if bullet:
            text = "• " + _BULLET_LINE.sub("", raw).strip()
            text = " ".join(text.split())
        if current is not None and not bullet and _continues(current, current_width, text, right_edge,
                                                             indent=current_indent):
            current = _join(current, text)
            current_width = len(raw)
            continue
        if current is not None:
            out.append(current)
        current, current_width, current_indent = text, len(raw), len(raw) - len(raw.lstrip())
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def _justified(raw: str, cells: list[str]) -> bool:
    """A justified line of prose stretched with wide spaces, not a table row: most "cells" are single words."""
    return len(cells) > 3 and sum(1 for c in cells if " " not in c.strip()) > len(cells) / 2


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"


def join_pages(texts: list[str]) -> str:
    """Pages' paragraphs as one text; a paragraph cut by the page end ("..., Cannulation," / "Tracheostomy
    care, ...") runs on into the next page's first line."""
    out = ""
    for text in (t for t in texts if t.strip()):
        last = out.rstrip().rsplit("\n", 1)[-1]
        first = text.lstrip().split("\n", 1)[0]
        runs_on = last and not _BULLET_LINE.match(first) and (
            last.endswith((",", "&")) or re.search(r"\b(?:and|or|of|the|with|in|to|for|a|an)$", last)
            or (first[:1].islower() and not _ENDS_SENTENCE.search(last))
        )
        out = f"{out.rstrip()} {text.lstrip()}" if runs_on else (f"{out}\n\n{text}" if out else text)
    return out


def _continues(current: str, current_width: int, following: str, right_edge: int, *, indent: int = 0) -> bool:
    first = following.split()[0]
    if first[:1].islower() and re.fullmatch(r"[^\W\d_][\w'’-]*[,;:]?", first):
        # "... achieving" / "grade 5 or above": a sentence running on (an email or URL line is not one)
        return not current.endswith((".", "!", "?")) and (len(current.split()) >= 4 or current.endswith(","))
    if _ENDS_SENTENCE.search(current):
        return False
    if current.endswith((",", "&")) or re.search(r"\b(?:and|or|of|the|with|in|to|for|a|an)$", current):
        return current_width >= 0.6 * right_edge  # a list or a phrase cut by the line end
    if re.search(rf"\b{_MONTH}\.?$", current, re.I) and re.match(r"(?:19|20)\d{2}\b", following):
        return True  # "... | Glenfield Park Hospital | Aug" / "2021 – Present": a date cut by the line end
    if re.search(r"(?:19|20)\d{2}\s*(?:[-–—]|to)$", current) and re.match(
        rf"(?:{_MONTH}\.?\s+)?(?:(?:19|20)\d{{2}}|present|current|now|date)\b", following, re.I
    ):
        return True  # "... | Sep 2019 –" / "Jul 2021": a date range cut by the line end
    words = following.split()
    listed = ", " in current and "," in following  # "..., Differentiated" / "Instruction, Mentoring"
    heading_like = any(w[:1].isalpha() for w in words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    if not listed and len(words) <= 4 and heading_like and not following.endswith("."):
        return False  # "Initech", "Software Engineer": a new heading-like line, not the rest of a sentence
    if indent > 0.25 * right_edge:
        return False  # a right-aligned or centred line (a page header, a date) reaches the edge without wrapping
    # A line that runs to the right edge was wrapped by the layout, not ended by its writer ("... – Feb" / "2017").
    return current_width >= 0.85 * right_edge and len(current.split()) >= 5


def _join(current: str, following: str) -> str:
    if re.search(r"[a-z]-$", current) and following[:1].islower():
        # "early-" + "career": modern producers break at real hyphens, so the hyphen stays.
        return current + following
    return f"{current} {following}"
