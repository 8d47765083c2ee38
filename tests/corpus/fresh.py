"""The corpus's second set (2026-12-06): documents written to judge the workflows, then kept to measure them.

An accountant's two-page PDF resume and a DOCX electrician's resume with a licences
section, a one-page PDF posting that names whom to write to, a job-board HTML posting
full of page furniture, a timestamped site-meeting transcript (owners "Øyvind", "Pál",
"Siobhán"), community-garden minutes with numbered agenda headings and a bold ACTION,
an HTML report with cookie banner, share links and a feedback widget, and a plain-text
post-incident review with a timeline. ``build.py`` writes them with the first set.
"""

from __future__ import annotations

from typing import Any

ACCOUNTANT_RESUME_PDF = [
    ("title", "Ngozi Eze-Okafor, FCCA"),
    ("p", "Financial Controller · ngozi.eze@example.co.uk · 07911 204 377 · Manchester · linkedin.com/in/ngozieze"),
    ("h", "Profile"),
    ("p", "Chartered certified accountant with fifteen years in audit, housing and manufacturing finance. I run "
          "month-end and statutory reporting for a £180m turnover group, and I like building finance teams that "
          "close fast and explain the numbers plainly."),
    ("h", "Experience"),
    ("p", "Financial Controller | Pennine Foods Group plc | Jan 2021 – Present"),
    ("li", "Run the finance function for four manufacturing sites (turnover £180m) with a team of eleven, reporting "
           "to the CFO and the audit committee."),
    ("li", "Cut the month-end close from nine working days to four by standardising reconciliations and moving "
           "accruals into SAP."),
    ("li", "Prepared the group's statutory accounts under FRS 102 for three years with no audit adjustments above "
           "materiality."),
    ("li", "Built a Power BI management pack that replaced 26 spreadsheets and is now used by every site manager."),
    ("li", "Led the annual budget and the rolling quarterly forecast, holding forecast accuracy within 2% of "
           "actual EBITDA."),
    ("p", "Finance Manager | Halden Logistics Ltd | Mar 2017 – Dec 2020"),
    ("li", "Managed a team of five covering management accounts, payroll and credit control for a 600-vehicle "
           "haulage business."),
    ("li", "Renegotiated the invoice finance facility, saving £140k a year in fees and interest."),
    ("li", "Introduced a thirteen-week cash flow forecast that the bank accepted as the covenant reporting "
           "basis."),
    ("li", "Implemented purchase-order controls that cut unapproved spend by 70% in the first year."),
    ("li", "Prepared VAT returns and corporation tax computations with the external advisers."),
    ("p", "Senior Management Accountant | Northway Housing Association | Jun 2014 – Feb 2017"),
    ("li", "Produced the monthly board pack for a housing association with 9,000 homes, including covenant "
           "compliance and the 30-year business plan."),
    ("li", "Reconciled service charge accounts for 140 schemes and handled tenant queries on year-end "
           "statements."),
    ("li", "Supported the move to the Housing SORP 2014 and the first FRS 102 accounts."),
    ("li", "Reviewed capital projects against budget with the asset management team."),
    ("p", "Audit Senior | Grant & Pryce LLP | Sep 2008 – May 2014"),
    ("li", "Ran audits of charities, housing associations and owner-managed businesses with fees up to £120k."),
    ("li", "Supervised teams of up to four trainees on site and reviewed their working papers."),
    ("li", "Qualified as ACCA in 2011 while working full time; became a Fellow in 2016."),
    ("h", "Professional Qualifications"),
    ("p", "Fellow of the Association of Chartered Certified Accountants (FCCA), membership no. 2281946"),
    ("p", "ICAEW Certificate in IFRS, 2019"),
    ("h", "Projects"),
    ("li", "ERP migration, Pennine Foods: led the finance workstream moving four sites from Sage 200 to SAP "
           "S/4HANA on time and within budget."),
    ("li", "Shared service centre design, Halden Logistics: mapped purchase-to-pay and proposed the structure the "
           "board adopted in 2020."),
    ("h", "Skills"),
    ("p", "Financial Reporting, IFRS, FRS 102, Budgeting, Forecasting, Month-end Close, SAP, Power BI, "
          "Microsoft Excel, Cash Flow Management, Team Leadership"),
    ("h", "Education"),
    ("p", "BSc (Hons) Economics and Finance, University of Leeds, 2008"),
    ("h", "Languages"),
    ("p", "English (native), Igbo (fluent), French (conversational)"),
]

