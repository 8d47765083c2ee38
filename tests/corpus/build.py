"""Build the labelled quality corpus: documents in several layouts and formats, and what a person reads in them.

    python tests/corpus/build.py        # rewrites tests/corpus/docs/* and tests/corpus/labels.json

The documents are written fresh for the corpus (none is a demo document): resumes
of a nurse, a teacher, a sales manager, a career changer and a graduate; postings
from a hospital, a school, a bank and a startup; meeting notes, a transcript and
minutes; reports. They come as DOCX (headings, a two-column table resume, bold
owners), PDF (wrapped lines, running headers and footers, a data table), HTML
(navigation, adverts, a newsletter box) and plain text. ``labels.json`` holds the
answers a careful reader gives; ``bench/quality.py`` scores the extractors and
the workflows against them. Generated files are committed so the corpus does not
change under the scores; re-run this script after editing a document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"

# --- resumes ----------------------------------------------------------------------------------------------

NURSE_TABLE_RESUME = {
    "left": [
        ("h", "Zsófia Kovács, RN"),
        ("p", "Registered Nurse"),
        ("p", "zsofia.kovacs@example.org"),
        ("p", "+1 (617) 555-0182"),
        ("h2", "Skills"),
        ("p", "Patient Assessment"),
        ("p", "Triage"),
        ("p", "Electronic Health Records"),
        ("p", "Infection Control"),
        ("p", "Patient Education"),
        ("h2", "Licences and Certifications"),
        ("p", "Registered Nurse, Massachusetts Board of Nursing, licence RN-2291847"),
        ("p", "Basic Life Support (BLS), American Heart Association, 2025"),
        ("p", "Advanced Cardiovascular Life Support (ACLS), 2024"),
    ],
    "right": [
        ("h2", "Profile"),
        ("p", "Registered nurse with seven years on a busy cardiac step-down unit, known for calm triage and clear "
              "patient education."),
        ("h2", "Experience"),
        ("p", "Staff Nurse, Cardiac Step-Down Unit | Beacon Hill General Hospital | 2021 – Present"),
        ("li", "Care for five to six post-operative cardiac patients per shift, including telemetry monitoring."),
        ("li", "Led the unit's infection control audit, cutting line infections by 30% in one year."),
        ("li", "Precept newly qualified nurses through their first twelve weeks."),
        ("p", "Staff Nurse, Medical-Surgical Ward | Lowell Community Hospital | 2018 – 2021"),
        ("li", "Triaged admissions from the emergency department for a 32-bed ward."),
        ("li", "Documented care in Epic electronic health records."),
        ("h2", "Education"),
        ("p", "Bachelor of Science in Nursing, University of Massachusetts Boston, 2018"),
    ],
}

TEACHER_PDF_RESUME = [
    ("title", "Daniel Okonkwo-Reyes"),
    ("p", "Secondary Mathematics Teacher · daniel.reyes@example.net · 07700 900417 · Leeds"),
    ("h", "Profile"),
    ("p", "Secondary mathematics teacher with eight years of experience raising attainment in mixed-ability classes, "
          "leading a department's move to formative assessment and running the school's maths olympiad club."),
    ("h", "Experience"),
    ("p", "Head of Mathematics | Kirkstall Academy | 2020 – Present"),
    ("li", "Led a department of nine teachers and raised the share of pupils achieving grade 5 or above in GCSE "
           "mathematics from 48% to 63% over three years."),
    ("li", "Introduced formative assessment routines and a shared curriculum plan across Key Stages 3 and 4, with "
           "lesson planning time protected every fortnight."),
    ("li", "Mentored four early-career teachers through their induction years."),
    ("p", "Mathematics Teacher | Roundhay High School | 2016 – 2020"),
    ("li", "Taught Key Stage 3 to A level mathematics and further mathematics to classes of up to thirty pupils."),
    ("li", "Used classroom management strategies and differentiated instruction to support pupils with special "
           "educational needs."),
    ("pagebreak", None),
    ("h", "Education"),
    ("p", "PGCE Secondary Mathematics, University of Leeds, 2016"),
    ("p", "BSc Mathematics, University of York, 2015"),
    ("h", "Certifications"),
    ("p", "Qualified Teacher Status (QTS), 2016"),
    ("h", "Skills"),
    ("p", "Curriculum Development, Lesson Planning, Classroom Management, Differentiated Instruction, Mentoring"),
]

SALES_RESUME_TXT = """\
PRIYA VENKATARAMAN
Regional Sales Manager
priya.venkat@example.com | +44 7700 900 552 | linkedin.com/in/priyavenkat

