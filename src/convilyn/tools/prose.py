"""Sentence plans: the phrases letters and resumes are built from, grammatical for any value they are given.

Splicing a value into a fixed sentence breaks as soon as the value has another
shape: "As an Education & Training at ..." (a department, not a title), "someone
to your 24-bed unit" (a description, not a duty), "Meridian Capital Partners's
role" (a possessive on a plural name). Each function here takes the values a
tool computed and chooses the sentence shape that fits them, or returns nothing
when no sentence fits; none of them adds a fact. ``tests/quality`` checks them
with generated values (hypothesis).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from convilyn.tools.career_text import has_title_word
from convilyn.tools.skills import skill_in_prose

# Verbs a duty or a task starts with, in the base form ("Lead", "Provide", "Teach"): the start of a
# clause that can follow "someone to". A duty that starts otherwise ("Our 24-bed unit ...") is a description.
DUTY_VERBS = frozenset(
    """
    achieve act adapt add address administer advise advocate align analyse analyze answer anticipate apply appraise
    arrange assemble assess assist attend audit author balance book brief build calculate care carry champion
    change check clean close coach collaborate collect communicate compile complete conduct configure connect
    contribute control convert coordinate counsel create cultivate curate debug decide define deliver demonstrate
    deploy design develop diagnose direct discover dispense document draft drive edit educate embed empower enable
    engage engineer enhance ensure establish estimate evaluate examine execute expand explain explore facilitate
    find forecast foster gather generate grow guide handle help hire identify implement improve increase influence
    inform inspect install instruct integrate interpret interview investigate keep launch lead learn liaise listen
    maintain manage map market measure mentor migrate model monitor motivate negotiate nurture observe onboard
    operate optimise optimize orchestrate organise organize oversee own participate partner perform pitch plan
    prepare present prescribe prioritise prioritize process produce program promote propose prospect protect
    provide publish purchase qualify raise recommend reconcile record recruit reduce refine report represent
    research resolve respond review run safeguard scale schedule scope secure sell serve set shape share ship
    solve source specify sponsor staff standardise standardize steer streamline strengthen structure supervise
    supply support survey sustain take teach test track train transform translate triage troubleshoot tutor
    understand update uphold use validate verify visit work write
    """.split()
)
_ROLE_NOUNS = ("role", "position", "post", "job", "vacancy", "opening", "opportunity")
_READER_WORDS = {"our": "your", "ours": "yours", "we": "you", "us": "you", "ourselves": "yourselves"}


def natural_join(items: Iterable[str], last: str = "and") -> str:
    """``a, b and c``: a list as a person writes it; empty for no items."""
    words = [str(item).strip() for item in items if str(item).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def skills_phrase(skills: Sequence[str], limit: int = 6) -> str:
    """Skill names as they read mid-sentence and joined ("patient education, triage and Epic")."""
    return natural_join(skill_in_prose(s) for s in list(skills)[:limit])


def sentence(text: str) -> str:
    """``text`` as a sentence: first letter capitalised, one final full stop, spaces tidied."""
    text = " ".join(text.split()).strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    if text.endswith((".", "!", "?")):
        return text
    text = text.rstrip(",;: ")
    if not text.strip(".!?,;: "):
        return ""  # punctuation alone makes no sentence
    return text if text.endswith((".", "!", "?")) else text + "."


def lower_first(text: str) -> str:
    """``Led the team`` -> ``led the team``; an acronym (``AWS``) or a name-like word (``iOS``) is kept."""
    if len(text) > 1 and (text[1].isupper() or not text[:1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def as_reader(text: str) -> str:
    """A posting's words addressed back to its author: ``our platform`` -> ``your platform``."""

    def swap(match: re.Match[str]) -> str:
        word = _READER_WORDS[match.group(1).lower()]
        return word.capitalize() if match.group(1)[0].isupper() else word

    return re.sub(r"\b(our|ours|we|us|ourselves)\b", swap, text, flags=re.IGNORECASE)


def role_phrase(role: str | None) -> str:
    """How a letter names the job: ``the Staff Nurse role``; ``this role`` when the posting names none.

    A title that already ends in a role noun ("Graduate Scheme position") gets no second one.
    """
    role = " ".join((role or "").split())
    if not role:
        return "this role"
    if role.split()[-1].lower().strip(".") in _ROLE_NOUNS:
        return f"the {role}"
    return f"the {role} role"


# "Self-employed", "Freelance": a way of working, not an employer one works "at".
_NO_EMPLOYER = re.compile(r"^(?:self[- ]employed|freelance|freelancer|independent|contract(?:or)?|various)$", re.I)


