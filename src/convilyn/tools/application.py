"""A job application from a resume and a posting: which document is which, the cover letter, the tailored resume.

The cover letter and the resume tailor read the same two documents the same way,
so the decision lives here once (``read_application``) instead of in two copies
of plan steps. The letter and the resume are composed from what the parsers and
the matcher computed, through the sentence plans of :mod:`convilyn.tools.prose`:
a fit is argued only from shared skills, a skill is named only if the resume
shows it, and when the documents share nothing the letter says so.
"""

from __future__ import annotations

from pydantic import Field

from convilyn.tools.matching import ProfileMatch, match_profile
from convilyn.tools.model import ToolModel
from convilyn.tools.posting import JobPosting, parse_job_posting
from convilyn.tools.prose import (
    at_employer,
    looking_for_sentence,
    natural_join,
    position_clause,
    role_phrase,
    sentence,
    skills_phrase,
)
from convilyn.tools.resume import ExperienceEntry, ResumeProfile, parse_resume


class ApplicationDocument(ToolModel):
    """One uploaded document of an application: its file name and text."""

    filename: str = Field(description="The document's file name, used in messages.")
    text: str = Field(description="The document's text (doc-parser-mcp extract_text).")


class Application(ToolModel):
    """A resume and a job posting read together."""

    resume: ResumeProfile | None = Field(default=None, description="The parsed resume.")
    posting: JobPosting | None = Field(default=None, description="The parsed job posting.")
    match: ProfileMatch | None = Field(default=None, description="How the two match.")
    resume_file: str | None = Field(default=None, description="File name of the document read as the resume.")
    posting_file: str | None = Field(default=None, description="File name of the document read as the posting.")
    problem: str | None = Field(default=None, description="Why the documents cannot make an application, if so.")


class Composed(ToolModel):
    """A document composed as Markdown."""

    markdown: str = Field(description="The document as Markdown.")
    title: str = Field(description="Its title.")


def _resume_evidence(profile: ResumeProfile) -> int:
    return (
        3 * len(profile.experience) + len(profile.titles) + len(profile.education)
        + (1 if profile.email else 0) + (1 if profile.phone else 0)
    )  # fmt: skip


def read_application(documents: list[ApplicationDocument]) -> Application:
    """Decide which document is the resume and which the posting, parse both and match them.

    The resume is the document with the most resume evidence (positions, titles,
    education, contact details); the other one is the posting.
    """
    if len(documents) != 2:
        return Application(problem=f"An application needs two documents, your resume and the job posting; "
                                   f"this job has {len(documents)}.")  # fmt: skip
    profiles = [parse_resume(d.text) for d in documents]
    evidence = [_resume_evidence(p) for p in profiles]
    names = [d.filename for d in documents]
    if max(evidence) == 0:
        return Application(
            problem=f"Neither {names[0]} nor {names[1]} reads like a resume (no work experience, titles or contact "
            "details were found). Upload your resume and the job posting."
        )
    resume_at = 0 if evidence[0] >= evidence[1] else 1
    posting_doc = documents[1 - resume_at]
    posting = parse_job_posting(posting_doc.text)
    if not posting.role_title and not posting.employer:
        return Application(
            resume_file=names[resume_at], posting_file=posting_doc.filename,
            problem=f"{posting_doc.filename} does not read like a job posting: no role or employer was found in it.",
        )  # fmt: skip
    resume = profiles[resume_at]
    return Application(
        resume=resume, posting=posting, match=match_profile(resume, posting),
        resume_file=names[resume_at], posting_file=posting_doc.filename,
    )  # fmt: skip


def _shown(skills: list[str], resume: ResumeProfile) -> list[str]:
    """The skills the resume itself names (a matched skill may only be implied by another one)."""
    held = {s.casefold() for s in resume.skills}
    return [s for s in skills if s.casefold() in held]


def _mentions(text: str, skills: list[str]) -> bool:
    lowered = text.casefold()
    return any(s.casefold() in lowered or s.split()[-1].casefold() in lowered for s in skills)


def _latest(resume: ResumeProfile) -> ExperienceEntry | None:
    return resume.experience[0] if resume.experience else None