SUMMARY
Sales leader who builds teams that beat quota in B2B software and payments.

EXPERIENCE
Regional Sales Manager, Northern Europe — Paystream Ltd — Mar 2019 – Present
- Lead a team of 11 account executives selling payment software to mid-market retailers.
- Grew regional revenue from £4.2m to £9.8m in four years, 118% of quota on average.
- Rolled out Salesforce forecasting and a weekly pipeline review.

Account Executive — Ledgerwise — 2015 – 2019
- Closed 64 new logos, mostly finance teams in logistics and retail.
- Negotiated multi-year contracts worth up to £600k.

SKILLS
Salesforce, Negotiation, Account Management, Forecasting, Pipeline Management, B2B Sales

EDUCATION
BA Economics, University of Manchester, 2014

PROJECTS
- Partner referral programme: designed the referral scheme that now sources a quarter of new pipeline.
"""

CAREER_CHANGER_DOCX = [
    ("title", "Marcus Lindqvist"),
    ("p", "Data Analyst · marcus.lindqvist@example.com · +46 70 123 45 67 · Gothenburg"),
    ("h1", "Summary"),
    ("p", "Former secondary school science teacher retraining as a data analyst, with a year of freelance analysis "
          "work in SQL, Python and Tableau."),
    ("h1", "Experience"),
    ("h2", "Freelance Data Analyst, Self-employed, 2024 – Present"),
    ("li", "Built Tableau dashboards in Python and SQL for three local charities' donor data."),
    ("li", "Cleaned and merged 40,000 survey responses with pandas."),
    ("h2", "Science Teacher, Hvitfeldtska Gymnasiet, 2015 – 2024"),
    ("li", "Taught chemistry and physics to students aged 16 to 19."),
    ("li", "Analysed assessment results in Excel to target revision sessions."),
    ("h1", "Projects"),
    ("li", "Air quality explorer: a Python and PostgreSQL project mapping ten years of city sensor data."),
    ("h1", "Education"),
    ("p", "Google Data Analytics Certificate, 2024"),
    ("p", "MSc Chemistry, University of Gothenburg, 2014"),
    ("h1", "Skills"),
    ("p", "SQL, Python, pandas, Tableau, Excel, Data Visualization, Statistics"),
]

GRADUATE_RESUME_MD = """\
# Amara Nwosu

Graduate Civil Engineer · amara.nwosu@example.com · +234 803 555 0199

## Education

BEng Civil Engineering (First Class), University of Lagos, 2025

## Experience

### Engineering Intern, Julius Berger Nigeria, Jun 2024 – Sep 2024

- Checked reinforcement drawings for a four-storey school building in AutoCAD.
- Surveyed site levels and wrote daily progress reports.

## Projects

- Final-year project: flood risk model of the Ogun river basin in MATLAB.

## Skills

