"""People, organisations, contact details, dates and money in free text."""

from __future__ import annotations

from datetime import date

from convilyn.tools.entities import extract_entities

TEXT = """Meeting with Jane Doe (jane.doe@acme.com) and Dr. Raj Patel from Globex Corporation on March 3, 2026.
Call +1 (415) 555-0132 or 020 7946 0958. The budget is $1.2 million; the salary band is $150k–$180k, or 5,000 EUR.
See https://acme.com/careers and linkedin.com/in/janedoe. Bob will follow up next Tuesday.
She worked at Initech from 2019-2021 and studied at the University of Oxford. @erin owns the rollout."""


def test_people_and_organisations() -> None:
    entities = extract_entities(TEXT, date(2026, 11, 20))

    assert entities.people == ["Jane Doe", "Raj Patel", "Bob", "Erin"]  # named as owners are: without "Dr."
    assert entities.organisations == ["Globex Corporation", "Initech", "University of Oxford"]


def test_contact_details_and_links() -> None:
    entities = extract_entities(TEXT, date(2026, 11, 20))

    assert entities.emails == ["jane.doe@acme.com"]
    assert entities.phones == ["+1 (415) 555-0132", "020 7946 0958"]
    assert entities.urls == ["https://acme.com/careers", "linkedin.com/in/janedoe"]


def test_money_amounts_and_ranges() -> None:
    assert extract_entities(TEXT).money == ["$1.2 million", "$150k–$180k", "5,000 EUR"]


def test_dates_resolve_to_iso_against_the_reference() -> None:
    dates = {d.text: d.iso for d in extract_entities(TEXT, date(2026, 11, 20)).dates}

    assert dates["March 3, 2026"] == "2026-03-03"
    assert dates["next Tuesday"] == "2026-11-24"
    assert "2019-2021" not in dates  # a year range is neither a date nor a phone number


def test_years_and_version_numbers_are_not_phones() -> None:
    entities = extract_entities("Released v2.3.1 in 2019 - 2021, order 1234, ISBN-free text.")

    assert entities.phones == []


def test_ordinary_capitalised_words_are_not_people() -> None:
    entities = extract_entities("Monday Planning Session. The Team agreed. Senior Engineer needed in Berlin.")

    assert entities.people == []


def test_a_job_title_before_a_full_name_marks_a_person() -> None:
    text = (
        "The finance team, led by Chief Financial Officer Marcus Hale, cut costs. "
        "CEO Omar Farouk agreed. The Director General Assembly met on Monday."
    )

    assert extract_entities(text, date(2026, 1, 1)).people == ["Marcus Hale", "Omar Farouk"]


def test_people_the_document_introduces_in_timestamped_turns_labels_and_bracketed_roles() -> None:
    text = ("Speakers: Siobhán Kelly (site manager), Pál Horváth (snagging)\n"
            "[08:30] Siobhán: Morning all.\n[08:31] Øyvind: I'll confirm it.\n[08:33] Øyvind: Done.\n"
            "2. Send alerts to the pager - owner: Aiyana Redcloud - due 20 February 2026\n"
            "- Gareth Pugh (IT) to set up reminders by 29 May 2026.\n")  # fmt: skip
    people = extract_entities(text).people
    assert {"Siobhán Kelly", "Pál Horváth", "Aiyana Redcloud", "Gareth Pugh"} <= set(people)
    assert "Speakers" not in people and "Kelly" not in people


def test_a_bare_weekday_is_the_coming_one() -> None:
    dates = {d.text: d.iso for d in extract_entities("Done by Friday; last Friday was quiet.", date(2026, 5, 6)).dates}
    assert dates == {"Friday": "2026-05-08", "last Friday": "2026-05-01"}
