"""The corpus's third set (2026-12-06): career documents written to judge the letter and the tailor, then kept.

A UK ward nurse's two-page PDF CV (an NMC PIN, a mentorship qualification), a hospital
trust's DOCX posting with the role as Heading 1, the employer on the next line and a
person specification of "Essential" and "Desirable" short noun phrases; a teacher
moving into learning and development, as a two-column DOCX CV; a building society's
HTML job page for a learning designer, with furniture, "You will have" lists and
benefits; a biomedical science graduate's plain-text CV; and a diagnostics startup's
Markdown posting. Most of what these postings ask for ("non-invasive ventilation",
"training needs analysis", "aseptic technique") is outside the skills vocabulary.
Then, after the coordinator's own judging, a warehouse shift manager's PDF CV
("Team Leader, Northway Foods, Bradford — 2017 to 2021", a Qualifications section of
certificates, a UK mobile number), an operations posting in DOCX whose Heading-1 role
carries a unit ("Operations Manager – Chilled Division", "Our Chilled Division runs ..."),
a pharmacist's plain-text CV with a REGISTRATION section and a pharmacy posting with
"## Essential" items and "Contact Sam Whitcombe, Superintendent Pharmacist, on ...".
Skill labels use the vocabulary's names where it knows the skill ("Public Speaking" for
"Presenting to non-specialists"), as the other sets do. ``build.py`` writes them with the
other sets.
"""

from __future__ import annotations

from typing import Any

NURSE_RESUME_PDF = [
    ("title", "Aoife Brennan RGN"),
    ("p", "Staff Nurse · aoife.brennan@example.co.uk · 07700 341 882 · Leicester"),
    ("h", "Personal statement"),
    ("p", "Registered general nurse with six years on acute medical and respiratory wards. I am the ward's link "
          "nurse for non-invasive ventilation, I mentor student nurses, and I am ready to take charge of shifts "
          "as a senior staff nurse."),
    ("h", "Clinical experience"),
    ("p", "Staff Nurse (Band 5) | Ward 22, Respiratory Medicine | Glenfield Park Hospital | Aug 2021 – Present"),
    ("li", "Care for up to eight acutely unwell patients a shift on a 28-bed respiratory ward, including patients "
           "on non-invasive ventilation and high-flow oxygen."),
    ("li", "Link nurse for non-invasive ventilation: wrote the ward's NIV competency booklet and trained "
           "fourteen colleagues in setting up and monitoring NIV."),
    ("li", "Take charge of the ward on late shifts twice a week, allocating patients and coordinating "
           "discharges with the bed managers."),
    ("li", "Administer IV medicines and blood products; completed the trust's IV therapy and cannulation "
           "competencies in 2022."),
    ("li", "Mentor and assess student nurses on placement; seven students signed off since 2023."),
    ("p", "Staff Nurse (Band 5) | Acute Medical Unit | Leicester General Infirmary | Sep 2019 – Jul 2021"),
    ("li", "Admitted and assessed patients from the emergency department using NEWS2 and sepsis screening."),
    ("li", "Worked on the Covid-19 respiratory cohort ward during the 2020 and 2021 waves."),
    ("li", "Took part in the unit's falls reduction project, which cut falls by a quarter in six months."),
    ("h", "Registration and qualifications"),
    ("li", "NMC registered nurse (Adult), PIN 19I4728E, registered September 2019"),
    ("li", "Practice Supervisor and Assessor training (NMC standards), 2022"),
    ("li", "Immediate Life Support (ILS), Resuscitation Council UK, 2025"),
    ("li", "Tracheostomy care competency, 2023"),
    ("h", "Education"),
    ("p", "BSc (Hons) Adult Nursing, De Montfort University, 2019 (First class)"),
    ("h", "Skills"),
    ("p", "Non-invasive ventilation, Patient assessment, IV therapy, Cannulation, Tracheostomy care, "
          "Discharge planning, Mentoring, SystmOne"),
]

