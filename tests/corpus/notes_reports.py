"""The corpus's third set (2026-12-06): notes and reports written to judge the action items, summary and
report workflows on shapes the first two sets lack, then kept to measure them.

DOCX board minutes with an attendance table and owners named by first name ("Devendra to confirm",
"Margaret said she would do it" after a question), a PDF quarterly report with running heads, a table and
next steps in a paragraph ("Engineering, led by Tariq Mehmood, will ..."), a blog-like HTML project update
with menu, author box, comments and widgets, a Teams-style transcript with "Name (Company):" speakers, greetings
and "I can do that", mixed-language notes dated "03.02.2026" and "20 février", and a plain-text email thread
with a decision, requests by name, a signature and a legal footer, and a supplier call exported with each speaker
on a line of their own. ``build.py`` writes them with the others.
"""

from __future__ import annotations

from typing import Any

BOARD_MINUTES_DOCX = [
    ("title", "Board Meeting Minutes"),
    ("p", "Kestrel Valley Rowing Club"),
    ("p", "Thursday 12 November 2026, 19:00, clubhouse committee room"),
    ("h1", "Attendance"),
    ("table", [["Name", "Role", "Attendance"],
               ["Margaret Ollerenshaw", "Chair", "Present"],
               ["Devendra Pillai", "Treasurer", "Present"],
               ["Sinéad Fitzgerald", "Secretary", "Present"],
               ["Kwame Asante", "Club Captain", "Present"],
               ["Beatriz Santos", "Welfare Officer", "Apologies"]]),
    ("h1", "1. Call to order"),
    ("p", "The Chair called the meeting to order at 19:05 and confirmed that the meeting was quorate."),
    ("h1", "2. Minutes of the previous meeting"),
    ("p", "The minutes of 8 October 2026 were approved as a correct record."),
    ("h1", "3. Boathouse roof"),
    ("p", "Devendra presented two quotes for replacing the boathouse roof: £18,400 from Calder Roofing and "
          "£21,950 from Pennine Roof Services. The Calder quote excludes guttering. After discussion the board "
          "resolved to accept the Calder Roofing quote, with new guttering at no more than £1,500."),
    ("p", "Devendra to confirm the order with Calder Roofing by 20 November."),
    ("h1", "4. Junior section"),
    ("p", "Kwame reported that junior membership has grown from 34 to 51 since September and that the Saturday "
          "sessions are now over capacity. Two more qualified coaches are needed before the spring term."),
    ("bold_owner", ("Kwame", "to advertise for two volunteer coaches on the club website before the end of the month.")),
    ("p", "Sinéad asked who could rebook the safeguarding course for new volunteers, as Beatriz was absent. "
          "Margaret said she would do it."),
    ("h1", "5. Finance"),
    ("p", "The Treasurer reported subscription income of £26,300 for the year to date, 4% ahead of budget. The "
          "board approved the 2027 subscription rates as proposed: adults £420 and juniors £180."),
    ("li", "Circulate the 2027 rates to members with the December newsletter (Sinéad)"),
    ("h1", "6. Any other business"),
    ("p", "None."),
    ("h1", "7. Date of next meeting"),
    ("p", "Thursday 10 December 2026 at 19:00 in the clubhouse."),
]

QUARTERLY_REPORT_PDF = [
    ("title", "Quarterly Operations Report: Q3 2026"),
    ("p", "Fenwick Cold Storage, Immingham site. Prepared by Hannah Lowe, Site Operations Manager, 9 October 2026."),
    ("h", "Summary"),
    ("p", "Throughput rose 9% on the second quarter to 61,800 pallets, and on-time dispatch held at 97.4%. The "
          "quarter's problem was energy: electricity cost £212,000, 18% over budget, because the compressors in "
          "chambers 3 and 4 ran almost continuously through the August heatwave. We recommend replacing those "
          "compressors with variable-speed units; the £96,000 project would cut the site's electricity use by "
          "about 22% and pay back in 2.4 years."),
    ("h", "Throughput"),
    ("p", "Inbound volume grew fastest in September, when two new retail customers began storing seasonal stock."),
    ("table", [["Month", "Pallets in", "Pallets out"], ["July", "19,400", "18,900"], ["August", "20,100", "19,700"],
               ["September", "22,300", "21,500"]]),
    ("h", "Energy"),
    ("p", "Chambers 3 and 4 are the oldest on site, with fixed-speed compressors installed in 2009. Sub-metering "
          "shows they used 46% of the site's electricity while holding 30% of its pallets. The newer chambers, "
          "fitted with variable-speed drives in 2021, used 31% less energy per pallet over the same period."),
    ("pagebreak", None),
    ("h", "Safety"),
    ("p", "There were no reportable injuries in the quarter. Two near misses involved forklifts at the dock "
          "doors; both were reviewed and the dock lane markings have been repainted."),
    ("h", "Next steps"),
    ("p", "Engineering, led by Tariq Mehmood, will obtain three tenders for the compressor replacement by 30 "
          "October 2026. Hannah Lowe will present the business case to the investment committee on 12 November "
          "2026. All fourteen forklift drivers will complete refresher training by the end of December, "
          "organised by Agnieszka Wróbel."),
]