AutoCAD, MATLAB, Surveying, Project Management
"""

# --- postings ---------------------------------------------------------------------------------------------

HOSPITAL_POSTING_DOCX = [
    ("h1", "Clinical Nurse Specialist – Cardiac Care"),
    ("p", "St. Brigid's University Hospital"),
    ("p", "Location: Boston, MA · Full time, days"),
    ("h2", "About the unit"),
    ("p", "Our Cardiac Care Unit is a 24-bed unit caring for patients after heart surgery and "
          "cardiac catheterisation. Join the Cardiac Care team and help us shape nurse-led follow-up."),
    ("h2", "Responsibilities"),
    ("li", "Provide expert nursing care and triage for cardiac patients across the unit."),
    ("li", "Lead infection control and quality improvement projects."),
    ("li", "Educate patients and families before discharge."),
    ("h2", "Requirements"),
    ("li", "Active Massachusetts RN licence."),
    ("li", "BLS and ACLS certification."),
    ("li", "Five years of acute care experience, cardiac preferred."),
    ("li", "Experience with electronic health records (Epic)."),
]

SCHOOL_POSTING_HTML = """\
<!doctype html>
<html><head><title>Jobs | Hollowbrook Academy Trust</title><style>.ad{color:red}</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/vacancies">Vacancies</a>
<a href="/contact">Contact</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main>
<article>
<h1>Teacher of Mathematics (Secondary)</h1>
<p class="meta">Hollowbrook Academy Trust · Leeds · Permanent, full time</p>
<h2>The role</h2>
<p>Hollowbrook Academy Trust is looking for a Teacher of Mathematics to join our mathematics department of
twelve at Hollowbrook Park School. You will teach Key Stages 3 to 5, plan lessons with colleagues and help
pupils prepare for GCSE and A level examinations.</p>
<h2>What you will need</h2>
<ul>
<li>Qualified Teacher Status (QTS) or equivalent.</li>
<li>Strong subject knowledge and classroom management.</li>
<li>Experience of curriculum development and lesson planning.</li>
</ul>
<h2>What we offer</h2>
<p>A supportive team, protected planning time and a clear path to leadership.</p>
</article>
</main>
<aside class="sidebar"><h3>Subscribe to our newsletter</h3><p>Get the latest vacancies in your inbox.
<a href="/subscribe">Subscribe</a></p></aside>
<div class="advert">Advertisement: Teach abroad with GlobalEd Recruitment! Apply today.</div>
<footer><p>© 2026 Hollowbrook Academy Trust. Registered in England No. 08123456.</p>
<p>Privacy policy · Terms of use</p></footer>
</body></html>
"""

BANK_POSTING_PDF = [
    ("title", "Relationship Manager, Commercial Banking"),
    ("p", "Harbourline Bank · Manchester · Hybrid"),
    ("h", "About the team"),
    ("p", "You will join the Northwest Mid-Market team, part of Commercial Banking, looking after a portfolio of "
          "owner-managed businesses with turnover between £5m and £50m."),
    ("h", "What you'll do"),
    ("li", "Build and manage a portfolio of commercial clients, growing lending and deposit income."),
    ("li", "Negotiate credit terms with clients and present proposals to the credit committee."),
    ("li", "Use Salesforce to keep pipeline and forecasting accurate."),
    ("h", "What you'll bring"),
    ("li", "Proven account management and B2B sales experience in banking or payments."),
    ("li", "Strong negotiation skills and commercial judgement."),
    ("li", "Credit risk knowledge; a relevant professional qualification is a plus."),
]

STARTUP_POSTING_MD = """\
# Backend Engineer — Payments Platform

**Quillfeather** · Remote (UK/EU)

Quillfeather builds invoicing software for freelancers. Our Payments Platform team owns card
payments, payouts and reconciliation.

## What you'll do

- Design and run the services that move money between freelancers and their clients.
- Improve reliability of our payout pipeline.

## Requirements

- 3+ years building backend services in Python or Go.
- Experience with PostgreSQL and Docker.
- Familiarity with AWS.

## Nice to have

- Kafka or other event streaming experience.
"""

# --- meetings ---------------------------------------------------------------------------------------------

TRANSCRIPT_TXT = """\
Facilities weekly sync — transcript
Date: 2026-03-12 (Thursday)
Participants: Ben Hartley, Pál Szabó, Yuki Tanaka, Grace Adeyemi

Ben: Morning all. First thing, the vendor list for the new canteen contract.
Yuki: We still have three vendors on the shortlist.
Ben: I'll send the vendor list to finance by EOD tomorrow.
Pál: I can order the replacement chairs for meeting room 4 by Friday.
Grace: The fire drill went fine last week, no issues.
Yuki: I will book the fire safety inspection for next month before March 20.
Ben: Thanks. Anything else? No? Then we're done.
"""

MINUTES_DOCX = [
    ("title", "Riverside Primary School — Governing Board Minutes"),
    ("p", "Date: 4 February 2026"),
    ("p", "Present: Helen Marsh (Chair), Tomás Ortega, Nkechi Obi, David Fairweather"),
    ("h1", "1. Call to order"),
    ("p", "The chair called the meeting to order at 18:30."),
    ("h1", "2. Approval of previous minutes"),
    ("p", "The minutes of 7 January were approved without changes."),
    ("h1", "3. Budget"),
    ("p", "The board discussed the forecast deficit of £18,000 for next year."),
    ("h1", "Actions"),
    ("bold_owner", ("Tomás Ortega", "to circulate the revised budget to all governors by 18 February 2026.")),
    ("bold_owner", ("Nkechi Obi", "to arrange the safeguarding training for new governors before half term (13 February 2026).")),
    ("li", "Update the school website's governance page (David Fairweather)."),
    ("h1", "Any other business"),
    ("p", "None. The meeting closed at 19:45."),
]

NOTES_MD = """\
# Ward 7 staffing huddle

