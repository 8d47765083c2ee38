"""Extractive summaries and keywords."""

from __future__ import annotations

import re

from convilyn.tools.analysis import extract_keywords, summarize
from convilyn.tools.text import split_sentences

REPORT = """Quarterly Review

Acme Corp grew revenue by 20% in Q3, driven by strong demand for the data platform.
The data platform now serves 400 enterprise customers across Europe and North America.
Customer churn fell to 3%, the lowest level in two years. However, hiring slowed because the recruiting team lost two members.
The board approved a new budget for the data platform team. Marketing will launch a campaign in January.
Engineers migrated the billing service to Kubernetes. The Kubernetes migration cut infrastructure costs by 15%.
The weather was nice. Lunch was served at noon."""


def test_summary_keeps_original_order_and_leaves_out_small_talk() -> None:
    summary = summarize(REPORT, max_sentences=3)

    assert len(summary.sentences) == 3
    assert summary.sentences[0].startswith("Acme Corp grew revenue by 20%")
    positions = [REPORT.index(s[-25:]) for s in summary.sentences]  # a leading "However, " may be dropped
    assert positions == sorted(positions)
    assert not any("weather" in s or "Lunch" in s for s in summary.sentences)
    assert summary.summary == " ".join(summary.sentences)
    assert summary.sentence_count >= 10


def test_summary_covers_more_than_one_topic() -> None:
    summary = summarize(REPORT, max_sentences=4)

    assert any("Kubernetes" in s for s in summary.sentences)


def test_summary_of_short_text_returns_what_there_is() -> None:
    summary = summarize("Only one sentence here about budgets.", max_sentences=5)

    assert summary.sentences == ["Only one sentence here about budgets."]


def test_summary_handles_abbreviations_and_bullets() -> None:
    text = "Dr. Smith met Mr. Jones at 5 p.m. on Monday to agree the plan.\n- Ship the beta to 20 customers\n- Hire two engineers"
    summary = summarize(text, max_sentences=5)

    assert summary.sentences[0] == "Dr. Smith met Mr. Jones at 5 p.m. on Monday to agree the plan."
    assert "Ship the beta to 20 customers." in summary.sentences


def test_keywords_prefer_repeated_phrases_and_keep_capitalisation() -> None:
    keywords = extract_keywords(REPORT, max_keywords=5)
    terms = [k.term for k in keywords]

    assert terms[0] == "data platform"
    assert "Kubernetes" in terms
    assert keywords[0].score == 1.0
    assert all(0 < k.score <= 1 for k in keywords)
    assert not {"the", "and", "was", "by"} & {t.lower() for t in terms}


def test_keywords_merge_plurals_and_respect_limit() -> None:
    text = "Invoices are late. The invoice system sends invoices twice. Invoice totals are wrong."
    keywords = extract_keywords(text, max_keywords=2)

    assert len(keywords) <= 2  # at most the limit; weak words ("late", "wrong", "system") are left out
    assert keywords[0].term == "invoice" and keywords[0].count == 4


def test_lines_of_notes_with_an_owner_label_are_not_joined_into_one_sentence() -> None:
    notes = (
        "Next steps:\n"
        "Dana: update the release checklist and share it in the channel by EOD Friday\n"
        "Liam: quarantine the flaky integration tests before the freeze next week\n"
        "@sofia to write up the load test results\n"
    )

    assert split_sentences(notes)[1:] == [
        "Dana: update the release checklist and share it in the channel by EOD Friday",
        "Liam: quarantine the flaky integration tests before the freeze next week",
        "@sofia to write up the load test results",
    ]


def test_the_lead_puts_the_recommendation_first_and_leaves_out_formalities_headings_and_timelines() -> None:
    report = (
        "# Energy review\nPrepared for the board by the facilities team, November 2026.\n\n## Summary\n"
        "New fittings would cut electricity use by about 38%. The project pays back in 2.6 years. We recommend "
        "approving the retrofit in 2027.\n\n## Timeline\n14:05  Lights replaced in bay 1.\n\n## Apologies\n"
        "Apologies were received from Tom.\n"
    )
    summary = summarize(report, max_sentences=5)
    assert summary.main_point == "We recommend approving the retrofit in 2027."
    assert summary.lead[0] == summary.main_point and len(summary.lead) <= 3
    assert not any(s.startswith(("Prepared", "Energy review", "Lights", "Apologies")) for s in summary.sentences)


