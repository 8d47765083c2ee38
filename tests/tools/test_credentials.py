"""Credentials: which licences and qualifications a posting asks for and a resume shows, by distinctive tokens."""

from __future__ import annotations

from convilyn.tools.credentials import is_credential, matched_credentials, tokens, unmet_credentials

HELD = [
    "ECS Gold Card – Installation Electrician (valid to 2027)",
    "18th Edition Wiring Regulations (BS 7671:2018+A2:2022), City & Guilds 2382-22",
    "City & Guilds 2391-52 Inspection and Testing",
    "Full UK driving licence",
    "Fellow of the Association of Chartered Certified Accountants (FCCA), membership no. 2281946",
]
ASKED = [
    "Time-served electrician with NVQ Level 3 and the 18th Edition.",
    "ECS card (or willing to obtain one).",
    "City & Guilds 2391 inspection and testing, or equivalent.",
    "Full UK driving licence.",
    "A qualified accountant (ACA, ACCA or CIMA) with at least five years' post-qualification experience.",
    "Fault finding experience on three-phase systems.",
]


def test_tokens_are_acronyms_numbers_editions_licence_kinds_and_spelt_out_names() -> None:
    assert {"ECS", "2391", "18TH EDITION", "DRIVING LICENCE"} <= tokens(" ".join(ASKED[:4]))
    assert "ACCA" in tokens(HELD[4])  # "Association of Chartered Certified Accountants"
    assert not tokens("Salary £38,500 a year for 40 sites since 2019")  # amounts, counts and years are not names


def test_each_resume_line_answers_the_requirement_that_shares_a_token() -> None:
    matches = {m.held: m.requirement for m in matched_credentials(HELD, ASKED)}
    assert matches == {HELD[0]: ASKED[1], HELD[1]: ASKED[0], HELD[2]: ASKED[2], HELD[3]: ASKED[3], HELD[4]: ASKED[4]}


def test_requirements_no_line_answers_are_unmet_and_skills_are_not_credentials() -> None:
    assert unmet_credentials(["BSc Nursing, 2018"], ASKED) == ASKED[:5]
    assert not is_credential(ASKED[5])
