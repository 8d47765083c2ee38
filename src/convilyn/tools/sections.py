"""Split a document's text into headed sections.

Recognises markdown headings (``#``, setext underlines), bold-only lines,
ALL-CAPS lines, short lines ending with ``:`` ("Experience:") and the common
resume, job-posting and meeting-notes headings ("Work history", "Nice to have").
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.model import ToolModel
from convilyn.tools.text import is_bullet

KNOWN_HEADINGS = frozenset(
    """
    summary|professional summary|profile|professional profile|about me|objective|career objective|personal statement
    experience|work experience|professional experience|employment|employment history|work history|career history
    relevant experience|experience highlights|education|education and training|academic background|qualifications
    skills|technical skills|core skills|key skills|skills and tools|skills & tools|core competencies|competencies
    technologies|tools|tools and technologies|tech stack|languages|certifications|certificates|courses|training
    licenses and certifications|licenses & certifications|licences and certifications|licences & certifications
    licences|licenses|licensure|certifications and licences|certifications and licenses|registrations
    professional registration|memberships|professional memberships|accreditations|projects|personal projects|selected projects|publications
    awards|honors|honours|achievements|volunteering|volunteer experience|interests|hobbies|references|contact
    contact information|contact details|links|about us|about the company|who we are|our company|about the role
    the role|role overview|overview|job description|description|position summary|the opportunity|what you'll do
    what you will do|what you’ll do|responsibilities|key responsibilities|your responsibilities|duties|the job
    your role|your impact|in this role|requirements|minimum requirements|minimum qualifications|basic qualifications
    required qualifications|required skills|what you'll need|what you will need|what you bring|what we're looking for
    what we are looking for|who you are|you have|you are|must have|must haves|must-have|must-haves|nice to have
    nice to haves|nice-to-have|nice-to-haves|bonus|bonus points|preferred qualifications|preferred skills|preferred
    pluses|benefits|perks|perks and benefits|what we offer|compensation|salary|location|how to apply|agenda
    attendees|participants|present|notes|discussion|decisions|action items|actions|next steps|follow-ups|follow ups
    todo|to do|to-dos|todos|key points|background|introduction|conclusion|recommendations|findings|results
    """.replace("\n", "|").split("|")
) - {""}
KNOWN_HEADINGS = frozenset(h.strip() for h in KNOWN_HEADINGS)

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__):?$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_INLINE_LABEL = re.compile(r"^[*_]*([A-Za-z][A-Za-z '’&/-]{1,40}?)[*_]*:[*_]*\s+(\S.*)$")


class Section(ToolModel):
    """A heading and the text under it."""

    heading: str | None = Field(description="The heading; null for text before the first heading.")
    level: int = Field(description="1 for a top heading, larger for sub-headings, 0 for text before any heading.")
    text: str = Field(description="The section's text, without its heading.")


def heading_key(heading: str | None) -> str:
    """A heading lower-cased with punctuation trimmed, for comparing against known names."""
    if not heading:
        return ""
    key = heading.lower().replace("’", "'").strip(" :*_#\t")
    return re.sub(r"\s+", " ", key)


def heading_of(line: str, *, first_line: bool = False) -> tuple[str, int] | None:
    """The heading text and level if ``line`` is a heading on its own, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    if match := _MD_HEADING.match(stripped):
        return _clean(match.group(2)), len(match.group(1))
    if is_bullet(stripped) or "|" in stripped:
        return None
    if match := _BOLD_LINE.match(stripped):
        inner = match.group(1).strip()
        if len(inner.split()) <= 8:
            return _clean(inner), 2
    key = heading_key(stripped)
    if key in KNOWN_HEADINGS or _names_a_section(stripped):
        return _clean(stripped), 2
    word_count = len(stripped.split())
    has_digits = any(ch.isdigit() for ch in stripped)
    if (stripped.endswith(":") and word_count <= 5 and stripped[0].isupper() and not has_digits
            and not re.search(r"[.,;!?]", stripped[:-1])):
        return _clean(stripped), 3
    letters = [ch for ch in stripped if ch.isalpha()]
    if (
        not first_line
        and len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and word_count <= 6
        and not has_digits
        and not re.search(r"[.!?,@]", stripped.rstrip(":"))
    ):
        return _clean(stripped), 2
    return None


