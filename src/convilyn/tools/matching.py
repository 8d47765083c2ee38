"""How well a resume fits a job posting: shared skills, gaps and a 0-100 score.

The score weighs required-skill coverage most (70%), then nice-to-have
coverage (15%) and how close the candidate's titles are to the role (15%).
A skill counts as held when the resume names it or a skill implying it
(PostgreSQL covers SQL, Next.js covers React).
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.career_text import unique
from convilyn.tools.model import ToolModel
from convilyn.tools.posting import JobPosting, parse_job_posting
from convilyn.tools.requirement_phrases import evidence as shown_by
from convilyn.tools.resume import ResumeProfile, parse_resume
from convilyn.tools.skills import canonical_skill, with_implied

_SENIORITY = frozenset(
    ["senior", "sr", "sr.", "junior", "jr", "jr.", "lead", "staff", "principal", "head", "chief", "associate", "assistant", "intern", "i", "ii", "iii", "iv"]
)


class ProfileMatch(ToolModel):
    """The fit between one resume and one job posting."""

    score: int = Field(ge=0, le=100, description="Overall fit from 0 to 100.")
    matching_skills: list[str] = Field(description="Posting skills the candidate has.")
    gaps: list[str] = Field(description="Required skills the resume does not show.")
    nice_to_have_gaps: list[str] = Field(default_factory=list, description="Nice-to-have skills not shown.")
    title_match: float = Field(description="Similarity of the candidate's closest title to the role, 0 to 1.")
    closest_title: str | None = Field(default=None, description="The candidate's title closest to the role.")
    summary: str = Field(description="One or two sentences explaining the score.")
    evidence: dict[str, str] = Field(
        default_factory=dict, description="For a requirement the posting names in its own words (not a vocabulary "
        "skill), the resume line that shows it: {'Shift coordination': 'Take charge of the ward on late shifts ...'}."
    )


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z+#]+", title.lower()) if w not in _SENIORITY and len(w) > 1}


def title_similarity(role: str | None, titles: list[str]) -> tuple[float, str | None]:
    """The best similarity between ``role`` and one of ``titles``, ignoring seniority words, and that title."""
    if not role or not titles:
        return 0.0, None
    wanted = _title_words(role)
    best, best_title = 0.0, None
    for title in titles:
        have = _title_words(title)
        if not wanted or not have:
            continue
        similarity = len(wanted & have) / len(wanted | have)
        if similarity < 1 and _head(role) == _head(title):
            similarity = max(similarity, 0.5)  # same kind of job ("engineer"), different specialty
        if similarity > best:
            best, best_title = similarity, title
    return round(best, 2), best_title


def _says(text: str, skill: str) -> bool:
    """Whether ``text`` names ``skill`` in its own words (case, hyphens and a plural aside)."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", skill.strip()) if w]
    if not words or len(skill) < 3:
        return False
    return re.search(r"(?<![\w-])" + r"[\s-]+".join(words) + r"s?(?![\w-])", text, re.IGNORECASE) is not None


def _head(title: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", title.lower()) if w not in _SENIORITY]
    return words[-1] if words else ""


def match_profile(resume: ResumeProfile | str, posting: JobPosting | str) -> ProfileMatch:
    """Compare a resume with a job posting (either parsed, or as raw text)."""
    profile = parse_resume(resume) if isinstance(resume, str) else resume
    job = parse_job_posting(posting) if isinstance(posting, str) else posting
    held = with_implied(profile.skills)
    required = job.required_skills or [s for s in job.skills if s not in job.nice_to_have_skills]
    nice = [s for s in job.nice_to_have_skills if s not in required]
    # Skills the resume lists that the vocabulary does not know ("Fault finding", "Inspection and testing")
    # count when the posting asks for them in the same words.
    asked = " ".join(job.requirements + job.responsibilities)
    for skill in profile.skills:
        if skill not in required and skill not in nice and _says(asked, skill):
            required.append(skill)
        elif skill not in required and skill not in nice and _says(" ".join(job.nice_to_haves), skill):
            nice.append(skill)

    # A requirement in the posting's own words ("Shift coordination") is held when a resume line shows it.
    evidence: dict[str, str] = {}
    lines = resume_lines(profile)
    for phrase in required + nice:
        if phrase.lower() not in held and canonical_skill(phrase) is None and (found := shown_by(phrase, lines)):
            shown, line = found
            shown = line if line in profile.skills else shown  # "Delivering vaccinations": the listed "Vaccination"
            evidence[shown] = line
            held.add(phrase.lower())
            if shown != phrase:  # "Articulate Rise or Storyline" is asked; "Articulate Rise" is shown
                required[:] = [shown if r == phrase else r for r in required]
                nice[:] = [shown if r == phrase else r for r in nice]
                held.add(shown.lower())
    matching = unique([s for s in required + nice if s.lower() in held])
    gaps = [s for s in required if s.lower() not in held]
    nice_gaps = [s for s in nice if s.lower() not in held]
    required_cover = (len(required) - len(gaps)) / len(required) if required else None
    nice_cover = (len(nice) - len(nice_gaps)) / len(nice) if nice else None
    titles = profile.titles or [e.title for e in profile.experience if e.title]
    similarity, closest = title_similarity(job.role_title, titles)

    if required_cover is not None:
        fit = 0.7 * required_cover + 0.15 * (nice_cover if nice_cover is not None else required_cover)
        fit += 0.15 * similarity
    elif nice_cover is not None:
        fit = 0.6 * nice_cover + 0.4 * similarity
    else:
        fit = similarity
    score = round(100 * fit)
    return ProfileMatch(
        score=score,
        matching_skills=matching,
        gaps=gaps,
        nice_to_have_gaps=nice_gaps,
        title_match=similarity,
        closest_title=closest,
        summary=_explain(score, required, gaps, nice, nice_gaps, job.role_title, closest, similarity),
        evidence=evidence,
    )


def resume_lines(profile: ResumeProfile) -> list[str]:
    """Every line of ``profile`` that can show a requirement: skills, achievements, credentials, profile, education."""
    lines = list(profile.skills)
    lines += [h for entry in profile.experience for h in entry.highlights]
    lines += [line for section in profile.sections for line in section.lines]
    lines += re.split(r"(?<=[.!?])\s+", profile.summary or "") + profile.education + profile.titles
    return [line for line in lines if line.strip()]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _explain(
    score: int,
    required: list[str],
    gaps: list[str],
    nice: list[str],
    nice_gaps: list[str],
    role: str | None,
    closest: str | None,
    similarity: float,
) -> str:
    parts: list[str] = []
    if required:
        have = len(required) - len(gaps)
        sentence = f"Shows {have} of {len(required)} required skills"
        sentence += f"; missing {_join(gaps)}." if gaps else "."
        parts.append(sentence)
    else:
        parts.append("The posting names no specific required skills.")
    if nice:
        parts.append(f"Has {len(nice) - len(nice_gaps)} of {len(nice)} nice-to-have skills.")
    if role and closest:
        closeness = "matches" if similarity >= 0.99 else "is close to" if similarity >= 0.5 else "differs from"
        parts.append(f"Most relevant title '{closest}' {closeness} the role '{role}'.")
    elif role:
        parts.append(f"No title on the resume resembles '{role}'.")
    return f"Score {score}/100. " + " ".join(parts)
