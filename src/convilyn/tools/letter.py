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
from convilyn.tools.matching import resume_lines
from convilyn.tools.posting import JobPosting
from convilyn.tools.prose import (
    at_employer,
    credentials_sentence,
    looking_for_sentence,
    role_phrase,
    sentence,
    short_credential,
    skills_phrase,
    work_clause,
)
from convilyn.tools.requirement_phrases import evidence, requirement_phrase
from convilyn.tools.skills import canonical_skill, find_skills
from convilyn.tools.voice import first_person


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


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", title.casefold()) if len(w) > 2}


def _same_line_of_work(application: Application, title: str | None) -> bool:
    """Whether the posting is a step in the candidate's own line of work: it names their current title ("a strong
    store manager ready for the step up"), or the two titles share a word besides the kind of job ("Assistant
    Store Manager" / "Store Manager"); "Pharmacist Manager" / "Operations Manager" share only "manager"."""
    posting = application.posting
    assert posting is not None
    if not title or not posting.role_title:
        return False
    asked = " ".join(posting.requirements + posting.nice_to_haves + posting.responsibilities).casefold()
    if re.sub(r"\s*\([^)]*\)", "", title).casefold() in asked:
        return True
    role, held = _title_words(posting.role_title), _title_words(title)
    head = posting.role_title.split()[-1].casefold()
    return bool((role & held) - {head, "senior", "junior", "lead", "head", "assistant", "deputy", "trainee"})


def _required(application: Application) -> list[str]:
    """What the posting requires (not what would be nice): its required skills and phrases as matched."""
    match, posting = application.match, application.posting
    assert match is not None and posting is not None
    nice = {s.casefold() for s in posting.nice_to_have_skills} | {s.casefold() for s in match.nice_to_have_gaps}
    return [s for s in match.matching_skills + match.gaps if s.casefold() not in nice]


def _listed(application: Application, gaps: list[str]) -> list[str]:
    """The ``gaps`` the posting's requirement lists name, or its duties name in the same words. A skill read from a
    duty under another name ("Manage food cost, purchasing and stock" -> procurement) may be what the resume shows
    in other words ("managed ordering"); a wrong "my resume does not show" is worse than saying nothing."""
    posting = application.posting
    assert posting is not None
    listed = {s.casefold() for s in find_skills(" ".join(posting.requirements + posting.nice_to_haves))}
    duties = " ".join(posting.responsibilities).casefold()
    named = [g for g in gaps if g.casefold() in listed or canonical_skill(g) is None or g.casefold() in duties]
    return [g for g in named if not _shown_in_other_words(application, g)]


def _shown_in_other_words(application: Application, skill: str) -> bool:
    """Whether a resume line shows the posting's own words for ``skill`` ("Leading and developing a team" /
    "Lead a team of three"), though the resume never names the skill."""
    posting, resume = application.posting, application.resume
    assert posting is not None and resume is not None
    lines = resume_lines(resume)
    for item in posting.requirements + posting.nice_to_haves:
        if skill in find_skills(item) and (phrase := requirement_phrase(item)) and evidence(phrase, lines):
            return True
    return False


def _gaps_sentence(application: Application) -> str:
    """Why the background does not yet match: the skills and the credential the posting asks for that the resume
    lacks ("it asks for A, B and C, and for current NMC registration, which I do not hold")."""
    match, posting = application.match, application.posting
    assert match is not None and posting is not None
    gaps = _listed(application, match.gaps or posting.required_skills)
    wanted = [w for w in (short_credential(r) for r in application.missing_credentials) if w]
    asks = skills_phrase(gaps, 4)
    plain = "I should say plainly that my background does not yet match the core requirements of this role"
    said = sentence(f"{plain}: it asks for {asks}" if asks else plain)
    if wanted:
        said += " " + sentence(f"It also requires a qualification I do not hold yet: {wanted[0]}")
    return said


def _strength(line: str, application: Application, shared: list[str], current: bool, first: bool) -> float:
    """How strongly a resume line argues for the posting: what it shows of it, then numbers, recency, its place."""
    match = application.match
    assert match is not None
    shows = sum(1 for shown in match.evidence.values() if shown == line)
    named = sum(1 for skill in shared if mentions(line, [skill]))
    return 3.0 * shows + 2 * named + int(bool(re.search(r"\d", line))) + int(current) + 0.5 * first