PROJECT_UPDATE_HTML = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Moving to the new library system: November update – Ashby Libraries Blog</title></head>
<body>
<div class="site-header"><a href="/">Ashby Libraries</a> <a href="/catalogue">Catalogue</a>
<a href="/events">Events</a> <a href="/blog">Blog</a> <a href="/account">My account</a></div>
<div class="cookie-bar">We use cookies to improve your experience. <a href="/privacy">Accept</a></div>
<div class="wrapper">
<div class="post">
<h1 class="entry-title">Moving to the new library system: November update</h1>
<div class="entry-meta">Posted on 27 November 2026 by Nadia Karimi · 4 min read · 3 comments</div>
<div class="entry-content">
<p>Hello everyone, and thanks for all the questions since our last update!</p>
<p>We have now moved 212,000 of our 240,000 catalogue records to Koha, the open-source system that replaces
our old catalogue. The remaining 28,000 records are local history items with non-standard fields, and they
need hand checking before they can move.</p>
<p>Because of that, the project board decided on 24 November to move the go-live date from 8 December to
19 January 2027. Going live in December would have meant a week with no way to reserve local history items,
and the January date avoids the Christmas opening hours.</p>
<h2>What this means for you</h2>
<p>Nothing changes for borrowers until 19 January: keep using the current catalogue and app. Loans due over
the changeover will be extended automatically, so nobody will be fined.</p>
<h2>What happens next</h2>
<ul>
<li>Nadia Karimi will run the final data migration rehearsal on 8 December.</li>
<li>Library staff training sessions start on 5 January (owner: Owen Pryce).</li>
<li>Owen Pryce to email every registered borrower about the changeover by 12 January.</li>
</ul>
<p>Thank you for your patience. If you have questions, ask at any branch.</p>
</div>
<div class="entry-footer">Tags: <a href="/tag/koha">Koha</a>, <a href="/tag/catalogue">catalogue</a>,
<a href="/tag/projects">projects</a></div>
<div class="author-box"><p>Nadia Karimi is the Digital Services Librarian at Ashby Libraries. She has worked
in public libraries for twelve years.</p></div>
</div>
<div class="comments-area"><h3>3 responses to “Moving to the new library system: November update”</h3>
<p>Pete M. says: Will my reading history move across? I don't want to lose it.</p>
<p>Nadia Karimi says: Yes, Pete, reading history moves with your account.</p>
<p>June says: Great news, good luck with the move!</p>
<h3>Leave a reply</h3><p>Your email address will not be published.</p></div>
<div class="widget-area"><h3>Recent posts</h3><ul><li>Half-term activities for families</li>
<li>Author talk: Maggie Oduya</li></ul><h3>Archives</h3><ul><li>October 2026</li><li>September 2026</li></ul></div>
</div>
<div class="site-info">Ashby Libraries is a service of Ashby Borough Council · Proudly powered by WordPress</div>
</body></html>
"""

TEAMS_TRANSCRIPT_TXT = """\
Invoice sync issue - weekly call
Monday 23 November 2026

Laura Chen (Northwind Traders): Hi everyone, can you hear me okay?
Marco Rossi (Contoso): Yes, loud and clear. Morning Laura.
Aisha Bello (Northwind Traders): Morning. Sorry, I'm two minutes late, the train was slow.
Laura Chen (Northwind Traders): No problem. So, the invoice sync. Since the upgrade on the 16th, around one in five invoices arrive in the ledger twice.
Marco Rossi (Contoso): We see the same on our side. The duplicates all have a retry flag, so the connector is resending after a timeout even when the first call succeeded.
Aisha Bello (Northwind Traders): That matches what finance told us. They've been deleting the duplicates by hand, about 300 last week.
Laura Chen (Northwind Traders): So it's the retry logic, not the mapping.
Marco Rossi (Contoso): Probably both, to be honest. Two of the new tax fields don't map. Could someone send me the updated field mapping by Thursday?
Aisha Bello (Northwind Traders): I can do that.
Laura Chen (Northwind Traders): Great. Marco, can your team check the connector timeout setting?
Marco Rossi (Contoso): Sure, we'll look at the timeout this week and tell you what we find.
Laura Chen (Northwind Traders): And I'll ask finance to keep a count of duplicates until it's fixed.
Aisha Bello (Northwind Traders): Sounds good. Same time next week?
Laura Chen (Northwind Traders): Yes, same time next Monday. Thanks all.
"""

MIXED_DATES_NOTES_MD = """\
# Lyon–Berlin packaging project: team sync

