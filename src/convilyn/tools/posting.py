"""Reading a job posting: employer, role, location, requirements, nice-to-haves and skills.

Works on sectioned postings ("About us", "What you'll do", "Requirements",
"Nice to have") and on prose ("Acme Corp is hiring a Staff Data Engineer to
... You have 5+ years of ... Experience with Rust is a plus.").
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.career_text import has_title_word, is_location, list_items, tidy_title, unique
from convilyn.tools.entities import find_organisations
from convilyn.tools.model import ToolModel
from convilyn.tools.posting_contact import EMPLOYMENT_TERMS, LABEL, WORK_MODE, posting_location, posting_recipient
from convilyn.tools.requirement_phrases import asked_phrases
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
    "what you'll be doing", "what you will be doing", "key tasks", "main tasks", "the work", "what the job involves",
)  # fmt: skip
_ABOUT_KEYS = ("about us", "about the company", "who we are", "our company", "company")
# Sections that describe the employer or the offer, not the candidate: "a clear path to leadership" asks for nothing.
_NOT_ASKING_KEYS = (
    "what we offer", "benefit", "perks", "why join", "why work", "how to apply", "apply", "salary", "compensation",
    "about us", "who we are", "our company", "equal opportunit", "diversity",
)  # fmt: skip

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
_EMPLOYER_LABEL = re.compile(LABEL.format(r"(?:company|employer|organi[sz]ation|hiring company)"), re.I | re.M)
_ROLE_LABEL = re.compile(LABEL.format(r"(?:job title|title|position|role|job)"), re.I | re.M)



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
    recipient: str | None = Field(
        default=None, description="The person the posting says to address an application to, e.g. 'Rachel Dunmore'."
    )
    recipient_title: str | None = Field(default=None, description="That person's job title, when the posting gives it.")


# "You will have", "Person specification", "Essential criteria": what the candidate brings, though "you will" leads.
_ASKING_HEADING = re.compile(
    r"\byou(?:'ll| will| should| must)?\s+(?:have|need|bring)\b|person spec|\bessential\b|\bcriteria\b", re.I
)
# "Essential" / "Desirable" on a line of their own: a person specification's two lists under one heading.
_LIST_LABEL = re.compile(
    r"^[*_]*(?P<label>essential|desirable|required|preferred|nice to have|bonus)(?:\s+(?:criteria|skills|"
    r"requirements|qualifications|experience))?[*_]*:?[*_]*$",
    re.I,
)


def _kind(section: Section) -> str | None:
    key = heading_key(section.heading)
    if not key:
        return None
    if _ASKING_HEADING.search(key) and not any(k in key for k in _NICE_KEYS):
        return "requirement"
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
    for section in _labelled_lists(sections):
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

    required_skills = unique(find_skills(_without_addresses("\n".join(requirements))))
    nice_skills = find_skills(_without_addresses("\n".join(nice)))
    for skill in find_skills(_without_addresses("\n".join(responsibilities))):
        if skill not in nice_skills and skill not in required_skills:
            required_skills.append(skill)
    asked = [s.text for s in sections if not any(k in heading_key(s.heading) for k in _NOT_ASKING_KEYS)]
    all_skills = find_skills(_without_addresses("\n\n".join(asked)))
    # What the lists ask for in words the vocabulary does not know ("Aseptic technique", "Shift coordination").
    required_skills += _new_phrases(requirements, required_skills + nice_skills)
    nice_skills += _new_phrases(nice, required_skills + nice_skills)
    all_skills = unique(all_skills + required_skills + nice_skills)
    if not requirements and not nice:
        required_skills = all_skills[:]
    employer, role = _employer_and_role(text, sections, about)
    recipient, recipient_title = posting_recipient(text)
    return JobPosting(
        recipient=recipient,
        recipient_title=recipient_title,
        employer=employer,
        role_title=role,
        location=posting_location(text, employer),
        requirements=unique(requirements),
        nice_to_haves=unique(nice),
        responsibilities=unique(responsibilities),
        skills=all_skills,
        required_skills=required_skills,
        nice_to_have_skills=[s for s in nice_skills if s not in required_skills],
    )


def _without_addresses(text: str) -> str:
    """``text`` without e-mail addresses and web addresses: "recruitment@wellstreet.example" names no skill."""
    return re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)


def _new_phrases(items: list[str], known: list[str]) -> list[str]:
    """Requirement phrases of ``items`` that name no vocabulary skill and none already found."""
    seen = {k.casefold() for k in known}
    return [p for p in asked_phrases(items) if not find_skills(p) and p.casefold() not in seen]


def _labelled_lists(sections: list[Section]) -> list[Section]:
    """``sections`` with each "Essential" / "Desirable" line inside a section starting a section of its own."""
    out: list[Section] = []
    for section in sections:
        heading, lines = section.heading, list[str]()
        for line in section.text.splitlines():
            if label := _LIST_LABEL.match(line.strip()):
                if any(ln.strip() for ln in lines):
                    out.append(Section(heading=heading, level=section.level, text="\n".join(lines)))
                heading, lines = label.group("label"), []
            else:
                lines.append(line)
        out.append(Section(heading=heading, level=section.level, text="\n".join(lines)))
    return out


def _clean_role(raw: str) -> str | None:
    role = _ROLE_STOP.sub("", raw.strip())
    role = re.sub(r"^(?:talented|experienced|passionate|motivated|new|great|an?|the)\s+", "", role, flags=re.I)
    role = role.strip(" !.")
    if not role or not has_title_word(role):
        return None
    return tidy_title(role if not role.islower() else role.title())


# "our Payments Platform team", "part of Commercial Banking", "the Cardiac Care Unit": a unit of the employer.
_UNIT_AFTER = (
    r"(?:team|teams|unit|department|dept|division|group|squad|tribe|ward|function|practice|office|desk|org|"
    r"organisation|organization|business|line|area|hub|centre|center|pod|crew|programme|program|service)\b"
)
_SITE_WORDS = re.compile(r"\s+(?:careers|jobs|vacancies|recruitment|hiring)$", re.I)
_COMPANY_VERBS = re.compile(
    rf"^(?:At\s+)?(?P<org>{_ORG})(?:,\s+(?:we|our)\b|\s+(?:is|are|was|builds|makes|helps|provides|offers|runs|"
    r"serves|operates|designs|develops|delivers|has been|employs|cares|educates|supports|supplies|sells|"
    r"manufactures|produces|distributes|has helped|has grown|works with)\b)"
)


def _employer_and_role(text: str, sections: list[Section], about: str) -> tuple[str | None, str | None]:
    """The hiring organisation and the advertised title, each decided from the evidence for it, or None.

    Candidates for the employer come from a "Company:" label, the header lines, a
    "X is hiring" sentence, an "About us" sentence with X as its subject and names
    with a company suffix; each collects points for that evidence and for being
    mentioned again, and loses them when the text uses it as a unit of the
    employer ("our Payments Platform team", "part of Commercial Banking"). The best
    one above a floor wins; with weak evidence the employer stays unknown rather than
    guessed. The role is the header line that reads as a title, without the
    employer, place or work mode the same line carries.
    """
    scores: dict[str, float] = {}
    spelling: dict[str, str] = {}

    def vote(raw: str | None, points: float) -> None:
        org = _clean_org(_SITE_WORDS.sub("", raw or ""))
        if not org or has_title_word(org) or is_location(org) or WORK_MODE.fullmatch(org) or EMPLOYMENT_TERMS.match(org):
            return
        if len(org.split()) > 6 or org[:1].islower():
            return
        key = org.casefold()
        spelling.setdefault(key, org)
        scores[key] = scores.get(key, 0.0) + points

    if labelled := _EMPLOYER_LABEL.search(text):
        vote(labelled.group("value"), 10)
    header = _header_lines(text)
    role = _clean_role(m.group("value")) if (m := _ROLE_LABEL.search(text)) else None
    for index, line in enumerate(header):
        line = re.sub(r"\s*\([^)]*\)", "", line)  # "Cardiff (hybrid, two days a week in our office)": an aside
        parts = [p.strip() for p in re.split(r"\s+at\s+(?=[A-Z])|\s+[|•·]\s+|\s+[-–—]\s+|,\s+", line) if p.strip()]
        if any(len(p.split()) > 7 or p.endswith(".") for p in parts):
            continue  # a sentence, not a header line
        for part in parts:
            if not has_title_word(part):
                vote(part, 3 if index < 3 else 1)
    if len(header) > 1 and has_title_word(header[0]) and _NAME_LINE.fullmatch(header[1]) and text.lstrip().startswith("#"):
        vote(header[1], 3)  # "# Operations Manager" over "Harrowgate Food Services": the employer under its role
    if hiring := _HIRING_RE.search(text):
        vote(hiring.group("org"), 5)
    for sentence in split_sentences(about)[:2] + split_sentences("\n".join(text.splitlines()[:12]))[:6]:
        if m := _COMPANY_VERBS.match(sentence.strip().strip("*_")):
            vote(m.group("org"), 4)
    for organisation in find_organisations("\n".join(text.splitlines()[:25])):
        vote(organisation, 2)
    for key in list(scores):
        name = re.escape(spelling[key])
        mentions = len(re.findall(rf"(?<!\w){name}(?!\w)", text, re.I))
        scores[key] += min(mentions, 3) * 0.5
        if _is_unit(spelling[key], text):
            scores[key] -= 10
    employer = None
    if scores:
        best = max(scores, key=lambda k: scores[k])
        employer = spelling[best] if scores[best] >= 3 else None

    if role is None:
        role = _header_role(header, employer, text)
    hiring_role = _clean_role(hiring.group("role")) if (hiring := _HIRING_RE.search(text)) else None
    if role is None or (hiring_role and role.casefold().startswith(hiring_role.casefold() + ",")):
        role = role if hiring_role is None else hiring_role  # "Nurse Manager, Emergency Services": prose says which
    if role is None and (after := _ROLE_AFTER_RE.search(text)):
        role = _clean_role(after.group("role"))
    return employer, role


_NAME_LINE = re.compile(r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?[A-Z][\w&.'’-]*){0,5}")


def _header_lines(text: str) -> list[str]:
    """The first few non-empty lines, markdown and bold markers removed: where a posting names itself."""
    lines = [re.sub(r"^(?:[#>\s]+|[-*•]\s+)", "", line).replace("**", "").replace("__", "").strip()
             for line in text.splitlines()]  # a facts list under the role ("- Somerset Vale Council") is header too
    return [line for line in lines if line][:4]


def _is_unit(name: str, text: str) -> bool:
    """Whether ``text`` uses ``name`` as a unit of the employer: "our X team", "the X Unit", "part of X"."""
    escaped = re.escape(name)
    return bool(
        re.search(rf"(?<!\w){escaped}(?:'s)?\s+{_UNIT_AFTER}", text, re.I)
        or re.search(rf"\b(?:part of|within|member of)\s+(?:the\s+|our\s+)?{escaped}(?!\w)", text, re.I)
    )


def _header_role(header: list[str], employer: str | None, text: str) -> str | None:
    """The first header line that reads as a job title, minus the employer, place, work mode and unit it carries.

    "Backend Engineer — Payments Platform" where the posting speaks of "our Payments
    Platform team" is the Backend Engineer role, in that team.
    """
    for line in header:
        parts = [p.strip() for p in re.split(r"\s+at\s+(?=[A-Z])|\s+[|•·]\s+", line) if p.strip()]
        if any(len(p.split()) > 9 or p.endswith(".") for p in parts):
            continue
        for part in parts:
            if employer and part.casefold() == employer.casefold():
                continue
            if not has_title_word(part) or is_location(part) or WORK_MODE.fullmatch(part):
                continue
            pieces = re.split(r",\s+|\s+[-–—]\s+", part)
            while len(pieces) > 1 and (
                (employer and pieces[-1].casefold() == employer.casefold()) or is_location(pieces[-1])
                or _is_unit(pieces[-1], text) or _UNIT_NAME.search(pieces[-1])
            ):
                pieces.pop()  # "Nurse Manager - Acme Health", "..., Berlin", "... - Payments Platform"
            kept = part[: part.index(pieces[-1]) + len(pieces[-1])] if len(pieces) > 1 else pieces[0]
            return tidy_title(kept)
    return None


def _clean_org(raw: str) -> str | None:
    org = re.sub(r"^(?:at|join|the team at)\s+", "", raw.strip(" .,:*_"), flags=re.I)
    if not org or org.lower() in {"we", "you", "our team", "the team", "us", "our company", "this role"}:
        return None
    if re.match(r"(?:our|your|their|this|these)\b", org, re.I) or _UNIT_NAME.search(org):
        return None  # "Our Chilled Division", "Assay Development Team": a unit of the employer, never the employer
    return org


# A name ending in a unit word ("Chilled Division", "Respiratory Unit") names a part of an organisation.
_UNIT_NAME = re.compile(r"\b(?:division|team|unit|department|dept|ward|directorate|squad|tribe)$", re.I)
