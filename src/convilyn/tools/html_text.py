"""HTML to readable text with the standard library: scripts and styles dropped, structure kept.

Headings become markdown headings, list items become ``-`` bullets and table
rows become ``cell | cell`` lines, so the section splitter downstream sees the
same shapes it sees in Markdown and DOCX text.
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "thead", "tfoot", "ul", "body", "html",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIPPED and tag not in _VOID:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "br":
            self._break()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._break()
            self.current.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            self._break()
            self.current.append("- ")
        elif tag == "tr":
            self._break()
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "pre":
            self._break()
            self._pre += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
            return
        if tag in _SKIPPED and tag not in _VOID:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            cells = [c for c in self._row if c]
            if cells:
                self.lines.append(" | ".join(cells))
            self._row = None
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
            self._break()
        elif tag in _BLOCKS or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li"):
            self._break()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self._cell is not None:
            self._cell.append(data)
            return
        if self._pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._break()
                self.current.append(part)
            return
        self.current.append(data)

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text in ("-", "#", "##", "###", "####", "#####", "######"):
            self.current = [text + " "]  # a marker waiting for its text, as in <li><p>text</p></li>
            return
        if text:
            self.lines.append(text)
        self.current = []

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(html: str) -> tuple[str, str | None]:
    """The readable text of an HTML document and its ``<title>``, if any."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    paragraphs: list[str] = []
    for line in collector.lines:
        # Headings and paragraphs read better with a blank line before them; list items stay together.
        if paragraphs and not (line.startswith("- ") and paragraphs[-1].startswith("- ")) and "|" not in line:
            paragraphs.append("")
        paragraphs.append(line)
    return "\n".join(paragraphs), collector.title