WARD_POSTING_DOCX = [
    ("h1", "Senior Staff Nurse (Band 6)"),
    ("p", "Northfield Hospitals NHS Foundation Trust"),
    ("p", "Respiratory Unit, Ward 9 · Northfield Royal Infirmary · Full time, 37.5 hours · £37,338 – £44,962 a "
          "year"),
    ("h2", "Job overview"),
    ("p", "Ward 9 is a 30-bed respiratory ward with a four-bed level 1 area for patients on non-invasive "
          "ventilation. We are looking for a senior staff nurse to lead shifts, support the ward manager and "
          "develop the nursing team."),
    ("h2", "Main duties"),
    ("li", "Take charge of the ward, coordinating staffing, admissions and discharges across the shift."),
    ("li", "Deliver and supervise care for patients on non-invasive ventilation and high-flow oxygen."),
    ("li", "Act as practice supervisor and assessor for student nurses and new starters."),
    ("li", "Lead audits of documentation and infection control and act on the results."),
    ("h2", "Person specification"),
    ("p", "Essential"),
    ("li", "Registered nurse (Adult) with current NMC registration"),
    ("li", "Experience at band 5 in acute or respiratory medicine"),
    ("li", "Non-invasive ventilation competency"),
    ("li", "IV drug administration"),
    ("li", "Practice assessor qualification"),
    ("li", "Shift coordination"),
    ("p", "Desirable"),
    ("li", "Tracheostomy care"),
    ("li", "Degree in nursing"),
    ("li", "Quality improvement experience"),
    ("h2", "What we offer"),
    ("li", "27 days' annual leave rising with service, plus bank holidays"),
    ("li", "NHS pension and flexible rostering"),
    ("li", "Funded post-registration courses"),
    ("h2", "How to apply"),
    ("p", "Apply through NHS Jobs with your supporting information by 20 January 2027. For an informal visit, "
          "contact the ward manager, Grace Olumide, on 0116 258 4400."),
]

TEACHER_CHANGER_DOCX = {
    "left": [
        ("h", "Rhiannon Price"),
        ("p", "Teacher moving into learning design"),
        ("p", "rhiannon.price@example.com"),
        ("p", "07812 553 190"),
        ("p", "Cardiff"),
        ("h2", "Skills"),
        ("p", "Curriculum design"),
        ("p", "Lesson planning"),
        ("p", "Facilitation"),
        ("p", "Articulate Rise"),
        ("p", "Microsoft Teams"),
        ("p", "Coaching"),
        ("p", "Welsh (fluent)"),
        ("h2", "Qualifications"),
        ("p", "Qualified Teacher Status (QTS), 2014"),
        ("p", "CIPD Level 5 Associate Diploma in Learning and Development (in progress, 2026)"),
    ],
    "right": [
        ("h2", "Profile"),
        ("p", "Secondary geography teacher with eleven years in the classroom and four leading staff training. "
              "I design courses people finish, and I want to do that for adults at work."),
        ("h2", "Experience"),
        ("p", "Head of Geography and Staff Training Lead | Ysgol Bryn Celyn | Sep 2018 – Present"),
        ("li", "Plan and run the school's programme of staff training for 85 teachers, six sessions a term."),
        ("li", "Redesigned the Key Stage 3 geography curriculum around enquiry questions; the share of pupils "
               "choosing GCSE geography rose from 31% to 46%."),
        ("li", "Built three self-paced online courses in Articulate Rise for new staff induction, completed by "
               "every new starter since 2022."),
        ("li", "Coach early-career teachers through their induction year."),
        ("p", "Teacher of Geography | Cathays High School | Sep 2014 – Aug 2018"),
        ("li", "Taught geography to pupils aged 11 to 18 and led the Year 9 fieldwork programme."),
        ("li", "Ran revision workshops for A-level students; results above the school average for three years."),
        ("h2", "Education"),
        ("p", "PGCE Secondary Geography, Cardiff University, 2014"),
        ("p", "BA Geography, Aberystwyth University, 2013"),
    ],
}

