"""Reading a job posting: employer, role, location, requirements, nice-to-haves and skills.

Works on sectioned postings ("About us", "What you'll do", "Requirements",
"Nice to have") and on prose ("Acme Corp is hiring a Staff Data Engineer to
... You have 5+ years of ... Experience with Rust is a plus.").
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.career_text import HEADER_SPLIT_RE, has_title_word, is_location, list_items, tidy_title, unique
from convilyn.tools.entities import find_organisations
from convilyn.tools.model import ToolModel
from convilyn.tools.sections import Section, extract_sections, heading_key
from convilyn.tools.skills import find_skills
from convilyn.tools.text import split_sentences

_NICE_KEYS = ("nice", "bonus", "preferred", "plus", "ideally", "would be great", "desirable", "optional")
_REQUIREMENT_KEYS = (
    "requirement", "qualification", "what you'll need", "what you will need", "what you bring", "looking for",
    "who you are", "you have", "you are", "must", "skills", "about you", "experience", "you'll bring", "needed",
)  # fmt: skip
_RESPONSIBILITY_KEYS = (
    "what you'll do", "what you will do", "responsibilit", "duties", "the role", "your role", "your impact",
    "in this role", "day to day", "day-to-day", "you will", "what you'll work on", "the job", "mission",
)  # fmt: skip
_ABOUT_KEYS = ("about us", "about the company", "who we are", "our company", "company")

_NICE_SENTENCE = re.compile(
    r"\b(?:nice[- ]to[- ]have|bonus|a plus|is a plus|are a plus|preferred|ideally|would be great|desirable)\b", re.I
)
_REQUIREMENT_SENTENCE = re.compile(
    r"\b(?:you have|you've|you'll have|you will have|you'll need|you need|you bring|must have|must be|required"
    r"|requires?|experience (?:with|in|building|designing|leading)|\d+\+?\s*(?:years|yrs)|proficien\w*"
    r"|degree in|background in|familiar(?:ity)? with|knowledge of|expertise in|fluent|strong\b.*\bskills"
    r"|looking for someone|comfortable with)\b",
    re.I,
)
_RESPONSIBILITY_SENTENCE = re.compile(
    r"\b(?:you will|you'll|responsible for|your role|in this role|day[- ]to[- ]day)\b", re.I
)
_ORG = r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&.'’-]*){0,4}"
_HIRING_RE = re.compile(
    rf"(?P<org>{_ORG})[ \t]+(?:is|are)\s+(?:currently\s+)?(?:hiring|looking for|seeking|searching for|recruiting)\s+"
    r"(?:an?\s+|the\s+|our\s+(?:next|first|new)\s+)?(?P<role>[^.,;:\n]+)"
)
_ROLE_AFTER_RE = re.compile(
    r"(?:hiring|looking for|seeking|searching for|recruiting|join (?:us|our team|the team) as)\s+"
    r"(?:an?\s+|the\s+|our\s+(?:next|first|new)\s+)?(?P<role>[^.,;:\n]+)",
    re.I,
)
_ROLE_STOP = re.compile(
    r"\s+(?:to|in|who|with|for|based|that|on|at|and help|responsible|working|located|(?:\()|\bjoin)\b.*$", re.I
)
_LABEL = r"^\s*[*_]*{}[*_]*\s*[:\-–]\s*[*_]*(?P<value>.+?)[*_]*\s*$"
_EMPLOYER_LABEL = re.compile(_LABEL.format(r"(?:company|employer|organi[sz]ation|hiring company)"), re.I | re.M)
_ROLE_LABEL = re.compile(_LABEL.format(r"(?:job title|title|position|role|job)"), re.I | re.M)
_LOCATION_LABEL = re.compile(_LABEL.format(r"(?:location|based in|office|where)"), re.I | re.M)
_LOCATION_PROSE = re.compile(
    r"\b(?:based in|located in|in our|from our|office in|offices in)\s+"
    r"(?P<loc>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?(?:,\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)?)"
)
_REMOTE = re.compile(r"\b(?:fully\s+)?(remote|hybrid|on-?site)\b", re.I)


class JobPosting(ToolModel):
    """What a job posting asks for."""

    employer: str | None = Field(default=None, description="The hiring organisation.")
    role_title: str | None = Field(default=None, description="The advertised job title.")
    location: str | None = Field(default=None, description="Where the job is, including Remote/Hybrid.")
    requirements: list[str] = Field(default_factory=list, description="What a candidate must have.")
    nice_to_haves: list[str] = Field(default_factory=list, description="What would help but is not required.")
    responsibilities: list[str] = Field(default_factory=list, description="What the person will do.")
    skills: list[str] = Field(default_factory=list, description="Every skill the posting mentions.")
    required_skills: list[str] = Field(default_factory=list, description="Skills asked for as requirements.")
    nice_to_have_skills: list[str] = Field(default_factory=list, description="Skills listed only as nice to have.")


def _kind(section: Section) -> str | None:
    key = heading_key(section.heading)
    if not key:
        return None
    for kind, keys in (
        ("nice", _NICE_KEYS),
        ("responsibility", _RESPONSIBILITY_KEYS),
        ("requirement", _REQUIREMENT_KEYS),
        ("about", _ABOUT_KEYS),
    ):
        if any(k in key for k in keys):
            return kind
    return None


def parse_job_posting(text: str) -> JobPosting:
    """The structured content of a job posting's ``text``."""
    text = text.replace("’", "'")
    sections = extract_sections(text)
    requirements: list[str] = []
    nice: list[str] = []
    responsibilities: list[str] = []
    about = ""
    prose: list[str] = []
    for section in sections:
        kind = _kind(section)
        items = list_items(section.text)
        if kind == "nice":
            nice += items
        elif kind == "requirement":
            for item in items:  # a requirements list often ends with "X is a plus"
                (nice if _NICE_SENTENCE.search(item) else requirements).append(item)
        elif kind == "responsibility":
            responsibilities += items
        else:
            if kind == "about":
                about = about or section.text
            prose.append(section.text)
    for sentence in split_sentences("\n\n".join(prose)):
        if _NICE_SENTENCE.search(sentence):
            nice.append(sentence)
        elif _REQUIREMENT_SENTENCE.search(sentence):
            requirements.append(sentence)
        elif _RESPONSIBILITY_SENTENCE.search(sentence) and not _HIRING_RE.search(sentence):
            responsibilities.append(sentence)

    required_skills = unique(find_skills("\n".join(requirements)))
    nice_skills = find_skills("\n".join(nice))
    for skill in find_skills("\n".join(responsibilities)):
        if skill not in nice_skills and skill not in required_skills:
            required_skills.append(skill)
    all_skills = find_skills(text)
    if not requirements and not nice:
        required_skills = all_skills[:]
    employer, role = _employer_and_role(text, sections, about)
    return JobPosting(
        employer=employer,
        role_title=role,
        location=_location(text),
        requirements=unique(requirements),
        nice_to_haves=unique(nice),
        responsibilities=unique(responsibilities),
        skills=all_skills,
        required_skills=required_skills,
        nice_to_have_skills=[s for s in nice_skills if s not in required_skills],
    )


