"""The resume tailored to a posting: every fact from the resume, the matching skills and work first, fitted to length.

Nothing a reader of the posting looks for is dropped: every position keeps its
title, employer and dates; the licences, certifications, projects and other
sections are carried over as written. ``one_page`` is a promise about the
rendered document, so the draft is rendered with the same PDF renderer the
workflow's ``.pdf`` output uses and shortened, by priority, until it fits:
first long bullets lose their trailing clause, then older positions keep fewer
bullets, then lesser sections and skills are shortened, and only then are the
oldest positions folded into one line each (title, employer and dates kept). The
current employer, the credentials the posting asks for and the projects are never
cut; a resume that still does not fit keeps them and says so in ``pages``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from convilyn.tools.application import Application, Composed, mentions, shown_skills
from convilyn.tools.markdown_blocks import COMPACT, with_layout
from convilyn.tools.pdf_writer import count_pages
from convilyn.tools.posting import JobPosting
from convilyn.tools.prose import at_employer, role_phrase, sentence, skills_phrase
from convilyn.tools.resume import ResumeProfile
from convilyn.tools.sections import heading_key
from convilyn.tools.skills import skill_category

TONES = ("professional", "friendly", "confident")
_PROJECT_HEADINGS = ("project", "portfolio")


@dataclass
class _Position:
    heading: str
    dates: str | None
    highlights: list[str]
    keep: int | None = None  # how many highlights to show; None for all
    folded: bool = False  # shown as one line under "Earlier roles"


@dataclass
class _Section:
    heading: str
    lines: list[str]
    required: set[int] = field(default_factory=set)  # lines the posting asks for: never cut
    project: bool = False  # projects are never cut, only shortened
    keep: int | None = None


@dataclass
class _Draft:
    name: str
    titles: list[str]
    contact: str
    summary: list[str]
    shared: list[str]
    others: list[str]
    positions: list[_Position]
    sections: list[_Section]
    education: list[str]
    others_keep: int | None = None
    education_keep: int | None = None

    def markdown(self) -> str:
        lines = [f"# {self.name}", ""]
        if self.titles:
            lines += [f"**{' | '.join(self.titles)}**", ""]
        if self.contact:
            lines += [self.contact, ""]
        if self.summary:
            lines += ["## Summary", "", " ".join(self.summary), ""]
        others = self.others[: self.others_keep] if self.others_keep is not None else self.others
        if self.shared or others:
            lines += ["## Skills", ""]
            if self.shared:
                lines.append(f"- **Most relevant to this role:** {', '.join(_as_listed(self.shared))}")
            if others:
                lines.append(f"- **{'Also' if self.shared else 'Skills'}:** {', '.join(_as_listed(others))}")
            lines.append("")
        shown = [p for p in self.positions if not p.folded]
        folded = [p for p in self.positions if p.folded]
        if self.positions:
            lines += ["## Experience", ""]
        for position in shown:
            lines += [f"### {position.heading}", ""]
            if position.dates:
                lines += [position.dates, ""]
            kept = position.highlights if position.keep is None else position.highlights[: position.keep]
            lines += [f"- {h}" for h in kept]
            lines.append("")
        if folded:
            lines += ["### Earlier roles", ""]
            lines += [f"- {p.heading}" + (f" ({p.dates})" if p.dates else "") for p in folded] + [""]
        for section in self.sections:
            lines += [f"## {section.heading}", ""] + [f"- {line}" for line in _section_lines(section)] + [""]
        if self.education:
            education = self.education if self.education_keep is None else self.education[: self.education_keep]
            lines += ["## Education", ""] + [f"- {line}" for line in education] + [""]
        return "\n".join(lines).rstrip() + "\n"


def _as_listed(skills: list[str]) -> list[str]:
    """Skills as list items: the candidate's "stock control" starts with a capital like "People management"."""
    return [s[:1].upper() + s[1:] if s[:1].islower() else s for s in skills]


def _section_lines(section: _Section) -> list[str]:
    if section.keep is None:
        return section.lines
    kept = [i for i in range(len(section.lines)) if i in section.required]
    kept += [i for i in range(len(section.lines)) if i not in section.required][: max(0, section.keep - len(kept))]
    return [section.lines[i] for i in sorted(kept)]


def trim_clause(text: str, words: int = 18) -> str:
    """A long bullet without its trailing clause ("..., reporting to the CFO"), kept whole if no clause ends early."""
    if len(text.split()) <= words:
        return text
    depth, cuts = 0, []
    for index, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and (text[index : index + 2] in (", ", "; ") or text[index : index + 3] == " – "):
            cuts.append(index)
    cuts = [c for c in cuts if len(text[:c].split()) >= 8]
    if not cuts:
        return text
    return text[: cuts[0]].rstrip(" ,;–") + "."


