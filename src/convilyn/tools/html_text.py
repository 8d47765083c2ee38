"""HTML to readable text with the standard library: the page's main content, its structure kept.

Headings become markdown headings, list items become ``-`` bullets and table
rows become ``cell | cell`` lines, so the section splitter downstream sees the
same shapes it sees in Markdown and DOCX text.

A web page is mostly furniture around its content: navigation, cookie banners,
adverts, newsletter boxes, related stories, footers. The reader keeps the
content the page itself marks as main (``<main>``, ``<article>``,
``role="main"``) when it marks any, and always drops the elements HTML marks
as furniture (``nav``, ``aside``, ``form``, page-level ``header``/``footer``)
and those whose class or id names furniture (``cookie``, ``advert``,
``newsletter``, ``related``, ``share``...). Scoring text density as
readability does was not needed for pages this small and would pull in lxml
trees; the semantic markup every CMS emits carries the same signal.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "thead", "tfoot", "ul", "body", "html",
    }
)  # fmt: skip
_FURNITURE_TAGS = frozenset({"nav", "aside", "form", "dialog", "menu"})
_PAGE_FRAME_TAGS = frozenset({"header", "footer"})  # furniture at page level, a title or byline inside an article
_MAIN_TAGS = frozenset({"main", "article"})
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|banner|ad|ads|advert\w*|sponsor\w*|promo\w*|newsletter|subscribe\w*|signup"
    r"|sign-up|sidebar|side-bar|related|recommended|share|sharing|social|comments?|breadcrumbs?|menu|navbar|nav"
    r"|popup|modal|paywall|top-bar|topbar|footer|masthead|skip-link|feedback|helpful|rating|survey|pagination"
    r"|site-header|site-info|site-footer|widgets?|widget-area|author-box|author-bio|about-the-author|colophon"
    r"|copyright|archives?|tag-?cloud)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
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
        self._furniture: list[str] = []  # the tag of the furniture element being skipped, once per nesting level
        self._main_depth = 0
        self.main_lines: list[int] = []  # indexes into lines of text inside main content
        self._link_depth = 0
        self._links = 0  # links in the line being collected, and how much of its text they hold
        self._link_chars = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIPPED and tag not in _VOID:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if self._furniture:
            if tag == self._furniture[-1]:
                self._furniture.append(tag)
            return
        if tag not in _VOID and self._is_furniture(tag, dict(attrs)):
            self._break()
            self._furniture.append(tag)
            return
        if tag in _MAIN_TAGS or dict(attrs).get("role") == "main":
            self._break()
            self._main_depth += 1
        if tag == "a":
            self._link_depth += 1
            self._links += 1
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
        if self._furniture:
            if tag == self._furniture[-1]:
                self._furniture.pop()
            return
        if tag in _MAIN_TAGS and self._main_depth:
            self._break()
            self._main_depth -= 1
            return
        if tag == "a":
            self._link_depth = max(0, self._link_depth - 1)
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            cells = [c for c in self._row if c]
            if cells:
                if self._main_depth:
                    self.main_lines.append(len(self.lines))
                self.lines.append(" | ".join(cells))
            self._row = None
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
            self._break()
        elif tag in _BLOCKS or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li"):
            self._break()

    def _is_furniture(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _FURNITURE_TAGS or (tag in _PAGE_FRAME_TAGS and not self._main_depth):
            return True
        if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
            return True
        names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
        return bool(names) and bool(_FURNITURE_NAMES.search(names))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self.skip_depth or self._furniture:
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
        if self._link_depth:
            self._link_chars += len("".join(data.split()))
        self.current.append(data)

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text in ("-", "#", "##", "###", "####", "#####", "######"):
            self.current = [text + " "]  # a marker waiting for its text, as in <li><p>text</p></li>
            return
        links, link_chars = self._links, self._link_chars
        self._links = self._link_chars = 0
        if links >= 3 and not text.startswith(("- ", "#")) and link_chars >= 0.9 * len("".join(text.split())):
            text = ""  # "Home Catalogue Events Blog My account": a row of links is a menu, whatever its class
        if text:
            if self._main_depth:
                self.main_lines.append(len(self.lines))
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
    lines = collector.lines
    if collector.main_lines:  # the page marks its main content: the rest is the site around it
        lines = [lines[i] for i in collector.main_lines]
    paragraphs: list[str] = []
    for line in lines:
        # Headings and paragraphs read better with a blank line before them; list items stay together.
        if paragraphs and not (line.startswith("- ") and paragraphs[-1].startswith("- ")) and "|" not in line:
            paragraphs.append("")
        paragraphs.append(line)
    return "\n".join(paragraphs), collector.title