Date: 9 October 2026

## Agenda

1. Call to order
2. Winter rota
3. Training

## Notes

- The winter rota is still two nurses short on weekend nights.
- Agency spend is 12% over budget this quarter.

## Action items

- Publish the winter rota draft (Grace Adeyemi) — due 16 October 2026
- **Oluwaseun** to book the manual handling refresher for new starters by 23 October 2026
- Ask finance whether agency hours can move to the bank staff budget (owner: Chloé Martin)
"""

# --- reports ----------------------------------------------------------------------------------------------

REPORT_PDF = [
    ("title", "Energy Efficiency Review: Northgate Depot"),
    ("p", "Prepared for the operations board by the facilities team, November 2026."),
    ("h", "Summary"),
    ("p", "Replacing the depot's sodium lighting with LED fittings and adding occupancy sensors would cut the "
          "depot's electricity use by about 38%. At current prices the £84,000 project pays back in 2.6 years. "
          "We recommend approving the retrofit in the first quarter of 2027."),
    ("h", "Findings"),
    ("p", "Lighting is 41% of the depot's electricity use. Most fittings are more than fifteen years old and run "
          "all night whether or not the bays are in use."),
    ("table", [["Month", "kWh (thousands)", "Cost (£ thousands)"], ["January", "2.91", "0.84"],
               ["February", "2.64", "0.77"], ["March", "2.40", "0.70"]]),
    ("pagebreak", None),
    ("h", "Next steps"),
    ("li", "Aisha Rahman to obtain three contractor quotes by 15 January 2027."),
    ("li", "Tom Becker to confirm the grant eligibility with the council by 31 January 2027."),
]

MEMO_DOCX = [
    ("title", "MEMORANDUM"),
    ("p", "To: Executive Committee"),
    ("p", "From: Lena Fischer, Head of Customer Operations"),
    ("p", "Date: 2 December 2026"),
    ("p", "Subject: Moving first-line support to a shared inbox"),
    ("h1", "Recommendation"),
    ("p", "I recommend that we move first-line support from personal mailboxes to a shared inbox with assignment "
          "rules from January 2027. The change costs £6,500 a year and would stop the lost tickets that caused "
          "most of last quarter's complaints."),
    ("h1", "Background"),
    ("p", "Customers currently email individual agents. When an agent is away, messages wait unread; 140 tickets "
          "were answered after more than five days last quarter."),
    ("h1", "Next steps"),
    ("li", "Jonas Weber to set up the shared inbox pilot by 12 December 2026."),
]

ARTICLE_HTML = """\
<!doctype html>
<html><head><title>City council approves new cycle lanes | The Harbour Gazette</title></head>
<body>
<div id="top-bar"><a href="/subscribe">Subscribe</a> | <a href="/login">Sign in</a></div>
<nav class="menu"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<div class="ad-slot">ADVERTISEMENT — Save 50% on your first month. Subscribe now!</div>
<div class="content">
<h1>City council approves new cycle lanes</h1>
<p class="byline">By Ines Carvalho · 14 May 2026</p>
<p>The city council voted on Tuesday to build 14 kilometres of protected cycle lanes along the harbour road,
with construction starting in September and finishing by the end of 2027.</p>
<p>The £22 million scheme will be paid for mostly by a national transport grant. Councillors said the
lanes would connect the ferry terminal with the university campus.</p>
<p>Local businesses on the harbour road have asked for loading bays to be kept, and the council agreed to
publish a revised design for consultation in June.</p>
</div>
<div class="related"><h3>Related stories</h3><ul><li>Bus fares to rise in April</li>
<li>New bridge opens to traffic</li></ul></div>
<div class="newsletter">Sign up for our morning newsletter. Subscribe</div>
<footer>© 2026 The Harbour Gazette · Privacy · Cookies · Advertise with us</footer>
</body></html>
"""


# --- labels ---------------------------------------------------------------------------------------------


LABELS: dict[str, Any] = {
    "documents": {
        "nurse_table_resume.docx": {
            "kind": "resume", "name": "Zsófia Kovács",
            "current_employer": "Beacon Hill General Hospital",
            "skills": ["Patient Assessment", "Triage", "Electronic Health Records", "Infection Control",
                       "Patient Education", "Nursing", "CPR", "ACLS", "Auditing"],
            "must_keep": ["Beacon Hill General Hospital", "Basic Life Support", "Advanced Cardiovascular Life Support",
                          "Massachusetts Board of Nursing"],
        },
        "teacher_resume.pdf": {
            "kind": "resume", "name": "Daniel Okonkwo-Reyes", "current_employer": "Kirkstall Academy",
            "skills": ["Curriculum Development", "Lesson Planning", "Mentoring", "Differentiated Instruction",
                       "Teaching", "Formative Assessment", "Special Educational Needs"],
            "must_keep": ["Kirkstall Academy", "Qualified Teacher Status"],
            "whole_lines": ["Led a department of nine teachers and raised the share of pupils achieving grade 5 or "
                            "above in GCSE mathematics from 48% to 63% over three years."],
        },
        "sales_manager_resume.txt": {
            "kind": "resume", "name": "Priya Venkataraman", "current_employer": "Paystream Ltd",
            "skills": ["Salesforce", "Negotiation", "Account Management", "Forecasting", "Pipeline Management",
                       "B2B Sales"],
            "must_keep": ["Paystream Ltd", "Partner referral programme"],
        },
        "career_changer_resume.docx": {
            "kind": "resume", "name": "Marcus Lindqvist", "current_employer": "Self-employed",
            "skills": ["SQL", "Python", "pandas", "Tableau", "Microsoft Excel", "Data Visualization", "Statistics",
                       "PostgreSQL", "Data Analysis"],
            "must_keep": ["Air quality explorer", "Google Data Analytics Certificate"],
        },
        "graduate_resume.md": {
            "kind": "resume", "name": "Amara Nwosu", "current_employer": "Julius Berger Nigeria",
            "skills": ["AutoCAD", "MATLAB", "Surveying", "Project Management"],  # "BEng Civil Engineering": a degree
            "must_keep": ["Julius Berger Nigeria", "flood risk model"],
        },
        "hospital_posting.docx": {
            "kind": "posting", "employer": "St. Brigid's University Hospital",
            "role": "Clinical Nurse Specialist",
            "skills": ["Triage", "Infection Control", "Electronic Health Records", "Patient Education", "Nursing",
                       "CPR", "Quality Improvement", "ACLS"],
            "not_employer": ["Cardiac Care Unit", "Cardiac Care"],
        },
        "school_posting.html": {
            "kind": "posting", "employer": "Hollowbrook Academy Trust", "role": "Teacher of Mathematics",
            "skills": ["Curriculum Development", "Lesson Planning", "Teaching"],
            "furniture": ["Subscribe", "cookies", "Advertisement", "GlobalEd", "Privacy policy"],
        },
        "bank_posting.pdf": {
            "kind": "posting", "employer": "Harbourline Bank", "role": "Relationship Manager",
            "skills": ["Account Management", "B2B Sales", "Negotiation", "Salesforce", "Forecasting",
                       "Risk Analysis"],
            "not_employer": ["Northwest Mid-Market", "Commercial Banking"],
        },
        "startup_posting.md": {
            "kind": "posting", "employer": "Quillfeather", "role": "Backend Engineer",
            "skills": ["Python", "Go", "PostgreSQL", "Docker", "AWS", "Apache Kafka"],
            "not_employer": ["Payments Platform"],
        },
        "transcript.txt": {
            "kind": "notes",
            "people": ["Ben Hartley", "Pál Szabó", "Yuki Tanaka", "Grace Adeyemi"],
            "action_items": [
                {"task": "send the vendor list to finance", "owner": "Ben Hartley", "due": "2026-03-13"},
                {"task": "order the replacement chairs", "owner": "Pál Szabó", "due": "2026-03-13"},
                {"task": "book the fire safety inspection", "owner": "Yuki Tanaka", "due": "2026-03-20"},
            ],
        },
        "minutes.docx": {
            "kind": "notes",
            "people": ["Helen Marsh", "Tomás Ortega", "Nkechi Obi", "David Fairweather"],
            "action_items": [
                {"task": "circulate the revised budget", "owner": "Tomás Ortega", "due": "2026-02-18"},
                {"task": "arrange the safeguarding training", "owner": "Nkechi Obi", "due": "2026-02-13"},
                {"task": "update the school website", "owner": "David Fairweather", "due": None},
            ],
            "not_items": ["Call to order", "Approval of previous minutes", "Any other business"],
        },
        "ward_notes.md": {
            "kind": "notes",
            "people": ["Grace Adeyemi", "Oluwaseun", "Chloé Martin"],
            "action_items": [
                {"task": "publish the winter rota draft", "owner": "Grace Adeyemi", "due": "2026-10-16"},
                {"task": "book the manual handling refresher", "owner": "Oluwaseun", "due": "2026-10-23"},
                {"task": "ask finance whether agency hours", "owner": "Chloé Martin", "due": None},
            ],
            "not_items": ["Call to order", "Winter rota", "Training"],
        },
        "energy_report.pdf": {
            "kind": "report",
            "main_point": ["pays back in 2.6 years", "recommend"],
            "people": ["Aisha Rahman", "Tom Becker"],
            "action_items": [
                {"task": "obtain three contractor quotes", "owner": "Aisha Rahman", "due": "2027-01-15"},
                {"task": "confirm the grant eligibility", "owner": "Tom Becker", "due": "2027-01-31"},
            ],
            "furniture": ["Page 1 of", "Confidential — Northgate"],
            "whole_lines": ["Replacing the depot's sodium lighting with LED fittings and adding occupancy sensors "
                            "would cut the depot's electricity use by about 38%."],
        },
        "memo.docx": {
            "kind": "report",
            "title": "Moving first-line support to a shared inbox",
            "main_point": ["recommend", "shared inbox"],
            "people": ["Lena Fischer", "Jonas Weber"],
            "action_items": [
                {"task": "set up the shared inbox pilot", "owner": "Jonas Weber", "due": "2026-12-12"},
            ],
        },
        "article.html": {
            "kind": "report",
            "title": "City council approves new cycle lanes",
            "main_point": ["cycle lanes"],
            "people": ["Ines Carvalho"],
            "furniture": ["Subscribe", "ADVERTISEMENT", "Related stories", "Bus fares", "Advertise with us"],
        },
    },
    # Resume + posting pairs for the cover letter and the resume tailor; "match" says whether a careful reader
    # sees a fit (shared skills) or a mismatch the letter must own up to.
    "applications": [
        {"resume": "nurse_table_resume.docx", "posting": "hospital_posting.docx", "match": True},
        {"resume": "teacher_resume.pdf", "posting": "school_posting.html", "match": True},
        {"resume": "sales_manager_resume.txt", "posting": "bank_posting.pdf", "match": True},
        {"resume": "career_changer_resume.docx", "posting": "startup_posting.md", "match": True},
        {"resume": "nurse_table_resume.docx", "posting": "startup_posting.md", "match": False},
        {"resume": "graduate_resume.md", "posting": "bank_posting.pdf", "match": False},
    ],
}


# --- writers ----------------------------------------------------------------------------------------------


def _docx(path: Path, blocks: list[tuple[str, Any]]) -> None:
    from docx import Document

    document = Document()
    for kind, value in blocks:
        if kind == "title":
            document.add_heading(value, level=0)
        elif kind in ("h1", "h2"):
            document.add_heading(value, level=int(kind[1]))
        elif kind == "li":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "bold_owner":
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(value[0]).bold = True
            paragraph.add_run(" " + value[1])
        elif kind == "table":  # a data table: the first row is the header
            table = document.add_table(rows=0, cols=len(value[0]))
            table.style = "Table Grid"
            for row in value:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            document.add_paragraph(value)
    document.save(path)


def _table_resume_docx(path: Path, columns: dict[str, list[tuple[str, str]]]) -> None:
    """A two-column resume laid out in a one-row table, as many templates do."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, blocks in zip(table.rows[0].cells, (columns["left"], columns["right"]), strict=True):
        cell.paragraphs[0].text = ""
        first = True
        for kind, value in blocks:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            run = paragraph.add_run(value)
            if kind == "h":
                run.bold = True
                run.font.size = Pt(18)
            elif kind == "h2":
                paragraph.style = document.styles["Heading 2"]
            elif kind == "li":
                paragraph.style = document.styles["List Bullet"]
    document.save(path)