def _draft(application: Application, titles: list[str], tone: str) -> _Draft:
    resume, posting, match = application.resume, application.posting, application.match
    assert resume is not None and posting is not None and match is not None
    shared = shown_skills(match, resume)
    required = {c.held for c in application.credentials}
    positions = []
    for entry in resume.experience:
        # The role's first bullet (its writer's lead, often the broadest) stays first; the ones showing what the
        # posting asks for follow, so the cut for one page takes the others.
        shows = set(match.evidence.values())
        lead = entry.highlights[:1]
        relevant = [h for h in entry.highlights[1:] if h in shows or (shared and mentions(h, shared))]
        ordered = lead + relevant + [h for h in entry.highlights[1:] if h not in relevant]
        heading = ", ".join(p for p in (entry.title, entry.organisation) if p) or "Position"
        positions.append(_Position(heading=heading, dates=entry.dates, highlights=ordered))
    sections = [
        _Section(heading=s.heading, lines=list(s.lines), required={i for i, line in enumerate(s.lines) if line in required},
                 project=any(k in heading_key(s.heading) for k in _PROJECT_HEADINGS))
        for s in resume.sections
    ]  # fmt: skip
    spoken = any("language" in heading_key(s.heading) for s in resume.sections)  # shown in their own section
    return _Draft(
        name=resume.name or "Resume",
        titles=titles,
        contact=" · ".join([c for c in (resume.location, resume.email, resume.phone) if c] + resume.links),
        summary=_summary(resume, posting, resume.own_words(shared), titles, tone),
        shared=resume.own_words([s for s in shared if s in resume.skills]),  # the candidate's own words
        others=resume.own_words([s for s in resume.skills if s not in shared and not (spoken and _is_spoken_language(s))]),
        positions=positions,
        sections=sections,
        education=list(resume.education),
    )


def _is_spoken_language(skill: str) -> bool:
    return (skill_category(skill) or "").startswith("Languages")


def _shorten(draft: _Draft) -> list[object]:
    """The ways to shorten ``draft``, gentlest first; each changes the draft in place when called."""

    def trim_bullets() -> None:
        for position in draft.positions:
            position.highlights = [trim_clause(h) for h in position.highlights]
        for section in draft.sections:
            section.lines = [trim_clause(line, 22) if section.project else line for line in section.lines]

    def highlights(*limits: int) -> object:
        def apply() -> None:
            for index, position in enumerate(draft.positions):
                limit = limits[min(index, len(limits) - 1)]
                position.keep = limit if position.keep is None else min(position.keep, limit)
        return apply

    def lesser_sections() -> None:
        for section in draft.sections:
            if not section.project:
                section.keep = 2
        draft.others_keep = 8

    def fold(first: int) -> object:
        def apply() -> None:
            for position in draft.positions[max(first, 1):]:  # the current position is never folded
                position.folded = True
        return apply

    def summary_and_education() -> None:
        draft.summary = draft.summary[-1:]  # the sentence aimed at the role
        draft.education_keep = 2
        draft.others_keep = 4

    return [trim_bullets, highlights(4, 3, 2), highlights(3, 2, 1), lesser_sections, fold(4), fold(3),
            highlights(3, 2, 0), summary_and_education, fold(2), highlights(2, 1, 0), fold(1)]  # fmt: skip


def tailored_resume(
    application: Application, titles: list[str] | None = None, tone: str = "professional", length: str = "two_pages"
) -> Composed:
    """The resume reordered for the posting, fitted to ``length`` (one_page, two_pages) as rendered to PDF."""
    if application.resume is None or application.posting is None or application.match is None:
        raise ValueError(application.problem or "the application has no resume or posting")
    resume = application.resume
    titles = [t.strip() for t in (titles or []) if t.strip()] or resume.titles[:2]
    draft = _draft(application, titles, tone if tone in TONES else "professional")
    target = 1 if length == "one_page" else 2
    pages = count_pages(with_layout(draft.markdown(), COMPACT))
    for shorten in _shorten(draft):
        if pages <= target:
            break
        shorten()  # type: ignore[operator]
        pages = count_pages(with_layout(draft.markdown(), COMPACT))
    markdown = draft.markdown()
    return Composed(markdown=markdown, title=resume.name or "Resume", pages=pages,
                    print_markdown=with_layout(markdown, COMPACT))  # fmt: skip


def _summary(resume: ResumeProfile, posting: JobPosting, shared: list[str], titles: list[str], tone: str) -> list[str]:
    """The resume's own first sentence, then one sentence aimed at the role in the chosen tone."""
    own = re.split(r"(?<=[.!?])\s+", resume.summary.strip())[0].rstrip(".") if resume.summary else ""
    if not own and titles:
        held = skills_phrase(resume.skills, 3)
        own = f"{titles[0]} with experience in {held}" if held else titles[0]
    role, where = role_phrase(posting.role_title), at_employer(posting.employer)
    focus = skills_phrase(shared, 5)
    if tone == "friendly":
        aim = (f"I enjoy working with {focus}, and I would love to bring that to {role}{where}" if focus
               else f"I would love to bring my experience to {role}{where}")
    elif tone == "confident":
        aim = (f"A proven record with {focus}, ready to deliver from day one in {role}{where}" if focus
               else f"Ready to bring a proven record to {role}{where}")
    else:
        aim = (f"Experienced in {focus}, as {role}{where} asks for" if focus
               else f"Applying for {role}{where}")
    return [s for s in (sentence(own), sentence(aim)) if s]
