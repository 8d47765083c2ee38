"""parse_resume on resumes in different layouts, from text and from generated PDFs."""

from __future__ import annotations

from convilyn.tools.parsing import extract_text
from convilyn.tools.resume import parse_resume

PIPE_LAYOUT = """JANE DOE
Senior Software Engineer
jane.doe@example.com | +1 415 555 0132 | linkedin.com/in/janedoe | github.com/janedoe

SUMMARY
Backend engineer with 8 years of experience building data platforms.

EXPERIENCE
Senior Software Engineer | Acme Corp | 2019–Present
- Led migration of the billing service to Kubernetes, cutting costs 15%
- Built event pipelines with Kafka and Python
Software Engineer | Initech | Jun 2015 – Dec 2018
- Developed REST APIs in Go and PostgreSQL
- Mentored three junior engineers

EDUCATION
B.Sc. Computer Science, University of Toronto, 2015

SKILLS
Languages: Python, Go, SQL
Tools: Docker, Terraform, AWS, Airflow, k8s
"""

STACKED_LAYOUT = """# John Smith
Tech Lead · Berlin, Germany
john@smith.dev · 0176 1234 5678

## Work history

**Globex Labs** — Berlin
Tech Lead
Mar 2021 - Present
- Leading a team of 6 building a React and TypeScript design system
- Introduced CI/CD with GitHub Actions

**Hooli**
Frontend Developer, 2018 - 2021
- Shipped the checkout flow in Vue.js

Data Analyst at Umbrella Health (2016 - 2018)
Built dashboards in Tableau and wrote SQL reports for the finance team every week.

## Skills
JavaScript, TypeScript, React, Node.js, GraphQL, Figma, Stakeholder management
"""


def test_pipe_separated_experience_lines() -> None:
    profile = parse_resume(PIPE_LAYOUT)

    assert profile.name == "Jane Doe"
    assert profile.email == "jane.doe@example.com"
    assert profile.phone == "+1 415 555 0132"
    assert profile.links == ["linkedin.com/in/janedoe", "github.com/janedoe"]
    assert profile.titles == ["Senior Software Engineer", "Software Engineer"]
    assert [(e.title, e.organisation, e.dates, e.current) for e in profile.experience] == [
        ("Senior Software Engineer", "Acme Corp", "2019–Present", True),
        ("Software Engineer", "Initech", "Jun 2015 – Dec 2018", False),
    ]
    assert profile.experience[1].start == "2015-06" and profile.experience[1].end == "2018-12"
    assert profile.experience[0].highlights == [
        "Led migration of the billing service to Kubernetes, cutting costs 15%",
        "Built event pipelines with Kafka and Python",
    ]
    assert profile.summary == "Backend engineer with 8 years of experience building data platforms."
    assert profile.education == ["B.Sc. Computer Science, University of Toronto, 2015"]


def test_skills_are_normalised_and_section_skills_come_first() -> None:
    skills = parse_resume(PIPE_LAYOUT).skills

    assert skills[:8] == ["Python", "Go", "SQL", "Docker", "Terraform", "AWS", "Apache Airflow", "Kubernetes"]
    assert {"Apache Kafka", "PostgreSQL", "REST APIs"} <= set(skills)
    assert len(skills) == len({s.lower() for s in skills})


def test_stacked_and_inline_layouts() -> None:
    profile = parse_resume(STACKED_LAYOUT)

    assert profile.name == "John Smith"
    assert profile.headline == "Tech Lead · Berlin, Germany"
    assert [(e.title, e.organisation, e.dates) for e in profile.experience] == [
        ("Tech Lead", "Globex Labs", "Mar 2021 - Present"),
        ("Frontend Developer", "Hooli", "2018 - 2021"),
        ("Data Analyst", "Umbrella Health", "2016 - 2018"),
    ]
    assert profile.experience[2].highlights == [
        "Built dashboards in Tableau and wrote SQL reports for the finance team every week."
    ]
    assert profile.titles == ["Tech Lead", "Frontend Developer", "Data Analyst"]
    assert "GitHub Actions" in profile.skills and "GitHub" not in profile.skills
    assert "Stakeholder Management" in profile.skills


