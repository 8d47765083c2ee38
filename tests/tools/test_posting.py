"""parse_job_posting on sectioned, labelled and prose postings."""

from __future__ import annotations

from convilyn.tools.posting import parse_job_posting

SECTIONED = """# Senior Backend Engineer
Globex Corporation · Berlin, Germany (Hybrid)

## About us
Globex Corporation builds payment infrastructure for 2,000 merchants across Europe.

## What you'll do
- Design and run our Kafka-based event platform
- Own services written in Go and Python

## Requirements
- 5+ years of backend development experience
- Strong knowledge of PostgreSQL and Kubernetes
- Experience with AWS
- Terraform is a plus

## Nice to have
- Experience with Rust

## Benefits
- 30 days of vacation
"""

PROSE = """Acme Corp is hiring a Staff Data Engineer to lead the design of our data platform. The role is based in London, UK, with remote flexibility.
You have 7+ years of experience building data pipelines with Apache Spark and Airflow. You are fluent in Python and SQL and comfortable with dbt.
You'll work closely with analysts and product managers. Experience with Snowflake or BigQuery is a plus."""

LABELLED = """Job Title: Marketing Manager
Company: Initech
Location: Remote (US)

Responsibilities:
Plan and run campaigns across email and social media. Report on KPIs monthly.

Qualifications:
- 4 years in B2B marketing
- HubSpot and Google Analytics
- Excellent communication skills
"""


def test_sectioned_posting() -> None:
    posting = parse_job_posting(SECTIONED)

    assert posting.employer == "Globex Corporation"
    assert posting.role_title == "Senior Backend Engineer"
    assert posting.location == "Berlin, Germany (Hybrid)"
    assert posting.requirements == [
        "5+ years of backend development experience",
        "Strong knowledge of PostgreSQL and Kubernetes",
        "Experience with AWS",
    ]
    assert posting.nice_to_haves == ["Terraform is a plus", "Experience with Rust"]
    assert posting.responsibilities == [
        "Design and run our Kafka-based event platform",
        "Own services written in Go and Python",
    ]
    assert posting.required_skills == ["PostgreSQL", "Kubernetes", "AWS", "Apache Kafka", "Go", "Python"]
    assert posting.nice_to_have_skills == ["Terraform", "Rust"]
    assert "30 days of vacation" not in posting.requirements


def test_prose_posting() -> None:
    posting = parse_job_posting(PROSE)

    assert posting.employer == "Acme Corp"
    assert posting.role_title == "Staff Data Engineer"
    assert posting.location == "London, UK (Remote)"
    assert posting.requirements == [
        "You have 7+ years of experience building data pipelines with Apache Spark and Airflow.",
        "You are fluent in Python and SQL and comfortable with dbt.",
    ]
    assert posting.nice_to_haves == ["Experience with Snowflake or BigQuery is a plus."]
    assert posting.responsibilities == ["You'll work closely with analysts and product managers."]
    assert {"Apache Spark", "Apache Airflow", "Python", "SQL", "dbt"} <= set(posting.required_skills)
    assert posting.nice_to_have_skills == ["Snowflake", "BigQuery"]


def test_labelled_posting() -> None:
    posting = parse_job_posting(LABELLED)

    assert (posting.employer, posting.role_title, posting.location) == ("Initech", "Marketing Manager", "Remote (US)")
    assert posting.requirements == ["4 years in B2B marketing", "HubSpot and Google Analytics", "Excellent communication skills"]
    assert posting.responsibilities == ["Plan and run campaigns across email and social media.", "Report on KPIs monthly."]
    assert {"HubSpot", "Google Analytics", "Communication"} <= set(posting.required_skills)


def test_title_line_with_at_and_lowercase_prose_role() -> None:
    posting = parse_job_posting(
        "Product Designer at Hooli\n\nWe are looking for a product designer who loves Figma and user research."
    )

    assert posting.role_title == "Product Designer"
    assert posting.employer == "Hooli"
    assert {"Figma", "UX Research"} <= set(posting.skills)


def test_html_posting_through_extract_text(documents) -> None:
    from convilyn.tools.parsing import extract_text

    page = documents.text(
        "job.html",
        "<html><body><h1>Site Reliability Engineer</h1><p>Umbrella Health is hiring an SRE in Boston, MA.</p>"
        "<h2>Requirements</h2><ul><li>Linux and Terraform</li><li>On-call experience</li></ul>"
        "<h2>Bonus points</h2><ul><li>Go</li></ul><script>track()</script></body></html>",
    )

    posting = parse_job_posting(extract_text(page).text)

    assert posting.role_title == "Site Reliability Engineer"
    assert posting.employer == "Umbrella Health"
    assert posting.requirements == ["Linux and Terraform", "On-call experience"]
    assert posting.nice_to_haves == ["Go"]
    assert posting.nice_to_have_skills == ["Go"]


def test_a_department_after_the_title_does_not_hide_the_employer_named_in_prose() -> None:
    posting = parse_job_posting(
        "Nurse Manager, Emergency Services\n\n"
        "Riverside Community Hospital is looking for an experienced Nurse Manager to lead our emergency department. "
        "You will oversee daily operations and mentor staff.\n"
    )

    assert (posting.employer, posting.role_title) == ("Riverside Community Hospital", "Nurse Manager")


def test_a_posting_names_whom_to_write_to_and_where_the_job_is_in_its_header() -> None:
    posting = parse_job_posting(
        "Ellison Ward Housing · Careers\nHead of Financial Reporting\n\n"
        "Group Finance · Salford Quays (hybrid, three days a week in the office) · £68,000 a year\n\n"
        "About us\nEllison Ward Housing is a housing association. Our Group Finance team has 22 people.\n\n"
        "How to apply\nSend your CV and a covering letter addressed to Rachel Dunmore, Director of Finance, by "
        "16 January 2026.\n"
    )
    assert (posting.employer, posting.role_title) == ("Ellison Ward Housing", "Head of Financial Reporting")
    assert (posting.recipient, posting.recipient_title) == ("Rachel Dunmore", "Director of Finance")
    assert posting.location == "Salford Quays (Hybrid)"
    assert "Special Educational Needs" not in posting.skills  # "Send your CV" asks for nothing
    assert parse_job_posting("Harbourline Bank · Manchester · Hybrid\nRelationship Manager\n").location == (
        "Manchester (Hybrid)")
    assert parse_job_posting("# Maintenance Electrician\nCorran Ltd\nBristol, BS2 · Permanent\n").location == "Bristol"


def test_a_paragraph_after_a_requirements_list_is_not_a_requirement() -> None:
    posting = parse_job_posting(
        "# Maintenance Electrician\nCorran Facilities Services\n\n## What you'll be doing\n- Test and inspect "
        "installations.\n\n## What you'll need\n- ECS card.\n- Full UK driving licence.\n\nCorran Facilities "
        "Services is an equal opportunities employer. Closing date: 30 January 2026.\n"
    )
    assert posting.requirements == ["ECS card.", "Full UK driving licence."]
    assert posting.responsibilities == ["Test and inspect installations."]