def at_employer(employer: str | None) -> str:
    """`` at Acme Health`` or nothing: the employer is never turned into a possessive, and "Self-employed" is no
    place one works at."""
    employer = " ".join((employer or "").split())
    return f" at {employer}" if employer and not _NO_EMPLOYER.match(employer) else ""


def work_clause(title: str | None, organisation: str | None, current: bool) -> str | None:
    """``I currently work as Staff Nurse at Glenfield Park Hospital`` (``Most recently I worked as ...``), or None
    when the title is not a job title. "as <title>" needs no article, so it holds for every title."""
    title = " ".join((title or "").split())
    if not title or not has_title_word(title):
        return None
    if current:
        return f"I currently work as {title}{at_employer(organisation)}"
    return f"Most recently I worked as {title}{at_employer(organisation)}"


def is_duty(text: str) -> bool:
    """Whether ``text`` starts with a verb a duty starts with ("Lead infection control projects")."""
    first = re.match(r"[A-Za-z]+", text.strip())
    return first is not None and first.group().lower() in DUTY_VERBS


def duty_clause(text: str) -> str | None:
    """A posting's duty as a clause that can follow "someone to": ``lead infection control projects``.

    None for a line that is not a duty ("Our 24-bed unit cares for ..."): the sentence is left out.
    """
    text = " ".join(text.split()).strip().rstrip(".;:")
    lead = re.match(
        r"^(?:(?:in this (?:role|position)|as (?:an?|the|our) [^,]{1,40}?|day[- ]to[- ]day|every day),?\s+)?"
        r"(?:you will|you'll|you’ll|you would|you'd|you are going to|you're going to)\s+(?:also\s+)?"
        r"(?:be responsible for\s+)?",
        text,
        re.IGNORECASE,
    )
    if lead and lead.end():
        text = text[lead.end() :]
    if not is_duty(text) or len(text.split()) < 2:
        return None  # "Our 24-bed unit ..." describes; a lone "Counsel" names no duty
    verb = text.split()[0]
    if len(verb) > 1 and verb.isupper():
        text = verb.lower() + text[len(verb) :]  # "COUNSEL patients": a verb in capitals, not an acronym
    return as_reader(lower_first(text))


def looking_for_sentence(duties: Sequence[str]) -> str | None:
    """``You are looking for someone to lead X and to educate Y.`` from the first two duties that are verb clauses."""
    clauses = [c for c in (duty_clause(d) for d in duties) if c][:2]
    if not clauses:
        return None
    if any("," in c or " and " in c for c in clauses[:1]):
        clauses = clauses[:1]  # "build X, growing Y and to negotiate Z" would read as one long list
    return sentence("You are looking for someone to " + " and to ".join(clauses))


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "or", "with", "&"})


_AWARDING_BODY = re.compile(r"\b(?:Council|Society|Board|Institute|Institution|Association|College|Authority|Register)$")
_CREDENTIAL_KIND = re.compile(r"(registration|licence|license|membership|fellowship)\b", re.I)


def short_credential(line: str) -> str:
    """A credential line as a letter names it: without brackets, the awarding body or the date after a comma.

    "ECS Gold Card – Installation Electrician (valid to 2027)" -> "ECS Gold Card – Installation Electrician";
    "Basic Life Support (BLS), American Heart Association, 2025" -> "Basic Life Support";
    "Full UK driving licence" -> "full UK driving licence" (sentence case reads in lower case mid-sentence).
    """
    text = re.sub(r"\s*\([^)]*\)", "", " ".join(line.split())).strip(" .;:!?,")
    parts = [p.strip(" .;:!?,") for p in re.split(r",\s+", text)]
    text = parts[0]
    kind = next((m.group(1) for p in parts[1:] if (m := _CREDENTIAL_KIND.match(p))), None)
    if kind and _AWARDING_BODY.search(text):
        text = f"{text} {kind.lower()}"  # "General Pharmaceutical Council, registration 2231890": the registration
    words = text.split()
    sentence_case = any(w[:1].islower() for w in words[1:] if w.lower() not in _SMALL_WORDS)
    acronym = bool(words) and words[0].isupper() and len(words[0]) > 1  # "ECS card" keeps its capitals; "A qualified ..." does not
    if len(words) > 1 and not acronym and sentence_case and (words[1].islower() or words[1].isupper()):
        text = lower_first(text)  # "Full UK driving licence" -> "full UK ..."; "City & Guilds 2391 ..." stays a name
    return text


def credentials_sentence(lines: Sequence[str]) -> str | None:
    """``I hold the qualifications the posting asks for: A; B; C.`` or None for no lines."""
    names = [n for n in dict.fromkeys(short_credential(line) for line in lines) if n]
    if not names:
        return None
    return sentence("I hold the qualifications the posting asks for: " + "; ".join(names))
