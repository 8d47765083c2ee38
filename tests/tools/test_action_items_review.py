"""Action items and summaries on the classes an independent review of unseen notes found failing.

Each test writes a small document of one class (not a copy of the reviewer's examples) and checks what a
reader of the action list or the summary would: the task, its owner in full and its due date.
"""

from __future__ import annotations

from datetime import date

from convilyn.tools.action_items import extract_action_items
from convilyn.tools.analysis import summarize
from convilyn.tools.entities import extract_entities
from convilyn.tools.text import without_quoted_replies

MONDAY = date(2027, 3, 8)


def _triples(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(i.task, i.owner, i.due) for i in extract_action_items(text, MONDAY)]


def test_a_reply_that_refers_back_takes_the_request_as_its_task() -> None:
    call = """Kit call
Omar Haddad: Could someone also check the loan laptops have the new image?
Bea Lind: I can do that this afternoon.
Omar Haddad: Bea, could you pull the serial numbers and send them to the supplier by Wednesday?
Bea Lind: Sure, will do.
Bea Lind: Omar, can you ask facilities for two more trolleys?
Omar Haddad: Yes, I'll chase them this morning.
"""
    assert _triples(call) == [
        ("Check the loan laptops have the new image", "Bea Lind", "2027-03-08"),  # due from the reply
        ("Pull the serial numbers and send them to the supplier", "Bea Lind", "2027-03-10"),
        ("Ask facilities for two more trolleys", "Omar Haddad", "2027-03-08"),
    ]


def test_commitments_inside_a_longer_turn_and_same_day_deadlines() -> None:
    call = """Release call
Nell Park (Fernway): We'll publish the patch to the staging site on Tuesday morning and I'll confirm in the channel once it's live.
Jon Ruiz: We've agreed to refund the March invoice, and I'll raise that with billing today.
Jon Ruiz: Today I'm fixing the export filter in the report screen, should be done by lunch.
Nell Park (Fernway): We'll see how it goes.
"""
    assert _triples(call) == [
        ("Publish the patch to the staging site", "Nell Park", "2027-03-09"),
        ("Confirm in the channel once it's live", "Nell Park", None),
        ("Raise that (refund the March invoice) with billing", "Jon Ruiz", "2027-03-08"),
        ("Fix the export filter in the report screen", "Jon Ruiz", "2027-03-08"),
    ]


def test_a_next_steps_paragraph_gives_one_item_per_sentence() -> None:
    text = ("Next steps: Selma Berg will circulate the seating plan by 19 March. Estates (Victor Lamb) will book the "
            "movers in April. IT will move the desk phones over the weekend of 2 May.")
    assert [(t, o) for t, o, _ in _triples(text)] == [
        ("Circulate the seating plan", "Selma Berg"),
        ("Book the movers in April", "Victor Lamb"),
        ("Move the desk phones over the weekend of 2 May", "IT"),
    ]


def test_minutes_owners_by_role_title_and_apposition_are_named_from_the_roll_call() -> None:
    minutes = """Present: Mrs Hazel Grant (Chair), Mr Idris Khan (Headteacher), Dr Mira Patel, Mr Leo Dunn, Ms Ava Roe (Clerk)
The bursar, Noel Tate, to cost the new roof.
Chair to sign the catering contract.
Headteacher to report on attendance in May.
Clerk to circulate the policy pack.
Mr Dunn to prepare the safeguarding summary.
Dr Patel and the Chair to visit Year 2.
Date of next meeting: Tuesday 6 April 2027.
"""
    assert [(t, o) for t, o, _ in _triples(minutes)] == [
        ("Cost the new roof", "Noel Tate"),
        ("Sign the catering contract", "Hazel Grant"),
        ("Report on attendance in May", "Idris Khan"),
        ("Circulate the policy pack", "Ava Roe"),
        ("Prepare the safeguarding summary", "Leo Dunn"),
        ("Visit Year 2", "Mira Patel and Hazel Grant"),
    ]