def cover_letter(application: Application, today: str) -> Composed:
    """The cover letter, in the candidate's voice, stating only what the two documents show."""
    resume, posting, match = application.resume, application.posting, application.match
    if resume is None or posting is None or match is None:
        raise ValueError(application.problem or "the application has no resume or posting")
    shared = _shown(match.matching_skills, resume)
    latest = _latest(resume)
    employer = posting.employer
    role = role_phrase(posting.role_title)
    title = f"Application for {role}" if posting.role_title else "Application"

    lines: list[str] = []
    if resume.name:
        lines += [f"**{resume.name}**", ""]
    contact = " · ".join([c for c in (resume.email, resume.phone) if c] + resume.links[:1])
    if contact:
        lines += [contact, ""]
    lines += [today, ""]
    if employer:
        lines += [f"Hiring team, {employer}" + (f", {posting.location}" if posting.location else ""), ""]
    lines += [f"# {title}", "", f"Dear {employer} hiring team," if employer else "Dear hiring team,", ""]

    opening = [sentence(f"I am writing to apply for {role}{at_employer(employer)}")]
    position = position_clause(latest.title, latest.organisation, latest.current) if latest else None
    if shared:
        fit = f"my experience covers {skills_phrase(shared)}, which the posting asks for"
        opening.append(sentence(f"{position}, {fit}" if position else fit))
    else:
        gaps = match.gaps or posting.required_skills
        background = f"{position}, I have worked" if position else "My experience so far has been"
        held = skills_phrase(resume.skills, 3)
        opening.append(sentence(f"{background} {'with ' + held if held else 'in a different field'}"))
        needs = f" ({skills_phrase(gaps, 4)})" if gaps else ""
        opening.append(sentence(f"I should say plainly that my background does not yet match the core requirements "
                                f"of this role{needs}, and I would be applying as someone changing direction"))
    lines += [" ".join(opening), ""]

    highlights = [h for e in resume.experience for h in e.highlights]
    proof = [h for h in highlights if _mentions(h, shared)] if shared else []
    proof += [h for h in (latest.highlights if latest else []) if h not in proof]
    proof = proof[:3]
    if proof:
        lines += ["That experience shows in what I have delivered:" if shared else "Some of what I have delivered:", ""]
        lines += [f"- {sentence(h)}" for h in proof] + [""]

    closing: list[str] = []
    if looking := looking_for_sentence(posting.responsibilities):
        closing.append(looking)
    missing = [g for g in match.gaps if g not in shared]
    if shared and missing:
        closing.append(sentence(f"The posting also names {skills_phrase(missing, 4)}, which my resume does not "
                                "show yet and which I am keen to learn"))
    if closing:
        lines += [" ".join(closing), ""]
    contribute = f"contribute to {employer}" if employer else "contribute to your team"
    lines += [f"Thank you for considering my application. I would welcome the chance to discuss how I could "
              f"{contribute}.", "", "Sincerely,", ""]  # fmt: skip
    lines.append(resume.name or "")
    return Composed(markdown="\n".join(lines).rstrip() + "\n", title=title)


_TONES = ("professional", "friendly", "confident")


def tailored_resume(
    application: Application, titles: list[str] | None = None, tone: str = "professional", length: str = "two_pages"
) -> Composed:
    """The resume reordered for the posting: every fact from the resume, the matching skills and work first.

    Nothing is dropped that a reader of the posting looks for: every position keeps
    its employer and dates, and the licences, certifications, projects and other
    sections of the resume are carried over as written. ``one_page`` keeps the three
    latest positions with their three most relevant highlights each.
    """
    resume, posting, match = application.resume, application.posting, application.match
    if resume is None or posting is None or match is None:
        raise ValueError(application.problem or "the application has no resume or posting")
    one_page = length == "one_page"
    shared = _shown(match.matching_skills, resume)
    titles = [t for t in (titles or []) if t.strip()] or resume.titles[:2]
    lines = [f"# {resume.name or 'Resume'}", ""]
    if titles:
        lines += [f"**{' | '.join(titles)}**", ""]
    contact = " · ".join([c for c in (resume.email, resume.phone) if c] + resume.links)
    if contact:
        lines += [contact, ""]

    summary = _summary(resume, posting, shared, titles, tone if tone in _TONES else "professional")
    if summary:
        lines += ["## Summary", "", summary, ""]
    if resume.skills:
        others = [s for s in resume.skills if s not in shared]
        lines += ["## Skills", ""]
        if shared:
            lines.append(f"- **Most relevant to this role:** {', '.join(shared)}")
        if others:
            lines.append(f"- **{'Also' if shared else 'Skills'}:** {', '.join(others)}")
        lines.append("")
    if resume.experience:
        lines += ["## Experience", ""]
        for entry in resume.experience[:3] if one_page else resume.experience:
            relevant = [h for h in entry.highlights if _mentions(h, shared)] if shared else []
            ordered = relevant + [h for h in entry.highlights if h not in relevant]
            heading = ", ".join(p for p in (entry.title, entry.organisation) if p) or "Position"
            lines += [f"### {heading}", ""]
            if entry.dates:
                lines += [entry.dates, ""]
            lines += [f"- {h}" for h in (ordered[:3] if one_page else ordered)]
            lines.append("")
    for section in resume.sections:
        body = section.lines[:4] if one_page else section.lines
        lines += [f"## {section.heading}", ""] + [f"- {line}" for line in body] + [""]
    if resume.education:
        lines += ["## Education", ""] + [f"- {line}" for line in resume.education] + [""]
    return Composed(markdown="\n".join(lines).rstrip() + "\n", title=resume.name or "Resume")


def _summary(resume: ResumeProfile, posting: JobPosting, shared: list[str], titles: list[str], tone: str) -> str:
    """The summary: the resume's own first sentence, then one sentence aimed at the role, in the chosen tone."""
    own = resume.summary.split(". ")[0].rstrip(".") if resume.summary else ""
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
        aim = (f"Experienced in {focus}, matching the central requirements of {role}{where}" if focus
               else f"Applying for {role}{where}")
    return " ".join(s for s in (sentence(own), sentence(aim)) if s)


__all__ = [
    "Application", "ApplicationDocument", "Composed", "cover_letter", "natural_join", "read_application",
    "tailored_resume",
]  # fmt: skip