Date: 03.02.2026
Attendees: Élodie Marchand, Jonas Becker, Chiara Russo, Mehmet Yılmaz

## Discussion

- The recycled-board samples from Kartonwerk arrived on 29.01. Chiara's drop tests passed at 1.2 m; the corner
  crush test failed on two of ten boxes.
- The French retail customer wants the new boxes on shelves for the spring promotion, which starts on 3 mars.
- Mehmet: the printing plates take three weeks from sign-off.

## Decisions

- We go ahead with the 5 mm recycled board for the small and medium boxes; the large box stays on virgin board
  until the corner crush results improve.

## Actions

- Chiara: repeat the corner crush test on the reinforced sample by 10.02.2026
- Jonas to send the artwork sign-off to the printer by Friday
- Élodie will confirm the delivery slot with the retailer's warehouse before 20 février
- Order 2,000 medium boxes for the launch (Mehmet) – due 17.02.2026
"""

EMAIL_THREAD_TXT = """\
From: Priya Nair <priya.nair@larkfield.co.uk>
To: Tom Okafor <tom.okafor@larkfield.co.uk>; Grace Liu <grace.liu@larkfield.co.uk>
Date: Wed, 18 Nov 2026 16:42
Subject: RE: Team offsite in January - venue

Hi both,

Thanks for pulling the options together. Let's go with Option B, the two days at Hazlewood Castle on 21 and 22
January. It's £1,150 more than the hotel in Leeds, but everyone can stay on site and we get the barn for the
workshop.

Tom, could you book it by Friday and ask them to hold 14 rooms? Grace, please send the save-the-date to the team
once the booking is confirmed.

Thanks,
Priya

Priya Nair | Head of Client Services | Larkfield Partners
T: 0113 496 0721 | www.larkfield.co.uk

-----Original Message-----
From: Tom Okafor <tom.okafor@larkfield.co.uk>
Sent: Tuesday, November 17, 2026 11:05
To: Priya Nair <priya.nair@larkfield.co.uk>
Cc: Grace Liu <grace.liu@larkfield.co.uk>
Subject: Team offsite in January - venue

Hi Priya,

Here are the two venue options for the January offsite:

Option A: Quayside Hotel, Leeds, one day, £3,400 including lunch and the meeting room. No overnight stay.
Option B: Hazlewood Castle, two days with an overnight stay, £4,550 for 14 people including meals.

Both are free on 21 and 22 January. Hazlewood needs a 20% deposit to hold the date.

Best regards,
Tom

This email and any attachments are confidential and intended solely for the addressee. If you have received
it in error, please notify the sender and delete it. Larkfield Partners LLP is registered in England and Wales.
"""

# Exported with the speaker on a line of their own, a time after the name
SUPPLIER_CALL_TXT = """\
Supplier review call
Tuesday 1 December 2026

Hannah Okoye (Brightline)   0:02
Morning all, thanks for joining.

Piotr Zieliński   0:10
Morning. Quick one from me: the October deliveries were late on eleven of forty orders.

Hannah Okoye (Brightline)   0:31
That's mostly the Leeds depot. The new routing software went live there on the 2nd and the drivers
are still learning it.

Piotr Zieliński   0:55
Understood. Can you send me the late-delivery report by Friday?

Hannah Okoye (Brightline)   1:04
Yes, I can do that.

