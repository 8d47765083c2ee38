"""Reading a resume's text: contact details, job titles, skills and work experience.

Handles one-column resumes with headed sections and the common experience
layouts: "Title | Company | 2019–Present", "Title, Company" over a date line,
"Company" over "Title" over dates, and "Title at Company (2019 - 2021)".
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.career_text import (
    DATE_RANGE_RE,
    HEADER_SPLIT_RE,
    has_title_word,
    is_location,
    skill_items,
    tidy_title,
    unique,
)
from convilyn.tools.entities import ORG_RE, find_emails, find_phones, find_urls
from convilyn.tools.model import ToolModel
from convilyn.tools.resume_header import contact_place, name_and_headline, title_of_headline, uk_phones
from convilyn.tools.sections import KNOWN_HEADINGS, Section, extract_sections, heading_key
from convilyn.tools.skills import find_skills
from convilyn.tools.text import is_bullet, strip_bullet

_SKILL_HEADINGS = ("skill", "competenc", "technolog", "tools", "tech stack", "expertise", "proficienc", "programming")
_EXPERIENCE_HEADINGS = (
    "experience", "employment", "work history", "career history", "positions", "professional history",
)  # fmt: skip
_EDUCATION_HEADINGS = ("education", "academic", "qualification", "degree")
# "Professional Qualifications" (FCCA, chartered status) are credentials, carried over like licences, not education.
_CREDENTIAL_QUALIFICATIONS = ("professional qualif", "professional membership", "chartered", "registration", "licen",
                              "certif")  # fmt: skip
_SUMMARY_HEADINGS = ("summary", "profile", "about me", "objective", "personal statement")
_DEGREE = re.compile(
    r"\b(?:B\.?A|B\.?Sc|BEng|B\.?S|BEd|LLB|M\.?Sc|M\.?A|MEng|MBA|MPhil|M\.?Res|Ph\.?D|DPhil|Bachelor|Master|"
    r"Doctor(?:ate)?|Degree|Diploma|Associate of|A[- ]levels?|GCSEs?|PGCE|HND|HNC|High School)\b",
)
_ONGOING = frozenset({"present", "current", "now", "today", "ongoing", "date"})


class ExperienceEntry(ToolModel):
    """One position held."""

    title: str | None = Field(description="The job title, e.g. 'Senior Software Engineer'.")
    organisation: str | None = Field(description="The employer.")
    dates: str | None = Field(description="The period as written, e.g. 'Jan 2019 – Present'.")
    start: str | None = Field(default=None, description="Start year (YYYY) or month (YYYY-MM).")
    end: str | None = Field(default=None, description="End year or month; null while current.")
    current: bool = Field(default=False, description="True if the position is ongoing.")
    highlights: list[str] = Field(default_factory=list, description="Achievements and duties listed for it.")


# Sections a tailored resume carries over as written: what a posting may require and a reader checks for.
_KEPT_HEADINGS = (
    "certif", "licen", "registration", "accredit", "project", "award", "honour", "honor", "publication",
    "volunteer", "membership", "training", "course", "achievement", "patent", "presentation", "clinical placement",
    "professional qualif", "language", "cards", "tickets",
)  # fmt: skip
_SECTION_WORDS = (
    _SKILL_HEADINGS + _EXPERIENCE_HEADINGS + _EDUCATION_HEADINGS + _SUMMARY_HEADINGS + _KEPT_HEADINGS
    + ("interest", "hobb", "reference", "contact")
)  # fmt: skip


class ResumeSection(ToolModel):
    """A section of the resume besides contact, summary, skills, experience and education."""

    heading: str = Field(description="The section's heading as written, e.g. 'Licences and Certifications'.")
    lines: list[str] = Field(default_factory=list, description="Its lines, bullets removed, wrapped lines joined.")


class ResumeProfile(ToolModel):
    """What a resume says about its author."""

    name: str | None = Field(default=None, description="The candidate's name.")
    email: str | None = None
    phone: str | None = None
    links: list[str] = Field(default_factory=list, description="Profile and portfolio URLs.")
    headline: str | None = Field(default=None, description="The line under the name, e.g. 'Senior Data Engineer'.")
    titles: list[str] = Field(default_factory=list, description="Job titles held, most recent first.")
    skills: list[str] = Field(default_factory=list, description="Skills, canonical names where known.")
    experience: list[ExperienceEntry] = Field(default_factory=list, description="Positions, most recent first.")
    education: list[str] = Field(default_factory=list, description="Lines of the education section.")
    summary: str | None = Field(default=None, description="The resume's own summary or profile paragraph.")
    sections: list[ResumeSection] = Field(
        default_factory=list, description="Licences, certifications, projects, awards and similar sections, as written."
    )
    location: str | None = Field(default=None, description="Where the candidate is, as the contact line gives it "
                                 "('Edinburgh EH6', 'Leicester').")
    skill_words: dict[str, str] = Field(
        default_factory=dict, description="How the skills list writes a skill it names by another name: "
        "{'Public Speaking': 'Presenting to non-specialists'}."
    )

    def own_words(self, skills: list[str]) -> list[str]:
        """``skills`` as the resume writes them (a listed "Coaching", not the vocabulary's "Mentoring")."""
        return unique([self.skill_words.get(s, s) for s in skills])


# Headings that name the experience section in one word or two ("Career", "My career"); "Career objective" does not.
_EXPERIENCE_EXACT = frozenset({"career", "my career", "career so far", "roles", "work", "jobs", "employment record"})


def _find_section(sections: list[Section], keys: tuple[str, ...]) -> list[Section]:
    """Sections whose heading contains one of ``keys``, each with the unknown "headings" after it folded in.

    A bold or ALL-CAPS company name inside an experience section ("**Hooli**",
    "ACME CORP") looks like a heading to the splitter; it is part of the section.
    """
    found: list[Section] = []
    for index, section in enumerate(sections):
        key = heading_key(section.heading)
        exact = keys is _EXPERIENCE_HEADINGS and key in _EXPERIENCE_EXACT
        if not section.heading or not (exact or any(k in key for k in keys)):
            continue
        if keys is not _KEPT_HEADINGS and _is_credentials(section.heading):
            continue
        parts = [section.text]
        for following in sections[index + 1 :]:
            if _is_section_heading(following, section):
                break
            parts.append(f"{following.heading}\n{following.text}")
        found.append(Section(heading=section.heading, level=section.level, text="\n".join(parts)))
    return found


def _is_section_heading(following: Section, current: Section) -> bool:
    """Whether ``following`` starts a new section of the resume rather than continuing ``current``.

    A known heading or one naming a resume section ("Licences and cards", "Professional
    Qualifications") does; so does a top-level heading after a top-level section. A company
    name in bold or capitals under "Experience" does not.
    """
    if following.level > current.level:
        return False  # a sub-heading: "Languages: Python, Go" under "SKILLS", "### Acme" under "## Experience"
    key = heading_key(following.heading)
    if key in KNOWN_HEADINGS or any(word in key for word in _SECTION_WORDS):
        return True
    return current.level == 1 and following.level == 1


def _positions_anywhere(sections: list[Section]) -> list[ExperienceEntry]:
    """Positions (a job title with dates) in sections that are not education, skills, a summary or a kept section:
    roles written as headings ("## Head Chef — The Shore Kitchen (2020 – present)") under a heading the parser
    does not know."""
    other = _EDUCATION_HEADINGS + _SKILL_HEADINGS + _SUMMARY_HEADINGS + _KEPT_HEADINGS
    found: list[ExperienceEntry] = []
    for section in sections:
        if any(k in heading_key(section.heading) for k in other):
            continue
        text = f"{section.heading}\n{section.text}" if section.heading else section.text
        found += [e for e in parse_experience(text) if e.dates and e.title and has_title_word(e.title)]
    return found


def _lists_credentials(section: Section) -> bool:
    """A "Qualifications" section of certificates and licences (NEBOSH, IOSH), not of degrees: kept under its own
    heading rather than folded into education."""
    key = heading_key(section.heading)
    if "qualif" not in key or any(k in key for k in ("education", "academic", "degree")):
        return False
    lines = [line for line in section.text.splitlines() if line.strip()]
    return bool(lines) and sum(1 for line in lines if _DEGREE.search(line)) * 2 < len(lines)


def _is_credentials(heading: str | None) -> bool:
    key = heading_key(heading)
    return any(word in key for word in _CREDENTIAL_QUALIFICATIONS)


def parse_resume(text: str) -> ResumeProfile:
    """The structured profile in a resume's ``text``."""
    sections = extract_sections(text)
    name, headline = name_and_headline(text)
    experience_sections = _find_section(sections, _EXPERIENCE_HEADINGS)
    experience = [e for s in experience_sections for e in parse_experience(s.text)]
    if not experience:
        experience = _positions_anywhere(sections)  # a position is never dropped for an unusual heading
    experience.sort(key=_recency, reverse=True)

    skill_text = "\n".join(s.text for s in _find_section(sections, _SKILL_HEADINGS))
    searchable = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)
    for section in _find_section(sections, _EDUCATION_HEADINGS):
        for line in section.text.splitlines():
            if _DEGREE.search(line):  # "BA Economics" claims a degree, not a skill; a certificate names one
                searchable = searchable.replace(line, " ")
    for organisation in {e.organisation for e in experience if e.organisation}:
        # "Acme Robotics" is an employer, not a skill.
        searchable = re.sub(re.escape(organisation), " ", searchable, flags=re.IGNORECASE)
    written: dict[str, str] = {}
    skills = unique(skill_items(skill_text, written) + find_skills(searchable))

    # Current positions first, then the headline under the name, then earlier positions.
    titles = [e.title for e in experience if e.title and e.current]
    if headline_title := title_of_headline(headline):
        titles.append(headline_title)
    titles += [e.title for e in experience if e.title and not e.current]
    emails = find_emails(text)
    phones = find_phones(text) or uk_phones(text)
    summary_sections = _find_section(sections, _SUMMARY_HEADINGS)
    education = [
        strip_bullet(line) for s in _find_section(sections, _EDUCATION_HEADINGS) if not _lists_credentials(s)
        for line in s.text.splitlines() if line.strip()
    ]  # fmt: skip
    return ResumeProfile(
        name=name,
        email=emails[0] if emails else None,
        phone=phones[0] if phones else None,
        links=find_urls(text),
        headline=headline,
        titles=unique(titles),
        skills=skills,
        experience=experience,
        education=education,
        summary=" ".join(summary_sections[0].text.split()) if summary_sections else None,
        sections=_kept_sections(sections),
        skill_words=written,
        location=contact_place(text, name),
    )


