"""match_profile: shared skills, gaps and a score that orders candidates sensibly."""

from __future__ import annotations

from convilyn.tools.matching import match_profile, title_similarity
from convilyn.tools.posting import parse_job_posting
from convilyn.tools.resume import parse_resume

POSTING = """# Senior Backend Engineer
Globex Corporation · Berlin, Germany

## Requirements
- Python and PostgreSQL
- Kubernetes in production
- SQL

## Nice to have
- Terraform
- Rust
"""

STRONG = """Ana Lima
Senior Backend Engineer
ana@lima.dev

Experience
Senior Backend Engineer | Hooli | 2020 – Present
- Ran Python services on Kubernetes backed by PostgreSQL

Skills
Python, PostgreSQL, Kubernetes, Terraform
"""

WEAK = """Carl Berg
Graphic Designer
carl@berg.art

Experience
Graphic Designer | Studio Nord | 2018 – Present
- Brand identities in Adobe Illustrator and Figma

Skills
Figma, Adobe Illustrator, Python
"""


def test_strong_candidate_has_no_gaps_and_a_high_score() -> None:
    match = match_profile(parse_resume(STRONG), parse_job_posting(POSTING))

    assert match.gaps == []  # SQL is covered by PostgreSQL
    assert match.matching_skills == ["Python", "PostgreSQL", "Kubernetes", "SQL", "Terraform"]
    assert match.nice_to_have_gaps == ["Rust"]
    assert match.title_match == 1.0 and match.closest_title == "Senior Backend Engineer"
    assert match.score >= 90
    assert match.summary.startswith(f"Score {match.score}/100. Shows 4 of 4 required skills.")


def test_weak_candidate_scores_lower_with_named_gaps() -> None:
    strong = match_profile(STRONG, POSTING)
    weak = match_profile(WEAK, POSTING)

    assert weak.gaps == ["PostgreSQL", "Kubernetes", "SQL"]
    assert weak.matching_skills == ["Python"]
    assert weak.score < 40 < strong.score
    assert "missing PostgreSQL, Kubernetes and SQL" in weak.summary


def test_raw_text_and_parsed_inputs_agree() -> None:
    assert match_profile(STRONG, POSTING) == match_profile(parse_resume(STRONG), parse_job_posting(POSTING))


def test_posting_without_skills_scores_on_title() -> None:
    match = match_profile(STRONG, "Hooli is hiring a Backend Engineer.")

    assert match.gaps == [] and match.matching_skills == []
    assert match.score == round(100 * match.title_match)
    assert "names no specific required skills" in match.summary


def test_title_similarity_ignores_seniority() -> None:
    assert title_similarity("Staff Data Engineer", ["Senior Data Engineer"]) == (1.0, "Senior Data Engineer")
    assert title_similarity("Data Engineer", ["Software Engineer", "Barista"])[0] == 0.5
    assert title_similarity("Data Engineer", []) == (0.0, None)


def test_common_noun_skills_read_in_lower_case_mid_sentence_and_names_keep_their_case() -> None:
    from convilyn.tools.skills import skill_in_prose

    assert [skill_in_prose(s) for s in ["Copywriting", "Marketing Automation", "Mentoring", "Anti-Money Laundering"]] == [
        "copywriting", "marketing automation", "mentoring", "anti-money laundering"
    ]
    for name in ["Python", "HubSpot", "Google Ads", "Salesforce", "UX Design", "Spanish", "Apache Kafka", "Figma"]:
        assert skill_in_prose(name) == name