FINANCE_POSTING_PDF = [
    ("title", "Head of Financial Reporting"),
    ("p", "Group Finance · Salford Quays (hybrid, three days a week in the office) · £68,000 – £74,000 a year"),
    ("h", "About us"),
    ("p", "Ellison Ward Housing is a not-for-profit housing association providing 14,000 affordable homes across "
          "Greater Manchester. Our Group Finance team of 22 supports a board that borrows £650m from funders "
          "and reports to the Regulator of Social Housing."),
    ("h", "The role"),
    ("p", "You will lead the statutory and regulatory reporting of the group and its two subsidiaries, and the "
          "team of four that prepares it."),
    ("h", "What you will do"),
    ("li", "Lead the preparation of the group's annual statutory accounts under FRS 102 and the Housing SORP."),
    ("li", "Own the month-end close and the quarterly regulatory returns, including the FVA and the quarterly "
           "survey."),
    ("li", "Manage and develop a team of four accountants, two of them studying for their professional "
           "qualifications."),
    ("li", "Work with our external auditors and keep the audit timetable."),
    ("li", "Develop the Power BI management reporting pack for the executive team and the board."),
    ("h", "What we are looking for"),
    ("li", "A qualified accountant (ACA, ACCA or CIMA) with at least five years' post-qualification experience."),
    ("li", "Strong working knowledge of FRS 102; housing or charity sector experience is desirable."),
    ("li", "Experience of leading and developing a team."),
    ("li", "Advanced Excel skills and experience of SAP or a similar ERP system."),
    ("h", "How to apply"),
    ("p", "Send your CV and a covering letter addressed to Rachel Dunmore, Director of Finance, by 16 January "
          "2026. Interviews will be held in the week of 26 January."),
    ("p", "Ellison Ward Housing is a registered society under the Co-operative and Community Benefit Societies "
          "Act 2014 and a registered provider of social housing. We welcome applications from everyone."),
]

ELECTRICIAN_RESUME_DOCX = [
    ("title", "Tomasz Wiśniewski"),
    ("p", "Approved Electrician | Bristol | 07700 918 264 | t.wisniewski@example.com"),
    ("h1", "About me"),
    ("p", "Time-served electrician with eleven years on commercial and industrial sites, the last six as an "
          "approved electrician running small teams on fit-outs and planned maintenance. Tidy, safe and happy "
          "to explain the job to the client."),
    ("h1", "Work history"),
    ("p", "Approved Electrician — Brightwire Electrical Contractors Ltd, Bristol — March 2019 to present"),
    ("li", "Lead a team of three on office and retail fit-outs worth up to £400k, from first fix to handover."),
    ("li", "Carry out periodic inspection and testing of commercial installations and write up EICRs."),
    ("li", "Install and commission fire alarm and emergency lighting systems to BS 5839 and BS 5266."),
    ("li", "Mentor two apprentices through their NVQ Level 3 portfolios."),
    ("p", "Electrician — Severnside Maintenance Services, Avonmouth — June 2015 to February 2019"),
    ("li", "Planned and reactive maintenance on a 24-hour distribution site: lighting, three-phase motors and "
           "conveyor controls."),
    ("li", "Fault-found on motor control circuits and replaced contactors, overloads and inverters."),
    ("li", "Kept the site's permit-to-work and lock-out records up to date."),
    ("p", "Apprentice Electrician — J. Harding & Sons, Bath — September 2011 to May 2015"),
    ("li", "Domestic rewires, consumer unit changes and new-build first and second fix."),
    ("h1", "Licences and cards"),
    ("li", "ECS Gold Card – Installation Electrician (valid to 2027)"),
    ("li", "18th Edition Wiring Regulations (BS 7671:2018+A2:2022), City & Guilds 2382-22"),
    ("li", "City & Guilds 2391-52 Inspection and Testing"),
    ("li", "IPAF 3a/3b mobile elevating work platforms"),
    ("li", "Full UK driving licence"),
    ("h1", "Skills"),
    ("p", "Fault finding · Inspection and testing · Fire alarm systems · Emergency lighting · Three-phase "
          "installations · Motor controls · AutoCAD (reading drawings)"),
    ("h1", "Training"),
    ("p", "NVQ Level 3 Electrotechnical Services, City of Bristol College, 2015"),
]