def _kept_sections(sections: list[Section]) -> list[ResumeSection]:
    kept = []
    for section in sections:
        key = heading_key(section.heading)
        if not section.heading:
            continue
        other = any(k in key for k in _EDUCATION_HEADINGS + _EXPERIENCE_HEADINGS + _SKILL_HEADINGS + _SUMMARY_HEADINGS)
        if _is_credentials(section.heading) or _lists_credentials(section) or (
            not other and any(k in key for k in _KEPT_HEADINGS)
        ):
            lines = [strip_bullet(line).strip() for line in section.text.splitlines() if line.strip()]
            if lines:
                kept.append(ResumeSection(heading=section.heading, lines=lines))
    return kept


def _recency(entry: ExperienceEntry) -> tuple[int, str, str]:
    return (1 if entry.current else 0, entry.end or "", entry.start or "")


def parse_experience(text: str) -> list[ExperienceEntry]:
    """The positions described in an experience section, in the order written."""
    entries: list[ExperienceEntry] = []
    header: list[str] = []
    highlights: list[str] = []

    def flush() -> None:
        if header or highlights:
            entries.append(_entry_from(header, highlights))

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_bullet(line):
            highlights.append(strip_bullet(line))
            continue
        has_dates = bool(DATE_RANGE_RE.search(line))
        if highlights and not has_dates and _continues(highlights[-1], line):
            highlights[-1] = f"{highlights[-1]} {line}"
            continue
        if not has_dates and (highlights or _header_complete(header) or len(line.split()) > 10) and _is_prose(line):
            highlights.append(line)  # a prose description instead of bullets
            continue
        if highlights or (header and _header_complete(header) and (has_dates or has_title_word(line))):
            flush()
            header, highlights = [], []
        header.append(line)
    flush()
    return [e for e in entries if (e.title and has_title_word(e.title)) or e.dates or e.highlights]


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return words > 10 or (words >= 5 and line.endswith((".", "!")))