def _pdf(path: Path, blocks: list[tuple[str, Any]], *, header: str, footer: str) -> None:
    """A PDF with wrapped paragraphs and a running header and footer on every page."""
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self) -> None:
            self.set_font("Body", "", 8)
            self.cell(0, 6, header, align="R")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Body", "", 8)
            self.cell(0, 6, f"{footer} · Page {self.page_no()} of {{nb}}", align="C")

    pdf = Paper(format="A4")
    pdf.alias_nb_pages()
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=18)
    fonts = Path(__file__).resolve().parents[2] / "src" / "convilyn" / "tools" / "fonts"
    regular = next(iter(sorted(fonts.glob("*Sans.ttf"))), None) or next(iter(sorted(fonts.glob("*.ttf"))))
    bold = next(iter(sorted(fonts.glob("*Bold.ttf"))), regular)
    pdf.add_font("Body", "", str(regular))
    pdf.add_font("Body", "B", str(bold))
    pdf.add_page()  # after the fonts: the header uses them
    for kind, value in blocks:
        if kind == "title":
            pdf.set_font("Body", "B", 18)
            pdf.multi_cell(0, 9, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h":
            pdf.ln(3)
            pdf.set_font("Body", "B", 13)
            pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
        elif kind == "li":
            pdf.set_font("Body", "", 11)
            pdf.set_x(26)
            pdf.multi_cell(0, 6, "•  " + value, new_x="LMARGIN", new_y="NEXT")
        elif kind == "pagebreak":
            pdf.add_page()
        elif kind == "table":
            pdf.set_font("Body", "", 10)
            with pdf.table(col_widths=(40, 40, 40), text_align="LEFT") as table:
                for row in value:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)
        else:
            pdf.set_font("Body", "", 11)
            pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    pdf.output(str(path))


