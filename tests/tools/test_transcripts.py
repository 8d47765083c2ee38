"""Caption and transcript exports (WebVTT, SRT, a speaker on a line of their own) read as speaker turns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from convilyn.tools.transcripts import as_turns

VTT_VOICES = """WEBVTT
Kind: captions

NOTE recorded by the meeting app
spanning two lines

1
00:00:03.000 --> 00:00:09.000 align:start
<v Amara Nwosu>Morning all. Quick one today,</v>

2
00:00:09.500 --> 00:00:12.000
<v Amara Nwosu>we've got the release at two.

00:00:12.000 --> 00:00:21.000
<v.loud Diego Ferreira>Today I'm fixing the <i>timezone</i> bug.
<v Hana Sato>Diego, can you send me the <00:00:19.000>fix?
"""


def test_webvtt_voices_become_one_turn_per_speaker():
    assert as_turns(VTT_VOICES).split("\n") == [
        "Amara Nwosu: Morning all. Quick one today, we've got the release at two.",
        "Diego Ferreira: Today I'm fixing the timezone bug.",
        "Hana Sato: Diego, can you send me the fix?",
    ]


def test_a_zoom_style_cue_names_its_speaker_before_a_colon_and_the_header_may_be_missing():
    captions = ("1\n00:00:01.000 --> 00:00:04.000\nSiobhán Ó Briain: I'll send the draft.\n\n"
                "2\n00:00:04.000 --> 00:00:08.000\nSiobhán Ó Briain: By Friday.\n\n"
                "3\n00:00:08.000 --> 00:00:09.000\nTomás Ruiz: Thanks.\n")
    assert as_turns(captions) == "Siobhán Ó Briain: I'll send the draft. By Friday.\nTomás Ruiz: Thanks."


def test_srt_without_speakers_is_one_paragraph():
    srt = ("1\n00:00:01,000 --> 00:00:03,500\nThe board approved\nthe budget\n\n"
           "2\n00:00:03,600 --> 00:00:06,000\nfor next year.\n")
    assert as_turns(srt) == "The board approved the budget for next year."


def test_speaker_and_time_lines_of_a_teams_or_otter_export():
    export = ("Weekly sync\nTranscript\n3 December 2026\n"
              "Amara Nwosu 0:03\nMorning all.\n"
              "Kwame Asante (Quillfeather) 1:12\nI'll send the list by tomorrow.\nAnd the credit note.\n"
              "Amara Nwosu 00:02:40\nThanks.\n"
              "Kwame Asante (Quillfeather) 2:45\nBye.")
    assert [line for line in as_turns(export).split("\n") if line] == [
        "Weekly sync", "Transcript", "3 December 2026",
        "Amara Nwosu: Morning all.",
        "Kwame Asante (Quillfeather): I'll send the list by tomorrow. And the credit note.",
        "Amara Nwosu: Thanks.",
        "Kwame Asante (Quillfeather): Bye.",
    ]


def test_ordinary_documents_are_left_alone():
    for text in (
        "Minutes\nPresent: Helen Marsh, Tomás Ortega\nThe meeting opened at 10:30.\nDave: I'll draft it.",
        "Timeline\n09:14 alerts fire\n09:20 --> on-call paged\nRoot cause: a config push.",
        "Agenda 10:00\nBudget 10:30\nAOB 11:00",
    ):
        assert as_turns(text) == text


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n>-\x00"), max_size=60), max_size=12))
def test_text_without_timings_or_speaker_stamps_is_unchanged(lines):
    text = "\n".join(lines)
    if not text.startswith("WEBVTT"):
        assert as_turns(text) == text