def _continues(previous: str, line: str) -> bool:
    return line[:1].islower() or previous.rstrip().endswith((",", "-", "–", "and", "&"))


def _header_complete(header: list[str]) -> bool:
    joined = " ".join(header)
    return bool(DATE_RANGE_RE.search(joined)) and has_title_word(re.sub(DATE_RANGE_RE, " ", joined))


_UNIT_NAME = re.compile(
    r"\b(?:unit|ward|department|dept|team|division|floor|wing|squad|desk|practice area)$", re.IGNORECASE
)


def _entry_from(header: list[str], highlights: list[str]) -> ExperienceEntry:
    dates = start = end = None
    current = False
    parts: list[str] = []
    for line in header:
        line = line.replace("**", "").replace("__", "")  # "**UX Design Intern**, Northstar Digital": bold is no part
        match = DATE_RANGE_RE.search(line)
        if match and dates is None:
            dates = " ".join(match.group().strip(" ()[]").split())
            begin = match.group("start") or match.group("since") or match.group("single")
            finish = match.group("end")
            start = _month_key(begin)
            current = bool(match.group("since")) or (finish or "").lower() in _ONGOING
            end = None if current else _month_key(finish or begin)
            line = line[: match.start()] + " | " + line[match.end() :]
        line = re.sub(r"\(([^()]*)\)", _bracket_part, line)  # "Initrode GmbH (Munich)": the place is a part
        for part in HEADER_SPLIT_RE.split(line):
            part = part.strip(" ,|;:-–—")
            part = part if part.endswith(")") and "(" in part else part.strip("()")  # "Staff Nurse (Band 5)"
            if part:
                parts.extend(_split_comma_part(part))
    title = next((p for p in parts if has_title_word(p)), None)
    rest = [p for p in parts if p != title and not is_location(p)]
    if title is None and rest:
        title, rest = rest[0], rest[1:]
    # "Staff Nurse, Cardiac Step-Down Unit | Beacon Hill Hospital": the unit is where in the employer, not the employer
    employers = [p for p in rest if ORG_RE.search(p)] or [p for p in rest if not _UNIT_NAME.search(p)]
    organisation = (employers or rest or [""])[0] or None
    return ExperienceEntry(
        title=tidy_title(title) if title else None,
        organisation=tidy_title(organisation) if organisation else None,
        dates=dates,
        start=start,
        end=end,
        current=current,
        highlights=[h for h in highlights if h],
    )