LEARNING_POSTING_HTML = """\
<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Learning Designer | Careers at Tŷ Ceiniog Building Society</title></head>
<body>
<div class="cookie-consent">We use essential cookies and, with your consent, analytics cookies.
<button>Accept</button> <button>Reject</button></div>
<header><a href="/">Tŷ Ceiniog Building Society</a>
<nav><a href="/savings">Savings</a> <a href="/mortgages">Mortgages</a> <a href="/careers">Careers</a></nav></header>
<main>
<h1>Learning Designer</h1>
<p>Tŷ Ceiniog Building Society · Cardiff (hybrid, two days a week in our Cardiff office) · £36,000 – £41,000</p>
<p>Tŷ Ceiniog Building Society has helped people in Wales save and buy homes since 1884. Our People and
Culture team is growing, and we are looking for a Learning Designer to create the training our 600 colleagues
need, in branches and in head office.</p>
<h2>What you'll do</h2>
<ul>
<li>Work with subject experts to turn regulatory and product knowledge into engaging e-learning and workshops.</li>
<li>Run training needs analysis with branch and contact-centre managers.</li>
<li>Build digital learning in Articulate Rise and Storyline and publish it on our learning platform.</li>
<li>Measure whether learning works, using completion data and feedback, and improve it.</li>
</ul>
<h2>You will have</h2>
<ul>
<li>Experience designing learning for adults, in any setting</li>
<li>Instructional design</li>
<li>Articulate Rise or Storyline</li>
<li>Training needs analysis</li>
<li>Facilitation of workshops, in person and online</li>
<li>Stakeholder management</li>
</ul>
<h2>It would be great if you have</h2>
<ul>
<li>CIPD Level 5 in Learning and Development, or working towards it</li>
<li>Welsh language skills</li>
<li>Experience in financial services</li>
</ul>
<h2>What we offer</h2>
<ul>
<li>Pension with up to 10% employer contribution</li>
<li>Hybrid working and a 35-hour week</li>
<li>Two volunteering days a year</li>
</ul>
<h2>How to apply</h2>
<p>Send your CV and a cover letter through our careers site by 31 January 2027.</p>
<aside class="related-jobs"><h3>Other vacancies</h3><ul><li>Branch Adviser - Newport</li></ul></aside>
</main>
<footer><p>Tŷ Ceiniog Building Society is authorised by the Prudential Regulation Authority.</p>
<a href="/privacy">Privacy</a></footer>
</body></html>
"""

GRADUATE_RESUME_TXT = """\
KWAME ASANTE-MENSAH
Biomedical Science Graduate
kwame.asante@example.com | 07456 102 338 | Sheffield

PROFILE
Biomedical science graduate with a year in an NHS pathology laboratory. Careful at the bench and
happy with repetitive, exact work; looking for a first role in a diagnostics laboratory.

EDUCATION
BSc (Hons) Biomedical Science, University of Sheffield, 2022 - 2026 (expected 2:1)
Final-year project: validating a qPCR assay for antibiotic resistance genes in urine samples

EXPERIENCE
Trainee Biomedical Scientist (placement year) | Sheffield Teaching Hospitals NHS Foundation Trust | Jul 2024 - Jun 2025
- Processed blood and urine samples in the microbiology laboratory under ISO 15189 procedures
- Prepared culture media and performed Gram stains and antibiotic sensitivity tests
- Ran daily quality control on the analysers and recorded results in the laboratory information system
- Completed the IBMS registration training portfolio

Laboratory Assistant (part-time) | Hallam Biotech Ltd | Sep 2023 - Jun 2024
- Prepared reagents and buffers and kept stock records for a team of six scientists
- Cleaned and calibrated pipettes and balances to the lab's schedule

SKILLS
qPCR, ELISA, Aseptic technique, Microscopy, Sample preparation, Microsoft Excel, GraphPad Prism

CERTIFICATES
IBMS Registration Training Portfolio (completed 2025)
COSHH awareness, 2024
"""

