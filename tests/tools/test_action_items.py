"""Action items from meeting notes: owners, due dates, and nothing invented from discussion."""

from __future__ import annotations

from datetime import date

from convilyn.tools.action_items import extract_action_items, notes_reference_date

NOTES = """Meeting notes — 20 Nov 2026
Attendees: Alice, Bob, Carol, Dave, Erin

Discussion
We discussed whether to send the deck to the client.
Bob mentioned he might look at it.
Alice asked if anyone could help with the migration.
Carol sent the report last week.
Should we move the launch?
Bob will be out next week.

ACTION: Bob to send the deck by Friday
- [ ] Alice: update the roadmap (due 2026-12-01)
TODO Carol will review the budget by next Tuesday
Dave will draft the RFP by March 3
@erin follow up with legal
"""


def _triples(text: str, reference: date | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(i.task, i.owner, i.due) for i in extract_action_items(text, reference)]


def test_common_notations_give_task_owner_and_due() -> None:
    assert _triples(NOTES) == [
        ("Send the deck", "Bob", "2026-11-27"),
        ("Update the roadmap", "Alice", "2026-12-01"),
        ("Review the budget", "Carol", "2026-11-24"),
        ("Draft the RFP", "Dave", "2027-03-03"),
        ("Follow up with legal", "Erin", None),
    ]


def test_discussion_questions_and_reports_are_not_items() -> None:
    sources = [i.source for i in extract_action_items(NOTES)]

    for line in (
        "We discussed whether to send the deck to the client.",
        "Bob mentioned he might look at it.",
        "Alice asked if anyone could help with the migration.",
        "Carol sent the report last week.",
        "Should we move the launch?",
        "Bob will be out next week.",
    ):
        assert line not in sources


def test_notes_date_is_the_reference_for_relative_dates() -> None:
    assert notes_reference_date(NOTES) == date(2026, 11, 20)
    assert notes_reference_date("Date: 2026-02-02\nBob to call") == date(2026, 2, 2)
    assert notes_reference_date("no date here", date(2025, 1, 1)) == date(2025, 1, 1)


def test_explicit_reference_date_wins() -> None:
    items = extract_action_items("Date: 2026-11-20\nACTION: Bob to send the deck by Friday", date(2026, 12, 1))

    assert items[0].due == "2026-12-04"
    assert items[0].due_text == "Friday"


def test_items_under_action_headings_and_trailing_owners() -> None:
    notes = """Standup 2026-11-16

Next steps
- Finalise the vendor shortlist — Gina
- Legal review of the contract (owner: Hana) by end of month
- Everyone to read the spec EOD Friday
- [x] Frank to book the room

Notes
Random remark about lunch."""

    items = extract_action_items(notes)

    assert [(i.task, i.owner, i.due) for i in items] == [
        ("Finalise the vendor shortlist", "Gina", None),
        ("Legal review of the contract", "Hana", "2026-11-30"),
        ("Read the spec", "Everyone", "2026-11-20"),
        ("Book the room", "Frank", None),
    ]
    assert items[3].done is True
    assert items[1].due_text == "end of month"


def test_docx_style_action_list(docx_file) -> None:
    from convilyn.tools.parsing import extract_text

    items = extract_action_items(extract_text(docx_file).text)

    assert [(i.task, i.owner, i.due) for i in items] == [
        ("Update the roadmap", "Alice", "2026-11-27"),
        ("Order the laptops", "Bob", None),
    ]


def test_prose_with_two_commitments_and_shared_owner() -> None:
    notes = """Weekly sync
We agreed on the plan. Bob will send the deck by Friday and Alice will review it.
John and Mary will prepare the slides for the board.
Then Sarah will call the vendor tomorrow.
Decision: Alice to own the migration.
Priya - schedule the retro for next Thursday
Bob will not attend the offsite.
The deck will be sent by Friday.
Tom said he would check the logs.
Nina might update the wiki.
Who will own the rollout?
Alice: I think the numbers look off."""

    assert _triples(notes, date(2026, 11, 18)) == [
        ("Send the deck", "Bob", "2026-11-20"),
        ("Review the deck", "Alice", None),  # "it" is what the clause before it names
        ("Prepare the slides for the board", "John and Mary", None),
        ("Call the vendor", "Sarah", "2026-11-19"),
        ("Own the migration", "Alice", None),
        ("Schedule the retro for next Thursday", "Priya", None),
    ]


def test_notes_without_actions_give_nothing() -> None:
    notes = "Retro\nThe release went well. Carol presented the metrics. Everyone enjoyed the demo."

    assert extract_action_items(notes, date(2026, 1, 1)) == []