def test_one_column_pdf_resume(documents) -> None:
    pdf = documents.pdf(
        "maria.pdf",
        [
            ("H", "MARIA GARCIA"),
            "Data Scientist",
            "maria.garcia@example.org | (555) 201-3344 | github.com/mgarcia",
            "",
            ("H", "PROFESSIONAL EXPERIENCE"),
            ("B", "Lead Data Scientist | Umbrella Health | Feb 2020 – Present"),
            ("-", "Built churn models in Python with scikit-learn and XGBoost, reducing churn by 12% across "
                  "three product lines and saving $2M a year"),
            ("-", "Managed a team of four analysts"),
            ("B", "Data Analyst | Globex Bank | 2016 – 2020"),
            ("-", "Automated reporting with SQL and Tableau"),
            ("H", "SKILLS"),
            "Python, R, SQL, Tableau, Machine Learning, Statistics",
        ],
    )

    profile = parse_resume(extract_text(pdf).text)

    assert profile.name == "Maria Garcia"
    assert profile.phone == "(555) 201-3344"
    assert profile.titles == ["Lead Data Scientist", "Data Scientist", "Data Analyst"]
    assert profile.experience[0].organisation == "Umbrella Health"
    assert profile.experience[0].highlights[0].endswith("saving $2M a year")  # wrapped bullet rejoined
    assert {"Python", "R", "SQL", "scikit-learn", "XGBoost", "Machine Learning"} <= set(profile.skills)


def test_two_column_pdf_resume_with_company_over_title(documents) -> None:
    pdf = documents.pdf(
        "liam.pdf",
        [
            ("H", "Experience"),
            ("B", "Acme Robotics"), "Senior Software Engineer", "Jan 2019 - Present",
            ("-", "Designed the fleet telemetry backend in Go and PostgreSQL"),
            ("B", "Initech"), "Software Engineer", "2015 - 2018",
            ("-", "Maintained Java services"),
        ],
        two_columns=[("H", "Liam O'Brien"), "Backend Engineer", "liam@obrien.io", "+44 20 7946 0958", "",
                     ("H", "Skills"), "Go", "Kubernetes", "Java", "gRPC"],
    )  # fmt: skip

    profile = parse_resume(extract_text(pdf).text)

    assert profile.name == "Liam O'Brien"
    assert profile.titles == ["Senior Software Engineer", "Backend Engineer", "Software Engineer"]
    assert [(e.organisation, e.current) for e in profile.experience] == [("Acme Robotics", True), ("Initech", False)]
    assert profile.skills[:4] == ["Go", "Kubernetes", "Java", "gRPC"]
    assert "Robotics" not in profile.skills  # part of an employer's name, not a skill


def test_non_tech_resume_with_comma_layout() -> None:
    text = """Name: Sofia Rossi
sofia.rossi@mail.it

Experience:
Marketing Manager, Initech Italia, Milan, Italy
2020 - Present
- Ran SEO and email marketing campaigns in HubSpot
Account Executive, Hooli — 2017 to 2020
- Negotiation with enterprise clients; exceeded quota by 30%

Languages:
Italian, English, Spanish"""
    profile = parse_resume(text)

    assert profile.name == "Sofia Rossi"
    assert [(e.title, e.organisation, e.current) for e in profile.experience] == [
        ("Marketing Manager", "Initech Italia", True),
        ("Account Executive", "Hooli", False),
    ]
    assert {"Search Engine Optimization", "Email Marketing", "HubSpot", "Negotiation", "Italian", "English"} <= set(
        profile.skills
    )


def test_empty_resume_gives_an_empty_profile() -> None:
    profile = parse_resume("nothing useful here")

    assert profile.name is None and profile.experience == [] and profile.titles == []


def test_caps_company_with_place_and_right_aligned_dates() -> None:
    text = """Priya Sharma
San Francisco, CA | priya.sharma@gmail.com | 415-555-0199 | www.priyasharma.com

PROFESSIONAL EXPERIENCE
ACME CORPORATION, San Francisco, CA                    June 2019 – Present
Senior Product Manager
• Led roadmap for the payments product, growing revenue 35% YoY
• Ran A/B testing program with 40 experiments per quarter

BETA LABS, New York, NY                    Aug 2016 – May 2019
Product Manager
• Launched mobile onboarding flow used by 2M users; worked with UX research

SKILLS
Product strategy; Roadmapping; SQL; Jira; Stakeholder management; Agile"""
    profile = parse_resume(text)

    assert (profile.name, profile.phone, profile.links) == ("Priya Sharma", "415-555-0199", ["www.priyasharma.com"])
    assert [(e.title, e.organisation, e.start, e.end) for e in profile.experience] == [
        ("Senior Product Manager", "Acme Corporation", "2019-06", None),
        ("Product Manager", "Beta Labs", "2016-08", "2019-05"),
    ]
    assert profile.skills[:6] == ["Product Strategy", "Product Roadmapping", "SQL", "Jira", "Stakeholder Management", "Agile"]
    assert {"A/B Testing", "UX Research"} <= set(profile.skills)