def build_notes_reports(notes_reports: Any) -> None:  # noqa: ANN401 - the module
    """The third set's documents (``notes_reports.py``)."""
    _docx(DOCS / "rowing_board_minutes.docx", notes_reports.BOARD_MINUTES_DOCX)
    _pdf(DOCS / "cold_store_q3_report.pdf", notes_reports.QUARTERLY_REPORT_PDF,
         header="Fenwick Cold Storage · Q3 2026 Operations Report · Internal", footer="Immingham site")
    (DOCS / "library_update.html").write_text(notes_reports.PROJECT_UPDATE_HTML, encoding="utf-8")
    (DOCS / "invoice_sync_call.txt").write_text(notes_reports.TEAMS_TRANSCRIPT_TXT, encoding="utf-8")
    (DOCS / "packaging_sync.md").write_text(notes_reports.MIXED_DATES_NOTES_MD, encoding="utf-8")
    (DOCS / "offsite_emails.txt").write_text(notes_reports.EMAIL_THREAD_TXT, encoding="utf-8")
    (DOCS / "supplier_call.txt").write_text(notes_reports.SUPPLIER_CALL_TXT, encoding="utf-8")


def build_notes_review(notes_review: Any) -> None:  # noqa: ANN401 - the module
    """The fourth set's documents (``notes_review.py``)."""
    (DOCS / "helpdesk_call.txt").write_text(notes_review.HELPDESK_CALL_TXT, encoding="utf-8")
    _docx(DOCS / "parish_minutes.docx", notes_review.PARISH_MINUTES_DOCX)
    (DOCS / "depot_move.html").write_text(notes_review.DEPOT_MOVE_HTML, encoding="utf-8")
    (DOCS / "retro_notes.md").write_text(notes_review.RETRO_NOTES_MD, encoding="utf-8")
    (DOCS / "stand_email.txt").write_text(notes_review.STAND_EMAIL_TXT, encoding="utf-8")