Piotr Zieliński   1:10
Thanks. I'll raise the penalty clause with our procurement team next week.
"""


NOTES_REPORTS_LABELS: dict[str, Any] = {
    "supplier_call.txt": {
        "kind": "notes",
        "title": "Supplier review call",
        "main_point": ["late on eleven of forty orders"],
        "people": ["Hannah Okoye", "Piotr Zieliński"],
        "action_items": [
            {"task": "send Piotr Zieliński the late-delivery report", "owner": "Hannah Okoye", "due": "2026-12-04"},
            {"task": "raise the penalty clause with our procurement team", "owner": "Piotr Zieliński",
             "due": "2026-12-11"},  # "next week": met by its Friday
        ],
        "furniture": ["thanks for joining", "I can do that"],
    },
    "rowing_board_minutes.docx": {
        "kind": "notes",
        "title": "Kestrel Valley Rowing Club",
        "main_point": ["approved the 2027 subscription rates", "accept the Calder Roofing quote"],
        "people": ["Margaret Ollerenshaw", "Devendra Pillai", "Sinéad Fitzgerald", "Kwame Asante", "Beatriz Santos"],
        "action_items": [
            {"task": "confirm the order with Calder Roofing", "owner": "Devendra Pillai", "due": "2026-11-20"},
            {"task": "advertise for two volunteer coaches", "owner": "Kwame Asante", "due": "2026-11-30"},
            {"task": "rebook the safeguarding course for new volunteers", "owner": "Margaret Ollerenshaw",
             "due": None},
            {"task": "circulate the 2027 rates to members", "owner": "Sinéad Fitzgerald", "due": None},
        ],
        "not_items": ["Call to order", "resolved to accept the Calder Roofing quote"],
        "furniture": ["quorate", "correct record"],
    },
    "cold_store_q3_report.pdf": {
        "kind": "report",
        "title": "Quarterly Operations Report: Q3 2026",
        "main_point": ["recommend replacing those compressors", "pay back in 2.4 years"],
        "people": ["Hannah Lowe", "Tariq Mehmood", "Agnieszka Wróbel"],
        "action_items": [
            {"task": "obtain three tenders for the compressor replacement", "owner": "Tariq Mehmood",
             "due": "2026-10-30"},
            {"task": "present the business case to the investment committee", "owner": "Hannah Lowe",
             "due": "2026-11-12"},
            {"task": "forklift drivers will complete refresher training", "owner": "Agnieszka Wróbel",
             "due": "2026-12-31"},
        ],
        "furniture": ["Q3 2026 Operations Report · Internal", "Page 1 of", "Immingham site ·"],
    },
    "library_update.html": {
        "kind": "report",
        "title": "Moving to the new library system: November update",
        "main_point": ["move the go-live date", "19 January 2027"],
        "people": ["Nadia Karimi", "Owen Pryce"],
        "action_items": [
            {"task": "run the final data migration rehearsal", "owner": "Nadia Karimi", "due": "2026-12-08"},
            {"task": "start library staff training sessions", "owner": "Owen Pryce", "due": "2027-01-05"},
            {"task": "email every registered borrower about the changeover", "owner": "Owen Pryce",
             "due": "2027-01-12"},
        ],
        "furniture": ["cookies", "My account", "Leave a reply", "Recent posts", "Archives", "WordPress",
                      "Digital Services Librarian", "Hello everyone"],
    },
    "invoice_sync_call.txt": {
        "kind": "notes",
        "title": "Invoice sync issue",
        "main_point": ["one in five invoices arrive in the ledger twice"],
        "people": ["Laura Chen", "Marco Rossi", "Aisha Bello"],
        "action_items": [
            {"task": "send Marco Rossi the updated field mapping", "owner": "Aisha Bello", "due": "2026-11-26"},
            {"task": "check the connector timeout setting", "owner": "Marco Rossi", "due": "2026-11-27"},
            {"task": "ask finance to keep a count of duplicates", "owner": "Laura Chen", "due": None},
        ],
        "not_items": ["can you hear me", "same time next week"],
        "furniture": ["can you hear me", "loud and clear", "I can do that"],
    },
    "packaging_sync.md": {
        "kind": "notes",
        "people": ["Élodie Marchand", "Jonas Becker", "Chiara Russo", "Mehmet Yılmaz"],
        "action_items": [
            {"task": "repeat the corner crush test on the reinforced sample", "owner": "Chiara Russo",
             "due": "2026-02-10"},
            {"task": "send the artwork sign-off to the printer", "owner": "Jonas Becker", "due": "2026-02-06"},
            {"task": "confirm the delivery slot with the retailer's warehouse", "owner": "Élodie Marchand",
             "due": "2026-02-20"},
            {"task": "order 2,000 medium boxes for the launch", "owner": "Mehmet Yılmaz", "due": "2026-02-17"},
        ],
    },
    "offsite_emails.txt": {
        "kind": "notes",
        "title": "Team offsite in January",
        "main_point": ["go with Option B"],
        "people": ["Priya Nair", "Tom Okafor", "Grace Liu"],
        "action_items": [
            {"task": "ask them to hold 14 rooms", "owner": "Tom Okafor", "due": "2026-11-20"},
            {"task": "send the save-the-date to the team", "owner": "Grace Liu", "due": None},
        ],
        "furniture": ["confidential and intended solely", "Original Message", "registered in England"],
    },
}