def test_minutes_formalities_are_never_the_main_point() -> None:
    minutes = "The minutes of 3 February were approved as a true record. Trustees agreed to accept the lowest quote."
    assert summarize(minutes).main_point == "Trustees agreed to accept the lowest quote."


def test_a_transcript_keeps_each_sentence_with_its_speaker() -> None:
    transcript = ("[08:30] Siobhán: Morning all. Three things today.\n[08:31] Øyvind: The scaffold comes down on "
                  "Monday. I'll confirm the date by EOD tomorrow.\n[08:33] Pál: I'll split the snagging list by "
                  "trade.\n[08:35] Siobhán: Thanks. I'll book the client walk-round.\n")  # fmt: skip
    sentences = summarize(transcript, max_sentences=8).sentences
    assert "Øyvind: I'll confirm the date by EOD tomorrow." in sentences
    assert all(re.match(r"^(Siobhán|Øyvind|Pál): ", s) for s in sentences)


def test_keywords_read_any_alphabet_and_skip_a_stem_a_phrase_already_holds() -> None:
    terms = [k.term for k in extract_keywords("We sailed to Ærøskøbing on Monday and left Ærøskøbing on Friday. "
                                              "Missed appointments fell; missed appointments matter. An appointment "
                                              "is an appointment.", 10)]  # fmt: skip
    assert "Ærøskøbing" in terms and "røskøbing" not in terms
    assert "missed appointments" in terms and "appointment" not in terms


CALL = """Invoice sync - weekly call
Monday 23 November 2026

Laura Chen (Northwind): Hi everyone, can you hear me okay?
Marco Rossi (Contoso): Yes, loud and clear. Morning Laura.
Laura Chen (Northwind): No problem. So, the invoice sync. Since the upgrade, one in five invoices arrive in the ledger twice.
Marco Rossi (Contoso): The duplicate invoices all carry a retry flag, so the connector resends after a timeout.
Marco Rossi (Contoso): Could someone send me the updated field mapping by Thursday?
Aisha Bello (Northwind): I can do that.
Laura Chen (Northwind): Thanks all, same time next week.
"""


def test_a_call_that_decided_nothing_leads_with_the_problem_and_the_next_step_not_the_greetings() -> None:
    summary = summarize(CALL, max_sentences=5)

    assert summary.main_point is None
    assert not any(re.search(r"\b(?:Hi everyone|loud and clear|I can do that|Thanks all)", s) for s in summary.sentences)
    assert "one in five invoices arrive in the ledger twice" in summary.lead[0]
    assert summary.lead[-1] == "Aisha Bello to send Marco Rossi the updated field mapping by 26 November 2026."
    assert summary.next_steps == [summary.lead[-1]]


def test_a_sentence_out_of_its_paragraph_loses_the_link_to_the_one_before() -> None:
    text = ("We moved 212,000 records to the new catalogue. Because of that, the board decided to move the go-live "
            "date to 19 January 2027.")

    assert summarize(text).main_point == "The board decided to move the go-live date to 19 January 2027."


def test_an_emails_legal_footer_and_quoted_headers_are_not_summary_material() -> None:
    email = """Let's go with Option B, the two days at Hazlewood Castle in January.

-----Original Message-----
Here are the two venue options for the offsite:
Option A costs £3,400 for one day at the Quayside Hotel.

This email and any attachments are confidential and intended solely for the addressee.
"""
    sentences = summarize(email).sentences

    assert not any("confidential" in s or "Original Message" in s or s.endswith(":.") for s in sentences)


def test_key_terms_are_phrases_and_names_not_the_vague_words_of_minutes() -> None:
    minutes = """# Board Meeting Minutes
Present: Margaret Ollerenshaw (Chair), Devendra Pillai
Name | Role | Attendance
Margaret Ollerenshaw | Chair | Present
Devendra Pillai | Treasurer | Present

Devendra presented two quotes for the boathouse roof. The quotes were received and the list was discussed.
The board resolved to accept the Calder Roofing quote for the boathouse roof. Calder Roofing starts in May.
The minutes of the last meeting were received. The list of members was updated.
"""
    terms = [k.term for k in extract_keywords(minutes, 10)]
    assert terms[:2] == ["boathouse roof", "Calder Roofing"] or terms[:2] == ["Calder Roofing", "boathouse roof"]
    assert not {"list", "received", "meeting", "minutes", "Present", "Attendance", "Devendra"} & set(terms)