ELECTRICIAN_POSTING_HTML = """\
<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Maintenance Electrician - Corran Facilities Services - Bristol | JobsNest</title></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<header class="site-header"><a href="/">JobsNest</a>
<nav><a href="/jobs">Find jobs</a> <a href="/salaries">Salaries</a> <a href="/employers">For employers</a>
<a href="/signin">Sign in</a></nav></header>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/jobs/bristol">Bristol jobs</a> › Electrician jobs</div>
<main>
<article class="job">
<h1>Maintenance Electrician</h1>
<p class="job-company">Corran Facilities Services</p>
<p class="job-meta">Bristol, BS2 · Permanent · Full time · £38,500 a year plus van and overtime</p>
<p class="job-posted">Posted 2 days ago · 41 applicants</p>
<div class="share"><a href="#">Share this job</a> <a href="#">Save</a></div>
<h2>About the role</h2>
<p>Our Estates Maintenance team looks after 40 client sites across the South West, from offices and schools to
a regional hospital. We are looking for a qualified electrician to join the mobile team covering Bristol and
Bath.</p>
<h2>What you'll be doing</h2>
<ul>
<li>Carry out planned preventative maintenance and reactive repairs on commercial electrical installations.</li>
<li>Test and inspect installations and complete EICRs and minor works certificates.</li>
<li>Maintain fire alarm and emergency lighting systems and record the tests.</li>
<li>Find and fix faults on motor controls, pumps and air handling units.</li>
<li>Work safely under permits to work, and keep our clients informed.</li>
</ul>
<h2>What you'll need</h2>
<ul>
<li>Time-served electrician with NVQ Level 3 and the 18th Edition.</li>
<li>ECS card (or willing to obtain one).</li>
<li>City &amp; Guilds 2391 inspection and testing, or equivalent.</li>
<li>Fault finding experience on three-phase systems.</li>
<li>Full UK driving licence.</li>
</ul>
<p>Corran Facilities Services is an equal opportunities employer. Closing date: 30 January 2026.</p>
</article>
<aside class="similar-jobs"><h3>Similar jobs</h3><ul><li>Electrical Engineer - Avonmouth</li>
<li>Multi-skilled Engineer - Bath</li></ul></aside>
</main>
<section class="newsletter"><h3>Get jobs like this by email</h3><form><input placeholder="Email"><button>Subscribe</button></form></section>
<footer><p>© 2026 JobsNest Ltd · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>
"""