def _bracket_part(match: re.Match[str]) -> str:
    """A bracket in a position's header as a part of its own, unless it qualifies a title ("Staff Nurse (Band 5)")."""
    before = re.split(r"\s[|–—-]\s|,\s", match.string[: match.start()])[-1]
    return match.group() if has_title_word(before) else f" | {match.group(1)} | "


def _split_comma_part(part: str) -> list[str]:
    """ "Senior Engineer, Acme Corp" is two parts; "Berlin, Germany" is one."""
    if "," not in part or is_location(part):
        return [part]
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    for size in (2, 1):  # "ACME CORPORATION, San Francisco, CA": the organisation, then its place
        if len(pieces) > size and is_location(", ".join(pieces[-size:])) and not has_title_word(pieces[0]):
            return [", ".join(pieces[:-size]), ", ".join(pieces[-size:])]
    if any(has_title_word(p) for p in pieces):
        out: list[str] = []
        for piece in pieces:
            if out and is_location(f"{out[-1]}, {piece}") and not has_title_word(out[-1]):
                out[-1] = f"{out[-1]}, {piece}"
            else:
                out.append(piece)
        return out
    return [part]


_MONTH_NUMBERS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _month_key(point: str | None) -> str | None:
    if not point:
        return None
    year = re.search(r"(?:19|20)\d{2}", point)
    if not year:
        return None
    month_name = re.match(r"([a-z]{3})", point.strip().lower())
    if month_name and month_name.group(1) in _MONTH_NUMBERS:
        return f"{year.group()}-{_MONTH_NUMBERS[month_name.group(1)]:02d}"
    numeric = re.match(r"(\d{1,2})[/.](?:19|20)\d{2}", point.strip())
    if numeric and 1 <= int(numeric.group(1)) <= 12:
        return f"{year.group()}-{int(numeric.group(1)):02d}"
    return year.group()