def build() -> None:
    import fresh  # the second set, written to judge the workflows (2026-12-06)
    import notes_reports  # a third set: notes and reports (2026-12-06)
    import notes_review  # the fourth set: the classes an independent review found (2026-12-06)
    import third  # a third set: letters and tailored resumes (2026-12-06)

    DOCS.mkdir(parents=True, exist_ok=True)
    _table_resume_docx(DOCS / "nurse_table_resume.docx", NURSE_TABLE_RESUME)
    _pdf(DOCS / "teacher_resume.pdf", TEACHER_PDF_RESUME, header="Daniel Okonkwo-Reyes — Curriculum vitae",
         footer="daniel.reyes@example.net")
    (DOCS / "sales_manager_resume.txt").write_text(SALES_RESUME_TXT, encoding="utf-8")
    _docx(DOCS / "career_changer_resume.docx", CAREER_CHANGER_DOCX)
    (DOCS / "graduate_resume.md").write_text(GRADUATE_RESUME_MD, encoding="utf-8")
    _docx(DOCS / "hospital_posting.docx", HOSPITAL_POSTING_DOCX)
    (DOCS / "school_posting.html").write_text(SCHOOL_POSTING_HTML, encoding="utf-8")
    _pdf(DOCS / "bank_posting.pdf", BANK_POSTING_PDF, header="Harbourline Bank careers", footer="Ref HB-2026-118")
    (DOCS / "startup_posting.md").write_text(STARTUP_POSTING_MD, encoding="utf-8")
    (DOCS / "transcript.txt").write_text(TRANSCRIPT_TXT, encoding="utf-8")
    _docx(DOCS / "minutes.docx", MINUTES_DOCX)
    (DOCS / "ward_notes.md").write_text(NOTES_MD, encoding="utf-8")
    _pdf(DOCS / "energy_report.pdf", REPORT_PDF, header="Confidential — Northgate Depot",
         footer="Facilities team")
    _docx(DOCS / "memo.docx", MEMO_DOCX)
    (DOCS / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")
    _pdf(DOCS / "accountant_resume.pdf", fresh.ACCOUNTANT_RESUME_PDF, header="Ngozi Eze-Okafor — CV",
         footer="ngozi.eze@example.co.uk")
    _pdf(DOCS / "finance_posting.pdf", fresh.FINANCE_POSTING_PDF, header="Ellison Ward Housing · Careers",
         footer="Job ref EWH-0412")
    _docx(DOCS / "electrician_resume.docx", fresh.ELECTRICIAN_RESUME_DOCX)
    (DOCS / "electrician_posting.html").write_text(fresh.ELECTRICIAN_POSTING_HTML, encoding="utf-8")
    (DOCS / "site_transcript.txt").write_text(fresh.SITE_TRANSCRIPT_TXT, encoding="utf-8")
    (DOCS / "garden_minutes.md").write_text(fresh.GARDEN_MINUTES_MD, encoding="utf-8")
    (DOCS / "physio_report.html").write_text(fresh.PHYSIO_REPORT_HTML, encoding="utf-8")
    (DOCS / "incident_review.txt").write_text(fresh.INCIDENT_REVIEW_TXT, encoding="utf-8")
    _pdf(DOCS / "nurse_resume.pdf", third.NURSE_RESUME_PDF, header="Aoife Brennan — CV",
         footer="aoife.brennan@example.co.uk")
    _docx(DOCS / "ward_posting.docx", third.WARD_POSTING_DOCX)
    _table_resume_docx(DOCS / "teacher_changer_resume.docx", third.TEACHER_CHANGER_DOCX)
    (DOCS / "learning_posting.html").write_text(third.LEARNING_POSTING_HTML, encoding="utf-8")
    (DOCS / "lab_graduate_resume.txt").write_text(third.GRADUATE_RESUME_TXT, encoding="utf-8")
    (DOCS / "lab_posting.md").write_text(third.LAB_POSTING_MD, encoding="utf-8")
    _pdf(DOCS / "shift_manager_resume.pdf", third.SHIFT_MANAGER_RESUME_PDF, header="Delroy Ashworth — CV",
         footer="delroy.ashworth@example.com")
    _docx(DOCS / "operations_posting.docx", third.OPERATIONS_POSTING_DOCX)
    (DOCS / "pharmacist_resume.txt").write_text(third.PHARMACIST_RESUME_TXT, encoding="utf-8")
    (DOCS / "pharmacy_posting.md").write_text(third.PHARMACY_POSTING_MD, encoding="utf-8")
    build_notes_reports(notes_reports)
    build_notes_review(notes_review)
    labels = {"documents": {**LABELS["documents"], **fresh.FRESH_LABELS, **third.THIRD_LABELS,
                            **notes_reports.NOTES_REPORTS_LABELS, **notes_review.NOTES_REVIEW_LABELS},
              "applications": LABELS["applications"] + fresh.FRESH_APPLICATIONS + third.THIRD_APPLICATIONS}
    (HERE / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    build()