LAB_POSTING_MD = """\
# Laboratory Scientist (Graduate)

**Helix Diagnostics** · Sheffield · Full time, on-site

Helix Diagnostics is a 40-person startup building rapid tests for sepsis. Our Assay Development team needs a
graduate scientist to run experiments and keep the lab running while we scale up for clinical trials.

## What you'll be doing

- Run qPCR and ELISA experiments to protocol and record the results accurately
- Prepare samples, reagents and buffers for the assay development team
- Keep the laboratory compliant: equipment calibration, COSHH records and waste
- Analyse results in Excel or GraphPad Prism and present them at the weekly lab meeting

## Requirements

- A degree in biomedical science, biochemistry or a related subject
- Hands-on qPCR experience
- Aseptic technique
- Good laboratory practice (GLP)
- Accurate record keeping

## Nice to have

- Experience in an ISO 15189 or ISO 13485 laboratory
- HCPC registration

## Benefits

- Share options and a £1,500 training budget
- 25 days' holiday plus your birthday off

Apply with your CV to careers@helixdx.example by 14 February 2027.
"""


SHIFT_MANAGER_RESUME_PDF = [
    ("title", "Delroy Ashworth"),
    ("p", "Wakefield · delroy.ashworth@example.com · 07700 900517"),
    ("h", "Profile"),
    ("p", "Warehouse shift manager with twelve years in chilled and ambient distribution. I run safe, calm night "
          "shifts and I like turning a missed target into a fixed process."),
    ("h", "Experience"),
    ("p", "Shift Manager, Castlegate Logistics, Wakefield — March 2021 to present"),
    ("li", "Manage a night shift of 46 pickers, loaders and drivers across a 180,000 sq ft chilled warehouse."),
    ("li", "Raised pick accuracy from 98.1% to 99.6% by reorganising slotting and retraining new starters."),
    ("li", "Plan weekly rotas and holiday cover within a £1.2m annual labour budget."),
    ("li", "Lead the site's accident investigations; lost-time injuries fell from six to one in two years."),
    ("p", "Team Leader, Northway Foods, Bradford — 2017 to 2021"),
    ("li", "Led a goods-in team of twelve on a 24-hour ambient site."),
    ("li", "Introduced a daily stock-check routine that cut write-offs by £85k a year."),
    ("p", "Warehouse Operative, Northway Foods, Bradford — 2013 to 2017"),
    ("li", "Picked and loaded chilled orders; trained as a counterbalance and reach truck driver."),
    ("h", "Qualifications"),
    ("li", "NEBOSH National General Certificate in Occupational Health and Safety, 2022"),
    ("li", "IOSH Managing Safely, 2019"),
    ("li", "Counterbalance and reach truck licences (RTITB), renewed 2024"),
    ("h", "Skills"),
    ("p", "Rota planning, Presenting to non-specialists, WMS (Manhattan), Root cause analysis, People management"),
]

OPERATIONS_POSTING_DOCX = [
    ("h1", "Operations Manager – Chilled Division"),
    ("p", "Harrowgate Food Services"),
    ("p", "Castleford, West Yorkshire · Permanent · £52,000 plus bonus"),
    ("h2", "About us"),
    ("p", "Harrowgate Food Services supplies chilled food to 900 schools and care homes across Yorkshire. Our "
          "Chilled Division runs two sites and a fleet of 60 vehicles."),
    ("h2", "The role"),
    ("li", "Run day-to-day operations across both chilled sites, through your shift managers."),
    ("li", "Own safety, pick accuracy and on-time delivery, and report them to the board each month."),
    ("li", "Plan labour and budgets for the division."),
    ("h2", "Essential"),
    ("li", "Experience managing a multi-shift warehouse operation"),
    ("li", "NEBOSH General Certificate"),
    ("li", "Root cause analysis"),
    ("li", "Labour planning"),
    ("li", "Budget management"),
    ("h2", "Desirable"),
    ("li", "Experience of a WMS implementation"),
    ("li", "Lean or Six Sigma training"),
    ("h2", "How to apply"),
    ("p", "Send your CV to recruitment@harrowgate.example, or contact Priya Mistry, Head of Operations, on "
          "01977 552 100 for an informal chat."),
]

