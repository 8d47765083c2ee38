"""The title a reader gives a document, decided in one place for every workflow.

A memo titled "MEMORANDUM" is about its subject line; minutes headed
"Minutes" are about the meeting they record; a PDF whose metadata says
"Microsoft Word - draft3.docx" is not titled that. The order of evidence:
a declared title that is not a generic word or a file name, a "Subject:"/"Re:"
line, the first heading or short first line that is not generic, then the file
name without its extension.
"""

from __future__ import annotations

from pathlib import PurePath

import regex as re  # \p{Lu}: a body's name in any alphabet

_GENERIC = frozenset(
    {
        "memo", "memorandum", "internal memo", "minutes", "meeting minutes", "notes", "meeting notes", "report",
        "draft", "document", "untitled", "untitled document", "title page", "confidential", "internal", "agenda",
        "summary", "executive summary", "resume", "résumé", "cv", "curriculum vitae", "cover letter", "letter",
        "transcript", "job description", "job posting", "vacancy", "careers", "home", "post-incident review",
        "post incident review", "incident review", "incident report", "post-mortem", "postmortem", "post mortem",
        "review", "proposal", "briefing", "briefing note", "brief", "update", "status update", "status report",
        "business case", "discussion paper", "board paper", "paper",
    }
)
_SUBJECT = re.compile(
    r"^\s*[*_]*(?:subject|re|regarding|topic|title|incident|project|matter|proposal)[*_]*\s*:\s*[*_]*(?P<value>.+?)[*_]*\s*$",
    re.I | re.M,
)
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fw|fwd|aw|wg|tr|sv)\s*:\s*)+", re.I)
# A title naming only a kind of meeting, which the next line says whose it is.
_MEETING_KIND = re.compile(
    r"(?:(?:annual|general|extraordinary|monthly|weekly|quarterly|board|committee|trustees'?|governors'?|directors'?"
    r"|management|steering|staff|team|members'?|council|meeting|minutes|notes|of|the|agm)\s*)+",
    re.I,
)
_BODY_NAME = re.compile(r"(?:\p{Lu}[\w'’.&-]*|of|and|&|the|for)(?:\s+(?:\p{Lu}[\w'’.&-]*|of|and|&|the|for)){1,6}")
_FILE_NAME_LIKE = re.compile(r"\.(?:docx?|pdf|txt|md|html?|rtf|odt)\b|^microsoft word\b|^untitled", re.I)


def _is_generic(title: str) -> bool:
    key = re.sub(r"[^\w\s'’-]", " ", title).casefold()
    key = " ".join(key.split())
    return not key or key in _GENERIC or bool(_FILE_NAME_LIKE.search(title))


def _clean(line: str) -> str:
    return " ".join(re.sub(r"^[#>*_\s]+|[*_\s]+$", "", line).split())


_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[/–-]\s*(?:19|20)?\d\d)?")


def document_title(text: str, declared: str | None, filename: str) -> str:
    """The document's title as a reader would give it (never empty)."""
    first_heading = next((_clean(line) for line in text.splitlines()[:8] if line.lstrip().startswith("#")), "")
    if declared and not _is_generic(declared):
        if first_heading and re.search(r"\s[|·–—-]\s", declared) and not _is_generic(first_heading):
            return first_heading  # "Story title | Site name": the page's own heading, without the site
        return " ".join(declared.split())
    if subject := _SUBJECT.search("\n".join(text.splitlines()[:15])):
        value = _REPLY_PREFIX.sub("", _clean(subject.group("value")))  # "RE: Team offsite": the thread's subject
        if value and not _is_generic(value):
            kind = _clean(next((line for line in text.splitlines()[:3] if line.strip()), ""))
            if value[:1].islower() and _is_generic(kind) and len(kind) <= 40:
                # "POST-INCIDENT REVIEW" over "Incident: card payments failing": the kind, then its subject
                return f"{kind[:1].upper()}{kind[1:].lower()}: {value}"
            return value
    lines = [line for line in text.splitlines() if line.strip()][:6]
    for index, line in enumerate(lines):
        cleaned = _clean(line)
        heading = line.lstrip().startswith("#")
        short = len(cleaned) <= 90 and not cleaned.endswith((".", ":", ",", ";")) and "@" not in cleaned
        if (heading or short) and not _is_generic(cleaned) and not re.match(r"^[\w ]{1,20}:", cleaned):
            body = _clean(lines[index + 1]) if index + 1 < len(lines) else ""
            if _MEETING_KIND.fullmatch(cleaned) and _BODY_NAME.fullmatch(body):
                return f"{body}: {cleaned}"  # "Board Meeting Minutes" over "Kestrel Valley Rowing Club"
            if body.startswith(cleaned + " ") and len(body) <= 90 and not body.endswith("."):
                # "Riverside Food Bank" (a header) over "Riverside Food Bank — Annual Impact Report": the fuller line
                index, cleaned = index + 1, body
                body = _clean(lines[index + 1]) if index + 1 < len(lines) else ""
            if _YEARS.fullmatch(body):
                return f"{cleaned} {body}"  # a title wrapped before its year: "... Impact Report" / "2025/26"
            return cleaned
        if not heading and not short:
            break  # running text: the document has no title line
    stem = PurePath(filename).stem
    return " ".join(re.sub(r"[_-]+", " ", stem).split()) or filename
