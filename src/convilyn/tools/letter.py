"""The cover letter, in the candidate's voice, stating only what the two documents show.

Composed from a :func:`convilyn.tools.application.read_application` result through the
sentence plans of :mod:`convilyn.tools.prose`: the fit is argued only from skills both
documents show, the credentials the posting asks for are named only when the resume
holds them, a person the posting says to write to is greeted by name, and when the
documents share nothing the letter says so plainly.
"""

from __future__ import annotations

import re

from convilyn.tools.application import Application, Composed, latest_position, mentions, shown_skills
from convilyn.tools.posting import JobPosting
from convilyn.tools.prose import (
    at_employer,
    credentials_sentence,
    looking_for_sentence,
    position_clause,
    role_phrase,
    sentence,
    short_credential,
    skills_phrase,
)


def _address(posting: JobPosting) -> list[str]:
    """The inside address: the named recipient, else the hiring team; the employer; a place (not a bare work mode)."""
    lines: list[str] = []
    if posting.recipient:
        lines.append(posting.recipient + (f", {posting.recipient_title}" if posting.recipient_title else ""))
    elif posting.employer:
        lines.append("Hiring team")
    if posting.employer:
        lines.append(posting.employer)
    place = re.sub(r"\s*\((?:remote|hybrid|on-?site)[^)]*\)", "", posting.location or "", flags=re.I).strip()
    if lines and place and place.casefold() not in ("remote", "hybrid", "on-site", "onsite"):
        lines.append(place)
    return [", ".join(lines)] if lines else []


def _greeting(posting: JobPosting) -> str:
    if posting.recipient:
        return f"Dear {posting.recipient},"
    return f"Dear {posting.employer} hiring team," if posting.employer else "Dear hiring team,"


def _needs(application: Application) -> str:
    """What the posting asks for that the resume lacks, as a bracketed phrase ("" for nothing named)."""
    match, posting = application.match, application.posting
    assert match is not None and posting is not None
    gaps = match.gaps or posting.required_skills
    wanted = [w for w in (short_credential(r) for r in application.missing_credentials) if w]
    named = ([skills_phrase(gaps, 4)] if gaps else []) + wanted[: 1 if gaps else 3]
    return f" ({'; '.join(named)})" if named else ""


def cover_letter(application: Application, today: str) -> Composed:
    """The cover letter for ``application``, dated ``today`` as it should read."""
    resume, posting, match = application.resume, application.posting, application.match
    if resume is None or posting is None or match is None:
        raise ValueError(application.problem or "the application has no resume or posting")
    shared = shown_skills(match.matching_skills, resume)
    latest = latest_position(resume)
    employer = posting.employer
    role = role_phrase(posting.role_title)
    title = f"Application for {role}" if posting.role_title else "Application"
    held = [c.held for c in application.credentials]

    lines: list[str] = []
    if resume.name:
        lines += [f"**{resume.name}**", ""]
    contact = " · ".join([c for c in (resume.email, resume.phone) if c] + resume.links[:1])
    if contact:
        lines += [contact, ""]
    lines += [today, ""]
    if address := _address(posting):
        lines += address + [""]
    lines += [f"# {title}", "", _greeting(posting), ""]

    opening = [sentence(f"I am writing to apply for {role}{at_employer(employer)}")]
    position = position_clause(latest.title, latest.organisation, latest.current) if latest else None
    if shared or held:
        if shared:
            fit = f"my experience covers {skills_phrase(shared)}, which the posting asks for"
            opening.append(sentence(f"{position}, {fit}" if position else fit))
        if qualified := credentials_sentence(held):
            opening.append(qualified)
    else:
        background = f"{position}, I have worked" if position else "My experience so far has been"
        own = skills_phrase(resume.skills, 3)
        opening.append(sentence(f"{background} {'with ' + own if own else 'in a different field'}"))
        opening.append(sentence(f"I should say plainly that my background does not yet match the core requirements "
                                f"of this role{_needs(application)}, and I would be applying as someone changing "
                                "direction"))  # fmt: skip
    lines += [" ".join(opening), ""]

    highlights = [h for e in resume.experience for h in e.highlights]
    proof = [h for h in highlights if mentions(h, shared)] if shared else []
    proof += [h for h in (latest.highlights if latest else []) if h not in proof]
    proof = proof[:3]
    if proof:
        lead = "That experience shows in what I have delivered:" if shared or held else "Some of what I have delivered:"
        lines += [lead, ""] + [f"- {sentence(h)}" for h in proof] + [""]

    closing: list[str] = []
    if looking := looking_for_sentence(posting.responsibilities):
        closing.append(looking)
    missing = [g for g in match.gaps if g not in shared]
    if (shared or held) and missing:
        closing.append(sentence(f"The posting also names {skills_phrase(missing, 4)}, which my resume does not "
                                "show yet and which I am keen to learn"))  # fmt: skip
    if closing:
        lines += [" ".join(closing), ""]
    contribute = f"contribute to {employer}" if employer else "contribute to your team"
    lines += [f"Thank you for considering my application. I would welcome the chance to discuss how I could "
              f"{contribute}.", "", "Sincerely,", ""]  # fmt: skip
    lines.append(resume.name or "")
    return Composed(markdown="\n".join(lines).rstrip() + "\n", title=title)