def test_action_item_tables_but_not_other_tables() -> None:
    notes = """Ops review 2026-11-20

| Task | Owner | Due |
|---|---|---|
| Send the deck | Bob | Friday |
| Book the venue | @erin | |

Item | Owner | Cost
Cloud | Alice | $12,000
"""

    assert _triples(notes) == [("Send the deck", "Bob", "2026-11-27"), ("Book the venue", "Erin", None)]


def test_marker_alone_heads_a_list() -> None:
    notes = "TODO:\n- call the bank\n- Bob: renew the domain\nTODO: email Sam\nNotes\n- Bob liked the demo"

    assert _triples(notes, date(2026, 1, 1)) == [
        ("Call the bank", None, None),
        ("Renew the domain", "Bob", None),
        ("Email Sam", None, None),
    ]


def test_roll_call_lines_are_not_items_even_with_mentions() -> None:
    notes = "Standup\nPresent: @dana, @liam, Raj Patel\n\nNext steps:\n@dana to update the checklist\n"

    assert _triples(notes, date(2026, 1, 5)) == [("Update the checklist", "Dana", None)]


def test_a_placeholder_owner_leaves_the_item_without_an_owner() -> None:
    notes = "Next steps:\nTODO: rotate the staging credentials (owner TBD)\nTBD: book the room\n"

    assert _triples(notes, date(2026, 1, 5)) == [
        ("Rotate the staging credentials", None, None),
        ("Book the room", None, None),
    ]


def test_yearless_numeric_dates_set_the_meeting_date_and_due_dates() -> None:
    notes = "Weekly Platform Standup — 12/05\n\nNext steps:\nSofia - write up the load test results by 12/09\n"

    meeting = notes_reference_date(notes)
    assert (meeting.month, meeting.day) == (12, 5)
    assert _triples(notes, date(2026, 12, 5)) == [("Write up the load test results", "Sofia", "2026-12-09")]


def test_undated_notes_count_relative_dates_from_the_one_clock() -> None:
    from datetime import timedelta

    from convilyn.core.clock import clock
    from convilyn.tools.entities import extract_entities

    notes = "ACTION: Bob to send the deck by tomorrow"
    clock.advance(timedelta(days=400))
    try:
        tomorrow = (clock.today() + timedelta(days=1)).isoformat()
        assert [i.due for i in extract_action_items(notes)] == [tomorrow]
        assert [d.iso for d in extract_entities(notes).dates] == [tomorrow]
    finally:
        clock.reset()


def test_dated_notes_give_entities_and_due_dates_one_day_for_friday_and_eod_tomorrow() -> None:
    from convilyn.tools.entities import extract_entities

    notes = "Date: Wednesday 6 May 2026\n\nBen: I'll send the list by Friday.\nYuki: I'll book the room by EOD tomorrow.\n"
    items = {i.due_text: i.due for i in extract_action_items(notes)}
    dates = {d.text: d.iso for d in extract_entities(notes).dates}
    assert items == {"Friday": "2026-05-08", "EOD tomorrow": "2026-05-07"}
    assert dates["Friday"] == items["Friday"] and dates["EOD tomorrow"] == items["EOD tomorrow"]


TIMESTAMPED = """Site call, recorded Wednesday 6 May 2026
[08:30] Siobhán: Morning all. Three things today.
[08:31] Øyvind: The scaffold can come down on Monday. I'll confirm the strike date with Harlow by EOD tomorrow.
[08:33] Pál: We're at 140 items. I'll split the list by trade and send it round by Friday.
[08:35] Marcus: I'll chase the certificates this week, they promised them last Friday.
[08:37] Øyvind: Just so everyone knows, I'm on leave next Wednesday.
[08:37] Pál: Should we move the skip?
"""


def test_timestamped_turns_of_several_sentences_give_the_speakers_commitments() -> None:
    assert _triples(TIMESTAMPED) == [
        ("Confirm the strike date with Harlow", "Øyvind", "2026-05-07"),
        ("Split the list by trade and send it round", "Pál", "2026-05-08"),
        ("Chase the certificates", "Marcus", "2026-05-08"),  # the afterthought is not part of the task
    ]


MINUTES = """# Trustees' Meeting
Minutes of the meeting held on Tuesday 3 March 2026

### 1. Welcome and apologies
The chair welcomed trustees.

### 3. Treasurer's report
**ACTION:** Katarzyna Nowak to prepare the annual accounts by 31 March.

### 4. Polytunnel repair
Trustees agreed to accept the lowest quote, from GreenSpan.
- Place the order with GreenSpan this week (Rashid)
- Gareth Pugh (IT) to set up the booking page by 29 May 2026.

### 6. Any other business
None.
"""