def test_hyphenated_given_names_own_tasks_and_resolve_in_full() -> None:
    notes = """Attendees: Li-Na Wong, Jean-Marc Blanc (lead), Tess Hart
**Li-Na** to write the cache runbook before next retro.

Owner | Action | Due
Jean-Marc | Book the capacity review | 12 Mar
Tess | Tidy the dashboards | 15 Mar
"""
    assert _triples(notes) == [
        ("Write the cache runbook before next retro", "Li-Na Wong", None),
        ("Book the capacity review", "Jean-Marc Blanc", "2027-03-12"),
        ("Tidy the dashboards", "Tess Hart", "2027-03-15"),
    ]
    assert extract_entities(notes, MONDAY).people == ["Li-Na Wong", "Jean-Marc Blanc", "Tess Hart"]


def test_a_purpose_sentence_and_a_risk_owner_are_not_tasks() -> None:
    report = """Project Orbit will replace the paper timesheets with a phone app by the end of May 2027.

## Risks
- Union consultation on the app (owner: Kim Lee)
- Chase the union for a consultation date (owner: Kim Lee)
"""
    assert _triples(report) == [("Chase the union for a consultation date", "Kim Lee", None)]


def test_an_emails_requests_its_authors_commitments_and_pronouns_with_their_referent() -> None:
    email = """From: Tamsin Holt <tamsin@example.org>
To: Ravi Shah <ravi@example.org>, Edda Berg <edda@example.org>
Subject: Open day

Ravi — please get the welcome banners printed, we need six by 20 March.
I'll send the parking map to the venue tomorrow.
We will pause new stall bookings until April; Edda will file them in the open-day folder.

On 5 March 2027, Edda Berg wrote:
> Edda will book the minibus.
"""
    assert _triples(email) == [
        ("Get the welcome banners printed", "Ravi Shah", "2027-03-20"),
        ("Send the parking map to the venue", "Tamsin Holt", "2027-03-09"),
        ("File new stall bookings in the open-day folder", "Edda Berg", None),
    ]


def test_quoted_replies_leave_the_email_but_forwarded_text_stays() -> None:
    email = "Subject: Venue\n\nLet's book Leeds.\n\nOn 2 March, Al wrote:\n> I'd lean York.\n"
    assert without_quoted_replies(email) == "Subject: Venue\n\nLet's book Leeds."
    assert "York" not in " ".join(summarize(email).sentences)
    notes = "Notes\n> A quote in notes that are no email stays."
    assert without_quoted_replies(notes) == notes


def test_a_labelled_or_confirmed_decision_leads_the_summary() -> None:
    labelled = """Design sync, 8 March 2027
The new checkout tested well with twenty customers in the lab.
Page weight on older phones is still above two megabytes.
Decision on the promo banner: we keep it hidden for this release and show it from 22 March.
"""
    assert summarize(labelled).lead[0].startswith("Decision on the promo banner")
    confirmed = """Ops call
Pia Lamb: The nightly import has been slow all week on the second server.
Rob Vance: From April we'll run the import at one in the morning instead of midnight.
Pia Lamb: Agreed. That's the decision then.
Rob Vance: The logs also show memory warnings on the second server.
"""
    assert summarize(confirmed).lead[0] == "Rob Vance: From April we'll run the import at one in the morning instead of midnight."


def test_an_attendance_list_after_a_sentence_on_its_line_names_owners_in_full_and_a_dated_month_is_no_one() -> None:
    notes = """# Depot move: planning call

Date: 3 March 2027. Attendees: Noor Salim (lead), Ines Vidal, Petra Novak.

## Actions
Owner | Action | Due
Petra | Book the removal firm | 12 Mar
Ines | Order the new racking | 15 Jan
"""
    assert [(task, owner) for task, owner, _ in _triples(notes)] == [
        ("Book the removal firm", "Petra Novak"), ("Order the new racking", "Ines Vidal")]
    assert extract_entities(notes, MONDAY).people == ["Noor Salim", "Ines Vidal", "Petra Novak"]
