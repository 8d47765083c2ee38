"""A job application from a resume and a posting: which document is which, and what they share.

The cover letter and the resume tailor read the same two documents the same way,
so the decision lives here once (``read_application``) instead of in two copies
of plan steps: the resume, the posting, their skill match, and the credentials
(licences, certifications, qualifications) the posting asks for that the resume
shows or lacks. :mod:`convilyn.tools.letter` and :mod:`convilyn.tools.tailoring`
compose from this and nothing else.
"""

from __future__ import annotations

from pydantic import Field

from convilyn.tools.credentials import CredentialMatch, is_credential, matched_credentials, tokens, unmet_credentials
from convilyn.tools.matching import ProfileMatch, match_profile
from convilyn.tools.model import ToolModel
from convilyn.tools.posting import JobPosting, parse_job_posting
from convilyn.tools.requirement_phrases import evidence
from convilyn.tools.resume import ExperienceEntry, ResumeProfile, parse_resume
from convilyn.tools.sections import heading_key


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
    credentials: list[CredentialMatch] = Field(
        default_factory=list, description="Licences, certifications and qualifications the posting asks for that the "
        "resume shows, each with the resume's line."
    )
    missing_credentials: list[str] = Field(
        default_factory=list, description="The posting's credential requirements the resume does not show."
    )
    headline_titles: list[str] = Field(
        default_factory=list, description="Titles to propose for a tailored headline: the current one and the one "
        "closest to the role."
    )


class Composed(ToolModel):
    """A document composed as Markdown."""

    markdown: str = Field(description="The document as Markdown.")
    title: str = Field(description="Its title.")
    pages: int | None = Field(default=None, description="Pages it renders to as PDF, where its length was fitted.")
    print_markdown: str | None = Field(
        default=None, description="The content for its .pdf and .docx files, when it has a print layout of its own: "
        "the same Markdown with a first line such as '<!-- layout: compact -->'."
    )


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
    match = match_profile(resume, posting)
    held = held_credentials(resume)
    asked = posting.requirements + posting.nice_to_haves
    return Application(
        resume=resume, posting=posting, match=match,
        resume_file=names[resume_at], posting_file=posting_doc.filename,
        credentials=_matched_credentials(held, asked),
        missing_credentials=unmet_credentials(held, posting.requirements),
        headline_titles=_headline_titles(resume, match),
    )  # fmt: skip


# Resume sections whose lines are credentials: what a posting's "licence", "qualified", "card" requirements match.
_CREDENTIAL_SECTIONS = ("licen", "certif", "qualif", "registration", "accredit", "membership", "card", "ticket",
                        "training", "course")  # fmt: skip


def held_credentials(resume: ResumeProfile) -> list[str]:
    """The resume's credential lines: its licence, certification and qualification sections, then education."""
    lines = [line for s in resume.sections if any(k in heading_key(s.heading) for k in _CREDENTIAL_SECTIONS)
             for line in s.lines]  # fmt: skip
    # "Registered Social Worker (Social Work England SW118274)" under the name is a credential line too
    header = [resume.headline] if resume.headline and is_credential(resume.headline) else []
    return lines + header + resume.education


def _matched_credentials(held: list[str], asked: list[str]) -> list[CredentialMatch]:
    """Credentials matched on a distinctive token, then those with none ("Practice assessor qualification") matched
    by their words in one resume line. An unmatched one without a token is not called missing: "A degree in a
    related subject" may be met in words no line shares."""
    matches = matched_credentials(held, asked)
    shown = {m.held for m in matches}
    answered = {m.requirement for m in matches}
    for requirement in asked:
        if not is_credential(requirement) or tokens(requirement) or requirement in answered:
            continue
        if (found := evidence(requirement, held)) and found[1] not in shown:
            matches.append(CredentialMatch(held=found[1], requirement=requirement))
            shown.add(found[1])
    return matches


def _headline_titles(resume: ResumeProfile, match: ProfileMatch) -> list[str]:
    titles = resume.titles[:1]
    if match.closest_title and match.closest_title not in titles:
        titles.append(match.closest_title)
    return titles


def shown_skills(match: ProfileMatch, resume: ResumeProfile) -> list[str]:
    """The matched skills the resume itself shows: named in it, or a requirement one of its lines shows
    (a matched skill may only be implied by another one)."""
    held = {s.casefold() for s in resume.skills} | {s.casefold() for s in match.evidence}
    return [s for s in match.matching_skills if s.casefold() in held]


def mentions(text: str, skills: list[str]) -> bool:
    """Whether ``text`` mentions one of ``skills`` (or the last word of one: "Power BI" -> "BI")."""
    lowered = text.casefold()
    return any(s.casefold() in lowered or s.split()[-1].casefold() in lowered for s in skills)


def latest_position(resume: ResumeProfile) -> ExperienceEntry | None:
    """The current or most recent position."""
    return resume.experience[0] if resume.experience else None


__all__ = ["Application", "ApplicationDocument", "Composed", "held_credentials", "read_application"]