def _evidence_paragraph(application: Application, shared: list[str], limit: int = 3) -> str:
    """The two or three resume achievements that best show what the posting asks for, in the candidate's voice,
    grouped by position ("At X, I ... I also ... Before that, at Y, I ...")."""
    resume = application.resume
    assert resume is not None
    candidates: list[tuple[float, int, int, str]] = []
    for p_index, entry in enumerate(resume.experience):
        for h_index, line in enumerate(entry.highlights):
            said = first_person(line, current=entry.current)
            if said:
                score = _strength(line, application, shared, entry.current, h_index == 0)
                candidates.append((score, p_index, h_index, said))
    chosen = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))[:limit]
    chosen.sort(key=lambda c: (c[1], c[2]))
    sentences: list[str] = []
    for n, (_, p_index, _, said) in enumerate(chosen):
        entry = resume.experience[p_index]
        opens_position = n == 0 or chosen[n - 1][1] != p_index
        if opens_position and said.startswith("I ") and (where := at_employer(entry.organisation)):
            said = f"{'Before that,' if n else ''}{where}, {said}".strip()
            said = said[:1].upper() + said[1:]
        elif not opens_position and said.startswith("I ") and n and not sentences[-1].startswith("I also"):
            said = "I also " + said[2:]
        sentences.append(said)
    return " ".join(sentences)


def cover_letter(application: Application, today: str) -> Composed:
    """The cover letter for ``application``, dated ``today`` as it should read."""
    resume, posting, match = application.resume, application.posting, application.match
    if resume is None or posting is None or match is None:
        raise ValueError(application.problem or "the application has no resume or posting")
    required = {g.casefold() for g in resume.own_words(_required(application))}
    shared = resume.own_words(shown_skills(match, resume))
    covered = [s for s in shared if s.casefold() in required]
    if not covered:
        shared = []  # a nice-to-have alone ("Terraform") argues no fit for the role
    # One shared requirement of six ("leading a team" for a finance post) is a partial fit: it is said, and so is
    # the mismatch.
    partial = bool(covered) and len(covered) < 3 and len(covered) < len(required) / 3
    held = [c.held for c in application.credentials]
    # A store manager applying to be an area manager is taking a step up, not changing careers: with no skill
    # shared, a title of the same kind still keeps the letter from saying the background does not match.
    latest = latest_position(resume)
    step_up = not shared and not held and _same_line_of_work(application, latest.title if latest else None)
    employer = posting.employer
    role = role_phrase(posting.role_title)
    title = f"Application for {role}" if posting.role_title else "Application"

    lines: list[str] = []
    if resume.name:
        lines += [f"**{resume.name}**", ""]
    contact = " · ".join([c for c in (resume.location, resume.email, resume.phone) if c] + resume.links[:1])
    if contact:
        lines += [contact, ""]
    lines += [today, ""]
    if address := _address(posting):
        lines += address + [""]
    lines += [f"# {title}", "", _greeting(posting), ""]

    opening = [sentence(f"I am writing to apply for {role}{at_employer(employer)}")]
    position = work_clause(latest.title, latest.organisation, latest.current) if latest else None
    if step_up:
        if position:
            opening.append(sentence(position))
    elif shared or held:
        if shared:
            fit = f"my experience covers {skills_phrase(shared)}, which the posting asks for"
            opening.append(sentence(f"{position}, and {fit}" if position else fit))
        elif position:
            opening.append(sentence(position))
        if qualified := credentials_sentence(held[:2]):
            opening.append(qualified)
        if partial:
            opening.append(_gaps_sentence(application))
    else:
        own = skills_phrase(resume.own_words(resume.skills), 3)
        background = f"{position}, and my experience is in" if position else "My experience so far is in"
        opening.append(sentence(f"{background} {own}" if own else (position or "My experience so far is in a "
                                                                               "different field")))
        opening.append(_gaps_sentence(application))
        opening.append("I would be applying as someone changing direction.")
    lines += [" ".join(opening), ""]

    if evidence := _evidence_paragraph(application, shared, 3 if shared or held else 2):
        lines += [evidence, ""]

    closing: list[str] = []
    if looking := looking_for_sentence(posting.responsibilities):
        closing.append(looking)
    missing = _listed(application, [g for g in match.gaps if g not in shared])
    if (shared or held or step_up) and missing and not partial:
        closing.append(sentence(f"The posting also names {skills_phrase(missing, 3)}, which my resume does not "
                                "show yet and which I am keen to learn"))  # fmt: skip
    contribute = f"contribute to {employer}" if employer else "contribute to your team"
    closing.append(f"I would welcome the chance to discuss how I could {contribute}.")
    lines += [" ".join(closing), "", "Thank you for considering my application.", "", "Sincerely,", ""]
    lines.append(resume.name or "")
    return Composed(markdown="\n".join(lines).rstrip() + "\n", title=title)
