"""Sentence plans hold for any value: generated titles, employers, skills and duties never break the grammar."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from convilyn.tools.prose import (
    credentials_sentence,
    duty_clause,
    looking_for_sentence,
    natural_join,
    role_phrase,
    sentence,
    short_credential,
    skills_phrase,
    work_clause,
)
from convilyn.tools.voice import first_person, past_tense

WORD = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=1, max_size=10)
NAME = st.lists(WORD, min_size=1, max_size=5).map(lambda words: " ".join(w[:1].upper() + w[1:] for w in words))
ANY_TEXT = st.text(max_size=60)


@given(st.lists(WORD, max_size=6))
def test_a_list_reads_as_a_person_writes_it(items: list[str]) -> None:
    joined = natural_join(items)
    assert joined.count(" and ") >= (1 if len(items) >= 2 else 0)
    assert ", and" not in joined and not joined.startswith(",")
    if len(items) >= 3:
        assert joined.count(", ") == len(items) - 2 + sum(i.count(", ") for i in items)


@given(ANY_TEXT)
def test_a_sentence_has_one_capital_start_and_one_end(text: str) -> None:
    result = sentence(text)
    if result:
        assert result[-1] in ".!?"
        assert not result.endswith("..") or text.strip().endswith("..")
        assert result == " ".join(result.split())


@given(st.one_of(st.none(), NAME))
def test_the_role_is_named_once_without_possessives(role: str | None) -> None:
    phrase = role_phrase(role)
    assert phrase.startswith(("the ", "this "))
    assert "'s" not in phrase.replace(role or "", "")
    assert not re.search(r"\b(role|position) role\b", phrase)


@given(NAME, st.one_of(st.none(), NAME), st.booleans())
def test_a_work_clause_needs_no_article_and_refuses_non_titles(title: str, org: str | None, current: bool) -> None:
    clause = work_clause(title, org, current)
    if clause is None:
        return
    assert clause.startswith(("I currently work as ", "Most recently I worked as "))
    assert " as a " not in clause.split(title)[0] and " as an " not in clause.split(title)[0]


def test_a_department_is_not_taken_for_a_title() -> None:
    assert work_clause("Education & Training", "Acme", True) is None
    assert work_clause("Staff Nurse", "Beacon Hill General Hospital", True) == (
        "I currently work as Staff Nurse at Beacon Hill General Hospital"
    )


@given(st.lists(ANY_TEXT, max_size=4))
@settings(max_examples=200)
def test_a_duty_sentence_only_ever_follows_someone_to_with_a_verb(duties: list[str]) -> None:
    result = looking_for_sentence(duties)
    if result is None:
        return
    assert result.startswith("You are looking for someone to ")
    first = result.removeprefix("You are looking for someone to ").split()[0]
    assert first.isalpha() and first.islower()


def test_a_description_is_not_turned_into_a_duty() -> None:
    assert duty_clause("Our 24-bed unit cares for patients after surgery.") is None
    assert duty_clause("In this role you will oversee our daily operations.") == "oversee your daily operations"
    assert looking_for_sentence(["Lead infection control projects.", "Educate patients and families."]) == (
        "You are looking for someone to lead infection control projects and to educate patients and families."
    )


@given(st.lists(st.sampled_from(["Python", "Budgeting", "Patient Education", "AWS", "B2B Sales"]), max_size=8))
@settings(deadline=None)  # the first example loads the skills vocabulary
def test_skills_read_mid_sentence(skills: list[str]) -> None:
    phrase = skills_phrase(skills)
    assert "Budgeting" not in phrase  # a common noun is written in lower case mid-sentence
    assert phrase.count(" and ") <= 1 + sum(s.count(" and ") for s in skills)


@given(st.lists(ANY_TEXT, max_size=5))
def test_a_credentials_sentence_holds_for_any_lines(lines: list[str]) -> None:
    result = credentials_sentence(lines)
    if result is None:
        assert not any(short_credential(line) for line in lines)
        return
    assert result.startswith("I hold the qualifications the posting asks for: ") and result.endswith(".")
    assert "()" not in result and ";;" not in result


@given(NAME, st.sampled_from(["", " (valid to 2027)", ", City of Bristol College, 2015", " (BLS), AHA, 2025"]))
def test_a_credential_is_named_without_brackets_body_or_date(name: str, tail: str) -> None:
    short = short_credential(name + tail)
    assert "(" not in short and "2015" not in short and short.lower() == name.split(", ")[0].lower().strip(" .;")


def test_credentials_read_mid_sentence_as_written() -> None:
    assert short_credential("Full UK driving licence") == "full UK driving licence"
    assert short_credential("City & Guilds 2391 inspection and testing, or equivalent.") == (
        "City & Guilds 2391 inspection and testing")
    assert skills_phrase(["Fault finding", "Fire alarm systems", "Epic Systems"]) == (
        "fault finding, fire alarm systems and Epic Systems")


VERB = st.sampled_from(["lead", "plan", "carry", "manage", "run", "build", "teach", "audit", "ship", "care"])


@given(VERB, st.lists(WORD, min_size=1, max_size=6), st.booleans())
def test_a_bullet_in_the_candidates_voice_has_one_i_and_the_right_tense(verb: str, rest: list[str], current: bool) -> None:
    said = first_person(f"{verb.capitalize()} {' '.join(rest)}", current=current)
    assert said is not None and said.startswith("I ") and said.endswith(".")
    assert said.split()[1] == (verb if current else past_tense(verb))


def test_bullets_read_in_the_first_person() -> None:
    assert first_person("Carry out periodic inspection and testing", current=True) == (
        "I carry out periodic inspection and testing.")
    assert first_person("Plan and run staff training", current=False) == "I planned and ran staff training."
    assert first_person("Manages the rota", current=True) == "I manage the rota."
    assert first_person("Cut the close from nine days to four.", current=True) == "I cut the close from nine days to four."
    assert first_person("Link nurse for NIV: wrote the booklet", current=True) == (
        "As link nurse for NIV, I wrote the booklet.")
    assert first_person("Administer IV medicines; completed the IV competencies", current=True) == (
        "I administer IV medicines; I completed the IV competencies.")
    assert first_person("Member of the audit committee", current=True) is None  # no verb: no claim made up
    assert first_person("Research into falls on the ward", current=True) is None  # a noun that is also a verb


@given(NAME, st.one_of(st.none(), NAME, st.sampled_from(["Self-employed", "Freelance"])), st.booleans())
def test_the_work_clause_needs_no_article_and_no_one_works_at_self_employed(
    title: str, org: str | None, current: bool
) -> None:
    clause = work_clause(f"{title} Manager", org, current)
    assert clause is not None and clause.startswith(("I currently work as ", "Most recently I worked as "))
    assert " as a " not in clause and " as an " not in clause.split("Manager")[0]
    assert "at Self-employed" not in clause and "at Freelance" not in clause
