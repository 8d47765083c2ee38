"""A posting's requirement lists name what it asks for in its own words; a resume line shows it or does not."""

from __future__ import annotations

import pytest

from convilyn.tools.posting import parse_job_posting
from convilyn.tools.requirement_phrases import evidence, requirement_phrase

PERSON_SPECIFICATION = """# Senior Staff Nurse (Band 6)
Northfield Hospitals NHS Foundation Trust

## Main duties
- Take charge of the ward, coordinating staffing across the shift.

## Person specification
Essential
- Registered nurse (Adult) with current NMC registration
- Non-invasive ventilation competency
- Shift coordination
Desirable
- Tracheostomy care

## What we offer
- NHS pension and flexible rostering
"""


@pytest.mark.parametrize(
    ("item", "phrase"),
    [
        ("Non-invasive ventilation competency", "Non-invasive ventilation"),
        ("Hands-on qPCR experience", "qPCR"),
        ("Fault finding experience on three-phase systems.", "Fault finding"),
        ("Accurate record keeping", "Record keeping"),
        ("Facilitation of workshops, in person and online", "Facilitation of workshops"),
        ("Experience designing learning for adults, in any setting", "Designing learning for adults"),
    ],
)
def test_a_short_list_item_names_what_is_asked_without_its_framing_words(item: str, phrase: str) -> None:
    assert requirement_phrase(item) == phrase


@pytest.mark.parametrize(
    "item",
    [
        "Lead audits of documentation and infection control and act on the results.",  # a duty
        "Experience at band 5 in acute or respiratory medicine and a passion for teaching others",  # a sentence
        "A degree in biomedical science or a related subject",  # education
        "ECS card (or willing to obtain one).",  # a credential
        "Healthcare or regulated industries",  # a field
        "Production",  # a lone common word
        "27 days' annual leave plus bank holidays",
        "You will have a can-do attitude",
        "At least three years' post-qualifying experience in children's safeguarding",  # a length of service
        "2+ years in a customer-facing role",
    ],
)
def test_sentences_duties_degrees_credentials_fields_and_durations_are_no_requirement_phrases(item: str) -> None:
    assert requirement_phrase(item) is None


def test_a_person_specification_splits_into_essential_and_desirable_and_skips_the_offer() -> None:
    posting = parse_job_posting(PERSON_SPECIFICATION)
    assert posting.employer == "Northfield Hospitals NHS Foundation Trust"
    assert {"Non-invasive ventilation", "Shift coordination"} <= set(posting.required_skills)
    assert posting.nice_to_have_skills == ["Tracheostomy care"]
    assert not any("pension" in s.lower() for s in posting.skills)


def test_a_resume_line_shows_a_phrase_in_other_word_forms_and_an_alternative_only_as_itself() -> None:
    lines = ["Take charge of the ward on late shifts, coordinating discharges.", "Articulate Rise", "Kept stock records"]
    assert evidence("Shift coordination", lines) == ("Shift coordination", lines[0])
    assert evidence("Articulate Rise or Storyline", lines) == ("Articulate Rise", "Articulate Rise")
    assert evidence("Record keeping", lines) == ("Record keeping", lines[2])
    assert evidence("Training needs analysis", lines) is None