SITE_TRANSCRIPT_TXT = """\
Site coordination call — Harbourside Block B
Recorded Wednesday 6 May 2026, 08:30
Speakers: Siobhán Kelly (site manager), Pál Horváth (snagging), Øyvind Berg (temporary works), Marcus Bell (M&E)

[08:30] Siobhán: Morning all. Three things today: the scaffold, the snagging list and the client walk-round.
[08:31] Øyvind: The scaffold on the east elevation can come down on Monday. I'll confirm the strike date with Harlow Scaffolding by EOD tomorrow.
[08:33] Siobhán: Good. Pál, where are we on snagging?
[08:33] Pál: We're at 140 items, most of them decoration. I'll split the list by trade and send it round by Friday.
[08:35] Siobhán: Thanks. We still don't have the fire-stopping certificates from the drylining contractor.
[08:35] Marcus: I'll chase the fire-stopping certificates this week, they promised them last Friday.
[08:37] Øyvind: Just so everyone knows, I'm on leave next Wednesday.
[08:37] Pál: Should we move the skip before the walk-round?
[08:38] Siobhán: Yes, let's do that. I'll book the client walk-round for the 19th and send the invite today.
[08:40] Siobhán: That's it. Thanks everyone.
"""

GARDEN_MINUTES_MD = """\
# Riverside Community Garden — Trustees' Meeting

Minutes of the meeting held on Tuesday 3 March 2026 at the Old Library, 7pm

**Present:** Amadou Diallo (Chair), Katarzyna Nowak (Treasurer), Ffion Pritchard, Rashid Mahmood
**Apologies:** Dolores Quintero

### 1. Welcome and apologies

The chair welcomed trustees. Apologies were received from Dolores Quintero.

### 2. Minutes of the last meeting

The minutes of 3 February were approved as a true record.

### 3. Treasurer's report

Katarzyna reported a bank balance of £4,812. The £2,500 grant from the Lottery Community Fund has arrived.

**ACTION:** Katarzyna Nowak to prepare the annual accounts for the independent examiner by 31 March.

### 4. Polytunnel repair

Three quotes were received, from £900 to £1,400. Trustees agreed to accept the lowest quote, from GreenSpan.

- Place the order with GreenSpan this week (Rashid)

### 5. Spring open day

The open day will be on Saturday 16 May. Ffion will design the poster and circulate it before Easter (5 April).

### 6. Any other business

None.

### 7. Date of next meeting

Tuesday 7 April 2026, 7pm, at the Old Library.
"""

PHYSIO_REPORT_HTML = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Text reminders pilot: findings | Eastfield Community Health</title></head>
<body>
<div id="cookie-notice">This site uses cookies. <a href="/cookies">Find out more</a> <button>OK</button></div>
<div class="topbar"><a href="/">Home</a> | <a href="/services">Services</a> | <a href="/about">About us</a> |
<a href="/contact">Contact</a> | <a href="/jobs">Work for us</a></div>
<div class="content">
<h1>Fewer missed appointments: findings of the text-reminder pilot at Eastfield Physiotherapy</h1>
<p class="byline">By Leila Haddad, Physiotherapy Service Manager · Published 24 March 2026</p>
<div class="social-share">Share on Facebook · Share on X · Email this page</div>
<h2>Summary</h2>
<p>Between November 2025 and February 2026 we sent patients a text reminder two days before each physiotherapy
appointment at our Eastfield clinic. Missed appointments fell from 14.2% to 8.1% over the twelve weeks. We
recommend rolling out text reminders to all six outpatient clinics from June 2026.</p>
<h2>What we did</h2>
<p>Every patient with a mobile number on record received a text reminder 48 hours before the appointment, with a
link to cancel or rebook. Patients without a mobile number received the usual letter.</p>
<h2>What we found</h2>
<table>
<tr><th>Measure</th><th>Before the pilot</th><th>During the pilot</th></tr>
<tr><td>Missed appointments</td><td>14.2%</td><td>8.1%</td></tr>
<tr><td>Late cancellations</td><td>6.5%</td><td>7.9%</td></tr>
<tr><td>Appointments rebooked within 7 days</td><td>31%</td><td>58%</td></tr>
</table>
<p>Late cancellations rose slightly, because patients now cancel instead of not attending; most of those slots
were offered to the waiting list and filled.</p>
<h2>Costs and savings</h2>
<p>The texts cost £3,100 a year for all six clinics. The clinician time recovered is worth about £41,000 a year,
so the reminders pay for themselves many times over.</p>
<h2>Next steps</h2>
<ul>
<li>Leila Haddad will present the roll-out plan to the operations board on 14 April 2026.</li>
<li>Gareth Pugh (IT) to set up reminders for the remaining five clinics by 29 May 2026.</li>
</ul>
<div class="feedback">Was this page helpful? <button>Yes</button> <button>No</button></div>
</div>
<div class="footer">© 2026 Eastfield Community Health · Registered charity 1098876 · Accessibility · Privacy notice</div>
</body></html>
"""

INCIDENT_REVIEW_TXT = """\
POST-INCIDENT REVIEW