def test_dates_first_layout_with_prose_highlights_and_accented_name() -> None:
    text = """Tomás Álvarez
Head of Sales EMEA

Experience:
2021 - present: Head of Sales EMEA, Initrode GmbH (Munich)
Built a team of 12 account executives; grew ARR from €4M to €11M.
2017 - 2021: Senior Account Executive, Hooli
Closed enterprise deals with Salesforce as CRM.

Skills: B2B sales, negotiation, Salesforce, German, Spanish, English"""
    profile = parse_resume(text)

    assert profile.name == "Tomás Álvarez"
    assert [(e.title, e.organisation, e.current, e.highlights) for e in profile.experience] == [
        ("Head of Sales EMEA", "Initrode GmbH", True, ["Built a team of 12 account executives; grew ARR from €4M to €11M."]),
        ("Senior Account Executive", "Hooli", False, ["Closed enterprise deals with Salesforce as CRM."]),
    ]
    assert profile.skills[:6] == ["B2B Sales", "Negotiation", "Salesforce", "German", "Spanish", "English"]


def test_credentials_after_the_name_are_not_part_of_it() -> None:
    nurse = parse_resume("JANE R. DOUGHERTY, RN, BSN\nRegistered Nurse\njane@example.org\n")
    doctor = parse_resume("Omar Haddad, PhD\nData Scientist\n")

    assert (nurse.name, nurse.headline) == ("Jane R. Dougherty", "Registered Nurse")
    assert doctor.name == "Omar Haddad"


def test_a_skills_table_gives_its_skills_without_header_or_row_labels() -> None:
    resume = parse_resume(
        "Carlos Mendes\nMarketing Manager\n\nSkills\n\n| Area | Tools |\n|------|-------|\n"
        "| Paid media | Google Ads, LinkedIn Ads |\n| Analytics | Google Analytics, SQL |\n| Python | Expert |\n"
    )

    assert resume.skills[:5] == ["Google Ads", "LinkedIn Ads", "Google Analytics", "SQL", "Python"]
    assert not {"Area", "Tools", "Paid media", "Analytics", "Expert"} & set(resume.skills)


PLAIN_PDF_LIKE = """Ngozi Eze-Okafor, FCCA
Financial Controller · ngozi.eze@example.co.uk · Manchester

Experience
Financial Controller | Pennine Foods Group plc | Jan 2021 – Present
• Cut the month-end close from nine working days to four in SAP.
Audit Senior | Grant & Pryce LLP | Sep 2008 – May 2014
• Ran audits of charities and housing associations.

Professional Qualifications
Fellow of the Association of Chartered Certified Accountants (FCCA), membership no. 2281946

Licences and cards
ECS Gold Card

Skills
Financial Reporting, SAP, Inspection and testing, Health and Safety

Education
BA Economics and Finance, University of Leeds, 2008
MSc Chemistry, University of Leeds, 2010
Google Data Analytics Certificate, 2024

Languages
English (native), French (conversational)
"""


def test_plain_line_section_headings_end_the_experience_and_are_carried_over() -> None:
    profile = parse_resume(PLAIN_PDF_LIKE)
    assert [(e.title, e.organisation) for e in profile.experience] == [
        ("Financial Controller", "Pennine Foods Group plc"), ("Audit Senior", "Grant & Pryce LLP")]
    assert profile.titles == ["Financial Controller", "Audit Senior"]  # no "Fellow of ..." job, no "1946" dates
    assert [s.heading for s in profile.sections] == ["Professional Qualifications", "Licences and cards", "Languages"]
    assert profile.education[0].startswith("BA Economics")  # professional qualifications are not education


def test_degree_subjects_fields_and_unit_names_are_not_skills_but_listed_items_and_certificates_are() -> None:
    skills = parse_resume(PLAIN_PDF_LIKE + "\nWorked with the asset management team on logistics contracts.\n").skills
    assert {"Financial Reporting", "SAP", "Inspection and testing", "Health and Safety", "Data Analysis"} <= set(skills)
    assert not {"Economics", "Chemistry", "Logistics", "Asset Management", "Amazon ECS", "Contract Management"} & set(
        skills)