PHARMACIST_RESUME_TXT = """\
Niamh Gallagher
Community Pharmacist
niamh.gallagher@example.ie | +353 87 555 0192 | Sligo

PROFILE
Community pharmacist with eight years in busy high-street pharmacies. I run clinics, manage a team and
enjoy explaining medicines to people who are worried about them.

EXPERIENCE
Pharmacist Manager | Riverside Pharmacy, Sligo | 2020 - Present
- Manage a pharmacy dispensing 9,000 items a month with a team of seven
- Run the flu vaccination clinic, giving over 600 flu vaccinations each winter
- Provide medicines use reviews and new medicine service consultations
- Teach pre-registration pharmacists and pharmacy technicians

Community Pharmacist | CarePlus Pharmacy, Galway | 2017 - 2020
- Dispensed and checked prescriptions and gave advice on minor ailments
- Set up a blister-pack service for 40 care home residents

REGISTRATION
General Pharmaceutical Council (GPhC), registration 2231890
Pharmaceutical Society of Ireland, registration 10422

EDUCATION
MPharm, Queen's University Belfast, 2016

SKILLS
Vaccination, Medicines optimisation, Team leadership, Minor ailments, Presenting to non-specialists
"""

PHARMACY_POSTING_MD = """\
# Pharmacist Manager

**Wellstreet Pharmacy** · Preston · Full time

Wellstreet Pharmacy is an independent group of six community pharmacies in Lancashire. We are looking for a
Pharmacist Manager for our Fishergate branch.

## Your role

- Lead the branch team and the dispensary, safely and to our standard operating procedures
- Deliver our clinical services: vaccinations, the Pharmacy First scheme and blood pressure checks
- Grow the services the branch offers to its community

## Essential

- GPhC registration
- Confident delivering vaccinations
- Team leadership
- Experience as a community pharmacist

## Desirable

- Independent prescribing qualification

## How to apply

Contact Sam Whitcombe, Superintendent Pharmacist, on recruitment@wellstreet.example to apply.
"""