Incident: card payments failing at checkout
Date of incident: 12 February 2026, 14:05 to 15:50 (UTC)
Author: Dmitri Volkov, Engineering Manager, Payments
Review meeting: 16 February 2026

SUMMARY

For 105 minutes on 12 February about 38% of card payments at checkout failed. The cause was an expired TLS
certificate on one of the three gateways that connect us to our card processor. About 4,100 orders were not
completed, worth roughly £212,000; most customers retried later, and we estimate the lost revenue at £35,000.

TIMELINE

14:05  Error rate on card payments rises to 38%.
14:22  On-call engineer paged by the checkout error alert.
15:10  Expired certificate found on gateway 2.
15:50  Certificate renewed and gateway 2 back in the pool; payments recover.

WHAT WENT WRONG

The certificate on gateway 2 was renewed by hand in 2025 and left out of the automatic renewal job. The expiry
alert existed but sent email to a mailbox nobody reads. It took 65 minutes to find the failing gateway because the
dashboards only show errors across all three gateways.

DECISION

We decided to move all gateway certificates to automatic renewal and to remove manual renewals entirely.

ACTIONS

1. Move the three gateway certificates to automatic renewal - owner: Dmitri Volkov - due 27 February 2026
2. Send certificate expiry alerts to the on-call pager instead of email - owner: Aiyana Redcloud - due 20 February 2026
3. Add per-gateway error rates to the checkout dashboard - owner: Chen Jie - due 6 March 2026
"""

FRESH_LABELS: dict[str, Any] = {
    "accountant_resume.pdf": {
        "kind": "resume", "name": "Ngozi Eze-Okafor", "current_employer": "Pennine Foods Group plc",
        "skills": ["Financial Reporting", "IFRS", "FRS 102", "Budgeting", "Forecasting", "Month-end Close", "SAP",
                   "Power BI", "Microsoft Excel", "Cash Flow Management", "Leadership", "Payroll", "ERP", "Auditing",
                   "Tax Preparation", "English", "Igbo", "French"],
        "must_keep": ["Pennine Foods Group plc", "Fellow of the Association of Chartered Certified Accountants",
                      "ERP migration", "Grant & Pryce LLP"],
    },
    "electrician_resume.docx": {
        "kind": "resume", "name": "Tomasz Wiśniewski", "current_employer": "Brightwire Electrical Contractors Ltd",
        "skills": ["Fault finding", "Inspection and testing", "Fire alarm systems", "Emergency lighting",
                   "Three-phase installations", "Motor controls", "AutoCAD"],
        "must_keep": ["Brightwire Electrical Contractors Ltd", "ECS Gold Card", "18th Edition",
                      "2391-52 Inspection and Testing", "Full UK driving licence"],
    },
    "finance_posting.pdf": {
        "kind": "posting", "employer": "Ellison Ward Housing", "role": "Head of Financial Reporting",
        "skills": ["Financial Reporting", "FRS 102", "Month-end Close", "Leadership", "Microsoft Excel", "SAP", "ERP",
                   "Power BI"],
        "not_employer": ["Group Finance"],
        "recipient": "Rachel Dunmore",
    },
    "electrician_posting.html": {
        "kind": "posting", "employer": "Corran Facilities Services", "role": "Maintenance Electrician",
        "skills": ["Fault finding", "Inspection and testing", "Fire alarm systems", "Emergency lighting",
                   "Motor controls"],
        "not_employer": ["Estates Maintenance", "JobsNest"],
        "furniture": ["cookies", "Sign in", "Similar jobs", "Share this job", "Subscribe", "JobsNest"],
    },
    "site_transcript.txt": {
        "kind": "notes",
        "people": ["Siobhán Kelly", "Pál Horváth", "Øyvind Berg", "Marcus Bell"],
        "action_items": [
            {"task": "confirm the strike date with Harlow Scaffolding", "owner": "Øyvind Berg", "due": "2026-05-07"},
            {"task": "split the list by trade and send it round", "owner": "Pál Horváth", "due": "2026-05-08"},
            {"task": "chase the fire-stopping certificates", "owner": "Marcus Bell", "due": "2026-05-08"},
            {"task": "book the client walk-round", "owner": "Siobhán Kelly", "due": "2026-05-06"},
        ],
        "not_items": ["on leave next Wednesday", "move the skip"],
    },
    "garden_minutes.md": {
        "kind": "notes",
        "people": ["Amadou Diallo", "Katarzyna Nowak", "Ffion Pritchard", "Rashid Mahmood", "Dolores Quintero"],
        "action_items": [
            {"task": "prepare the annual accounts for the independent examiner", "owner": "Katarzyna Nowak",
             "due": "2026-03-31"},
            {"task": "place the order with GreenSpan", "owner": "Rashid Mahmood", "due": "2026-03-06"},
            {"task": "design the poster and circulate it", "owner": "Ffion Pritchard", "due": "2026-04-05"},
        ],
        "not_items": ["Welcome and apologies", "Minutes of the last meeting", "Any other business",
                      "Date of next meeting", "accept the lowest quote"],
    },
    "physio_report.html": {
        "kind": "report",
        "title": "Fewer missed appointments: findings of the text-reminder pilot at Eastfield Physiotherapy",
        "main_point": ["recommend", "all six outpatient clinics", "8.1%"],
        "people": ["Leila Haddad", "Gareth Pugh"],
        "action_items": [
            {"task": "present the roll-out plan to the operations board", "owner": "Leila Haddad",
             "due": "2026-04-14"},
            {"task": "set up reminders for the remaining five clinics", "owner": "Gareth Pugh", "due": "2026-05-29"},
        ],
        "furniture": ["cookies", "Share on Facebook", "Was this page helpful", "Registered charity", "Work for us"],
    },
    "incident_review.txt": {
        "kind": "report",
        "title": "card payments failing at checkout",
        "main_point": ["automatic renewal", "expired TLS certificate"],
        "people": ["Dmitri Volkov", "Aiyana Redcloud", "Chen Jie"],
        "action_items": [
            {"task": "move the three gateway certificates to automatic renewal", "owner": "Dmitri Volkov",
             "due": "2026-02-27"},
            {"task": "send certificate expiry alerts to the on-call pager instead of email",
             "owner": "Aiyana Redcloud", "due": "2026-02-20"},
            {"task": "add per-gateway error rates to the checkout dashboard", "owner": "Chen Jie",
             "due": "2026-03-06"},
        ],
    },
}

FRESH_APPLICATIONS: list[dict[str, Any]] = [
    {"resume": "accountant_resume.pdf", "posting": "finance_posting.pdf", "match": True},
    {"resume": "electrician_resume.docx", "posting": "electrician_posting.html", "match": True},
    {"resume": "electrician_resume.docx", "posting": "finance_posting.pdf", "match": False},
    {"resume": "accountant_resume.pdf", "posting": "electrician_posting.html", "match": False},
]