# Words that make a short plain line a section heading ("Professional Qualifications", "Licences and cards",
# "Relevant Projects"): a PDF has no heading markup, and a resume's sections are not all in KNOWN_HEADINGS.
_SECTION_NOUNS = frozenset(
    """qualifications licences licenses certifications certificates accreditations registrations memberships
    projects publications awards honours honors languages interests hobbies references achievements courses cards
    tickets""".split()  # not "education", "skills": "Patient Education", "Communication Skills" are list items
)
_NOT_SECTION_HEADS = frozenset(
    "manager coordinator officer director lead engineer assistant administrator analyst specialist consultant".split()
)


# "Clinical experience", "Teaching Experience": an experience section named for its kind ("Customer experience",
# a skills item, is not one).
_EXPERIENCE_KINDS = frozenset(
    """clinical teaching nursing research industry industrial placement placements sales management leadership
    volunteer voluntary previous other additional recent selected key career legal medical laboratory retail
    hospitality consulting engineering commercial military""".split()
)


def _names_a_section(line: str) -> bool:
    words = line.strip().rstrip(":").split()
    if not 1 <= len(words) <= 4 or not line[:1].isupper() or re.search(r"[\d.,;|@()]", line):
        return False
    lowered = [w.lower() for w in words]
    if len(words) == 2 and lowered[1] in ("experience", "history") and lowered[0] in _EXPERIENCE_KINDS:
        return True
    named = lowered[-1] in _SECTION_NOUNS or (len(words) > 2 and lowered[0] in _SECTION_NOUNS and lowered[1] in "and&/")
    title_case = all(w[:1].isupper() or w.lower() in _SMALL_WORDS or w in "&/" for w in words)
    sentence_case = all(w.islower() or w in "&/" for w in words[1:])
    return named and (title_case or sentence_case)


_SMALL_WORDS = frozenset({"and", "or", "the", "of", "to", "in", "for", "with", "a", "an", "on", "at"})
_ACRONYMS = frozenset(
    ["AI", "ML", "IT", "HR", "QA", "UX", "UI", "API", "APIS", "AWS", "GCP", "SQL", "CV", "PR", "USA", "UK", "EU", "KPI", "KPIS", "OKR", "OKRS", "CEO", "CTO", "CFO", "VP", "FAQ", "B2B", "B2C", "SAAS"]
)


def caps_to_title(text: str) -> str:
    """ALL-CAPS text in title case, acronyms kept ("SKILLS & AI" -> "Skills & AI"); other text unchanged."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) <= 4 or not all(ch.isupper() for ch in letters):
        return text
    return " ".join(
        word.lower() if index and word.lower() in _SMALL_WORDS
        else word if word in _ACRONYMS or "&" in word or "/" in word
        else word.capitalize()
        for index, word in enumerate(text.split())
    )  # fmt: skip


def _clean(heading: str) -> str:
    return caps_to_title(heading.strip().rstrip(":").strip("*_").rstrip(":").strip())


def extract_sections(text: str) -> list[Section]:
    """The sections of ``text`` in document order; text before the first heading has heading null."""
    lines = text.splitlines()
    sections: list[Section] = []
    heading: str | None = None
    level = 0
    body: list[str] = []
    seen_content = False

    def flush() -> None:
        content = "\n".join(body).strip()
        if heading is not None or content:
            sections.append(Section(heading=heading, level=level, text=content))

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        found: tuple[str, int] | None = None
        if stripped and _SETEXT.match(nxt) and not is_bullet(stripped) and len(stripped) <= 80:
            found = (_clean(stripped), 1 if nxt.startswith("=") else 2)
            i += 1
        elif stripped:
            found = heading_of(stripped, first_line=not seen_content)
        inline = _INLINE_LABEL.match(stripped) if not found and stripped else None
        if inline and heading_key(inline.group(1)) in KNOWN_HEADINGS:
            flush()  # "Skills: Python, SQL" is a heading with its text on the same line
            heading, level, body = _clean(inline.group(1)), 3, [inline.group(2)]
        elif found:
            flush()
            heading, level = found
            body = []
        elif not _SETEXT.match(stripped) or not stripped:
            body.append(line)
        if stripped:
            seen_content = True
        i += 1
    flush()
    return sections