THIRD_LABELS: dict[str, Any] = {
    "shift_manager_resume.pdf": {
        "kind": "resume",
        "name": "Delroy Ashworth",
        "current_employer": "Castlegate Logistics",
        "skills": ["Rota planning", "Public Speaking", "WMS", "Root cause analysis", "People Management",
                   "Health and Safety"],
        "must_keep": ["Castlegate Logistics", "Northway Foods", "NEBOSH National General Certificate",
                      "IOSH Managing Safely", "07700 900517"],
    },
    "operations_posting.docx": {
        "kind": "posting",
        "employer": "Harrowgate Food Services",
        "role": "Operations Manager",
        "skills": ["Root cause analysis", "Labour planning", "Budgeting", "WMS implementation", "Lean", "Six Sigma",
                   "Managing a multi-shift warehouse operation"],
        "not_employer": ["Our Chilled Division", "Chilled Division"],
        "recipient": "Priya Mistry",
    },
    "pharmacist_resume.txt": {
        "kind": "resume",
        "name": "Niamh Gallagher",
        "current_employer": "Riverside Pharmacy",
        "skills": ["Vaccination", "Medicines optimisation", "Leadership", "Minor ailments", "Public Speaking"],
        "must_keep": ["Riverside Pharmacy", "GPhC", "Pharmaceutical Society of Ireland"],
    },
    "pharmacy_posting.md": {
        "kind": "posting",
        "employer": "Wellstreet Pharmacy",
        "role": "Pharmacist Manager",
        "skills": ["Delivering vaccinations", "Leadership"],
        "recipient": "Sam Whitcombe",
    },
    "nurse_resume.pdf": {
        "kind": "resume",
        "name": "Aoife Brennan",
        "current_employer": "Glenfield Park Hospital",
        "skills": ["Non-invasive ventilation", "Patient Assessment", "IV therapy", "Cannulation", "Tracheostomy care",
                   "Care Planning", "Mentoring", "SystmOne", "Nursing"],
        "must_keep": ["Glenfield Park Hospital", "PIN 19I4728E", "Practice Supervisor and Assessor",
                      "Immediate Life Support"],
    },
    "ward_posting.docx": {
        "kind": "posting",
        "employer": "Northfield Hospitals NHS Foundation Trust",
        "role": "Senior Staff Nurse",
        "skills": ["Non-invasive ventilation", "IV drug administration", "Shift coordination", "Tracheostomy care",
                   "Quality Improvement", "Infection Control", "Nursing"],
        "not_employer": ["Respiratory Unit", "Ward 9"],
        "recipient": "Grace Olumide",
    },
    "teacher_changer_resume.docx": {
        "kind": "resume",
        "name": "Rhiannon Price",
        "current_employer": "Ysgol Bryn Celyn",
        "skills": ["Curriculum Development", "Lesson Planning", "Facilitation", "Articulate Rise", "Microsoft Teams",
                   "Mentoring", "Welsh"],
        "must_keep": ["Ysgol Bryn Celyn", "Qualified Teacher Status", "CIPD Level 5"],
    },
    "learning_posting.html": {
        "kind": "posting",
        "employer": "Tŷ Ceiniog Building Society",
        "role": "Learning Designer",
        "skills": ["Instructional design", "Articulate Rise", "Articulate Storyline", "Training needs analysis",
                   "Facilitation", "Stakeholder Management", "Welsh", "E-Learning", "Designing learning for adults"],
        "not_employer": ["People and Culture"],
        "furniture": ["cookies", "Mortgages", "Other vacancies", "Privacy"],
    },
    "lab_graduate_resume.txt": {
        "kind": "resume",
        "name": "Kwame Asante-Mensah",
        "current_employer": "Sheffield Teaching Hospitals NHS Foundation Trust",
        "skills": ["qPCR", "ELISA", "Aseptic technique", "Microscopy", "Sample preparation", "Microsoft Excel",
                   "GraphPad Prism"],
        "must_keep": ["Sheffield Teaching Hospitals", "IBMS Registration Training Portfolio", "qPCR assay"],
    },
    "lab_posting.md": {
        "kind": "posting",
        "employer": "Helix Diagnostics",
        "role": "Laboratory Scientist",
        "skills": ["qPCR", "ELISA", "Aseptic technique", "Good laboratory practice", "Record keeping",
                   "Microsoft Excel", "GraphPad Prism"],
        "not_employer": ["Assay Development"],
    },
}

THIRD_APPLICATIONS: list[dict[str, Any]] = [
    {"resume": "shift_manager_resume.pdf", "posting": "operations_posting.docx", "match": True},
    {"resume": "pharmacist_resume.txt", "posting": "pharmacy_posting.md", "match": True},
    {"resume": "pharmacist_resume.txt", "posting": "operations_posting.docx", "match": False},
    {"resume": "nurse_resume.pdf", "posting": "ward_posting.docx", "match": True},
    {"resume": "teacher_changer_resume.docx", "posting": "learning_posting.html", "match": True},
    {"resume": "lab_graduate_resume.txt", "posting": "lab_posting.md", "match": True},
    {"resume": "lab_graduate_resume.txt", "posting": "ward_posting.docx", "match": False},
    {"resume": "nurse_resume.pdf", "posting": "learning_posting.html", "match": False},
]