def test_minutes_give_bold_actions_bracketed_owners_and_no_decisions_or_agenda_lines() -> None:
    assert _triples(MINUTES) == [
        ("Prepare the annual accounts", "Katarzyna Nowak", "2026-03-31"),
        ("Place the order with GreenSpan", "Rashid", "2026-03-06"),
        ("Set up the booking page", "Gareth Pugh", "2026-05-29"),
    ]


def test_a_feedback_question_under_next_steps_is_not_an_item() -> None:
    assert _triples("## Next steps\n- Leila will present the plan on 14 April 2026.\nWas this page helpful? Yes No\n",
                    date(2026, 3, 24)) == [("Present the plan", "Leila", "2026-04-14")]


def test_a_request_taken_on_by_i_can_do_that_is_the_repliers_task() -> None:
    call = """Sync call, Monday 23 November 2026
Laura Chen (Northwind): So the duplicates come from the retry.
Marco Rossi (Contoso): Two fields don't map. Could someone send me the updated field mapping by Thursday?
Aisha Bello (Northwind): I can do that.
Laura Chen (Northwind): Marco, can your team check the connector timeout?
Marco Rossi (Contoso): Sure, we'll look at it this week.
"""
    assert _triples(call) == [
        ("Send Marco Rossi the updated field mapping", "Aisha Bello", "2026-11-26"),
        ("Check the connector timeout", "Marco Rossi", "2026-11-27"),  # due when the reply says
    ]


def test_a_question_nobody_takes_on_gives_no_task() -> None:
    call = "Ann Lee: Could someone check the logs?\nBob Ray: Not sure, it was fine yesterday.\nAnn Lee: OK.\n"
    assert _triples(call, date(2026, 1, 5)) == []


def test_minutes_reporting_who_said_they_would_do_it_name_the_owner_in_full() -> None:
    minutes = """Present: Margaret Ollerenshaw, Sinéad Fitzgerald
Sinéad asked who could rebook the safeguarding course, as Beatriz was absent. Margaret said she would do it.
"""
    assert _triples(minutes, date(2026, 11, 12)) == [
        ("Rebook the safeguarding course", "Margaret Ollerenshaw", None)
    ]


def test_owners_take_the_full_name_an_attendance_table_gives() -> None:
    notes = """Name | Role
Devendra Pillai | Treasurer
Dev Patel | Member

Devendra to confirm the order by 20 November.
- Book the coaching course (Dev)
"""
    assert _triples(notes, date(2026, 11, 12)) == [
        ("Confirm the order", "Devendra Pillai", "2026-11-20"),
        ("Book the coaching course", "Dev Patel", None),
    ]


def test_an_email_asking_someone_by_name_gives_them_the_task() -> None:
    email = """From: Priya Nair <priya@example.com>
To: Tom Okafor <tom@example.com>; Grace Liu <grace@example.com>
Date: Wed, 18 Nov 2026 16:42

Let's go with Option B. Tom, could you book the castle by Friday? Grace, please send the save-the-date to the
team once the booking is confirmed.
"""
    assert _triples(email) == [
        ("Book the castle", "Tom Okafor", "2026-11-20"),
        ("Send the save-the-date to the team once the booking is confirmed", "Grace Liu", None),
    ]


def test_a_paragraph_of_next_steps_gives_one_task_per_sentence_and_the_person_leading_owns_it() -> None:
    report = """Date: 9 October 2026
Next steps
Engineering, led by Tariq Mehmood, will obtain three tenders by 30 October 2026. Hannah Lowe will present the
case on 12 November 2026. All drivers will complete refresher training by the end of December, organised by
Agnieszka Wróbel.
"""
    assert _triples(report) == [
        ("Obtain three tenders", "Tariq Mehmood", "2026-10-30"),
        ("Present the case", "Hannah Lowe", "2026-11-12"),
        ("All drivers will complete refresher training", "Agnieszka Wróbel", "2026-12-31"),
    ]


def test_dotted_and_french_dates_are_day_first() -> None:
    notes = """Date: 03.02.2026
## Actions
- Chiara: repeat the crush test by 10.02.2026
- Élodie will confirm the delivery slot before 20 février
"""
    assert _triples(notes) == [
        ("Repeat the crush test", "Chiara", "2026-02-10"),
        ("Confirm the delivery slot", "Élodie", "2026-02-20"),
    ]


def test_an_owned_event_is_the_owners_task_and_next_week_is_met_by_its_friday() -> None:
    notes = """Date: 27 November 2026
## What happens next
- Library staff training sessions start on 5 January (owner: Owen Pryce).
- Nadia will chase the supplier next week.
"""
    assert _triples(notes) == [
        ("Start library staff training sessions", "Owen Pryce", "2027-01-05"),
        ("Chase the supplier", "Nadia", "2026-12-04"),
    ]