def _clean_role(raw: str) -> str | None:
    role = _ROLE_STOP.sub("", raw.strip())
    role = re.sub(r"^(?:talented|experienced|passionate|motivated|new|great|an?|the)\s+", "", role, flags=re.I)
    role = role.strip(" !.")
    if not role or not has_title_word(role):
        return None
    return tidy_title(role if not role.islower() else role.title())


def _employer_and_role(text: str, sections: list[Section], about: str) -> tuple[str | None, str | None]:
    employer = _clean_org(m.group("value")) if (m := _EMPLOYER_LABEL.search(text)) else None
    role = _clean_role(m.group("value")) if (m := _ROLE_LABEL.search(text)) else None
    first_lines = [line.strip().strip("#*_ ") for line in text.splitlines() if line.strip()][:3]
    comma_guess = False
    for line in first_lines:  # "Staff Data Engineer at Acme", "Acme — Staff Data Engineer — Berlin"
        parts = [p.strip() for p in re.split(r"\s+at\s+(?=[A-Z])|\s+[|•·]\s+|\s+[-–—]\s+|,\s+", line) if p.strip()]
        if any(len(p.split()) > 6 or p.endswith(".") for p in parts):
            continue  # a sentence, not a title line
        titled = [p for p in parts if has_title_word(p)]
        if titled and role is None:
            role = _clean_role(titled[0])
        if titled and employer is None:
            others = [p for p in parts if p not in titled and not is_location(p) and not _REMOTE.fullmatch(p)]
            if others:
                employer = _clean_org(others[0])
                # "Nurse Manager, Emergency Services": after a bare comma it may be a department, not the employer
                comma_guess = not re.search(r"\s+at\s+(?=[A-Z])|\s+[|•·]\s+|\s+[-–—]\s+", line)
    if hiring := _HIRING_RE.search(text):
        hiring_org = _clean_org(hiring.group("org"))
        employer = hiring_org if comma_guess and hiring_org else employer or hiring_org
        role = role or _clean_role(hiring.group("role"))
    if role is None and (after := _ROLE_AFTER_RE.search(text)):
        role = _clean_role(after.group("role"))
    if employer is None and about:
        first = split_sentences(about)[:1]
        if first and (m := re.match(rf"(?:At\s+)?(?P<org>{_ORG})(?:,|\s+(?:is|are|was|builds|makes|helps))", first[0])):
            employer = _clean_org(m.group("org"))
    if employer is None:
        organisations = find_organisations(about or "\n".join(text.splitlines()[:15]))
        employer = organisations[0] if organisations else None
    return employer, role


def _clean_org(raw: str) -> str | None:
    org = re.sub(r"^(?:at|join|the team at)\s+", "", raw.strip(" .,:*_"), flags=re.I)
    if not org or org.lower() in {"we", "you", "our team", "the team", "us", "our company", "this role"}:
        return None
    return org


def _location(text: str) -> str | None:
    if labelled := _LOCATION_LABEL.search(text):
        return labelled.group("value").strip()
    for line in [ln.strip().strip("#*_ ") for ln in text.splitlines() if ln.strip()][:4]:
        for part in HEADER_SPLIT_RE.split(line):
            if is_location(part.strip()) and not has_title_word(part):
                return part.strip()
    place = m.group("loc") if (m := _LOCATION_PROSE.search(text)) else None
    remote = _REMOTE.search(text)
    mode = remote.group(1).capitalize() if remote else None
    if place and mode:
        return f"{place} ({mode})"
    return place or mode
