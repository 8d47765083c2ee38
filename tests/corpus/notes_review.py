"""The corpus's fourth set (2026-12-06): notes, minutes, an email and a web update written after an
independent review of main on unseen documents, one or more per class of failure it found, then kept to
measure them.

A helpdesk call where replies refer back to requests ("I can do that after lunch", "Sure, will do", "Yes,
I'll chase them today") and commitments sit inside longer sentences ("We'll ... and I'll ...", "Today I'm
fixing ..."), closed by a confirmed decision; DOCX parish minutes owned by role ("Clerk to ...", "The
treasurer, X, to ...", "Mr Surname to ...", "Dr X and the Chair to ...") with a roll call and the date of
the next meeting; an HTML depot-move update with its purpose sentence, "Next steps:" in one paragraph and
risks with owners; retro notes with hyphenated given names and an Owner | Action | Due table; an email
with a dash-addressed request, its author's own "I'll", a pronoun task and a quoted reply. ``build.py``
writes them with the others.
"""

from __future__ import annotations

from typing import Any

HELPDESK_CALL_TXT = """\
Helpdesk escalation call - Tuesday 9 March 2027
Speakers: Yara Haddad, Tobias Engel (Pinewood IT), Maeve Doyle

Yara Haddad: Thanks for joining. The booking portal logged out forty users at the Harbour Street surgery this morning.
Tobias Engel (Pinewood IT): We traced it to the session timeout change in last night's release. Could someone check the Castle Road and Mill Lane surgeries haven't been hit as well?
Maeve Doyle: I can do that after lunch.
Yara Haddad: Maeve, could you export the list of affected patient accounts and send it to Pinewood by Thursday?
Maeve Doyle: Sure, will do.
Tobias Engel (Pinewood IT): Yara, can you ask the practice managers for the exact times people were logged out?
Yara Haddad: Yes, I'll chase them today.
Tobias Engel (Pinewood IT): We'll roll back the timeout setting on Wednesday evening and I'll confirm by email once it's done.
Yara Haddad: From next month we'll test every release on the training portal for a week before it goes live.
Maeve Doyle: Agreed. That's the decision then.
Tobias Engel (Pinewood IT): Today I'm writing up the incident report for your practice managers, should be finished before three.
Yara Haddad: Great, thanks everyone.
"""

PARISH_MINUTES_DOCX = [
    ("title", "Ashby Green Parish Council"),
    ("p", "Minutes of the meeting held on Monday 1 March 2027 at the village hall"),
    ("p", "Present: Mrs Rhona Kerr (Chair), Mr Felix Adeyemi (Clerk), Dr Lucia Moretti, Mr Gavin Hollis, "
          "Ms Priti Desai (Treasurer)"),
    ("h1", "1. Apologies"),
    ("p", "Apologies were received from Cllr Bell."),
    ("h1", "2. Play area"),
    ("p", "The council agreed that the play area surface is worn and should be replaced before the summer."),
    ("p", "The treasurer, Priti Desai, to compare the three quotes for the new surface."),
    ("p", "Mr Hollis to prepare a note on the grant options for the April meeting."),
    ("h1", "3. Village hall lease"),
    ("p", "Chair to sign the renewed village hall lease by 12 March."),
    ("p", "Clerk to send the signed lease to the hall trustees."),
    ("p", "Dr Moretti and the Chair to meet the allotment society before 26 March."),
    ("h1", "4. Date of next meeting"),
    ("p", "Date of next meeting: Monday 5 April 2027."),
]

DEPOT_MOVE_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><title>Moving the Brent depot</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact</a></nav></header>
<main>
<h1>Moving the Brent depot: March update</h1>
<p>Published 4 March 2027</p>
<p>Project Keystone will move the Brent depot's stock and staff to the new Park Royal site by the end of July 2027.
The lease on the Brent building ends in August, so the move cannot slip past July.</p>
<h2>Where we are</h2>
<p>The racking at Park Royal is installed and the fire certificate was issued last week.
Staff parking is the main open question: the new site has 40 spaces for 65 staff.</p>
<p>Next steps: Grace Mwangi will publish the move plan by 19 March. People team (Hannah Brooks) will hold drop-in
sessions for every Brent colleague in April. IT will move the scanners and printers over the weekend of 10 July.</p>
<h2>Risks</h2>
<ul>
<li>Parking shortfall at Park Royal (owner: Grace Mwangi)</li>
<li>Scanner downtime during the move weekend (owner: Hannah Brooks)</li>
</ul>
</main>
<footer><p>Internal news · Cookie settings</p></footer>
</body></html>
"""

RETRO_NOTES_MD = """\
# Platform retro, 8 March 2027

Attendees: Ana-Sofia Reyes (facilitator), Kai-Wen Lin, Bruno Castro (tech lead), Ida Lund, Omar Faruk

## What went well
- The database upgrade finished an hour early.

## What didn't
- Two alerts fired for an hour before anyone looked.

**Kai-Wen** to write the alert routing runbook before the next retro.

## Actions
| Owner | Action | Due |
| --- | --- | --- |
| Ida | Book the failover drill | 16 Mar |
| Omar | Review the pager escalation policy | 19 Mar |
| Bruno | Pair with Ida on the drill plan | 15 Mar |

## Risks
- On-call cover over Easter (owner: Ana-Sofia)
"""

STAND_EMAIL_TXT = """\
From: Ruth Okonjo <ruth.okonjo@example.org>
To: Kwabena Boateng <kwabena@example.org>, Lars Nilsson <lars@example.org>
Subject: RE: Garden show stand
Date: 8 March 2027

Hi both,

Thanks for the quick replies. We'll take the corner stand, as Lars suggested.

Kwabena - please get the seed packet samples printed, we need 400 by 22 March.
I'll send the stand deposit to the organisers tomorrow.
We will close new volunteer sign-ups on Friday; Lars will sort the volunteers into shifts.

Best,
Ruth

On 5 March 2027, Lars Nilsson wrote:
> I'd still take the corner stand, it gets more passing trade.
> Kwabena will book the van.
"""

NOTES_REVIEW_LABELS: dict[str, Any] = {
    "helpdesk_call.txt": {
        "kind": "notes",
        "main_point": ["test every release on the training portal"],
        "people": ["Yara Haddad", "Tobias Engel", "Maeve Doyle"],
        "action_items": [
            {"task": "check the Castle Road and Mill Lane surgeries haven't been hit as well", "owner": "Maeve Doyle",
             "due": "2027-03-09"},
            {"task": "export the list of affected patient accounts and send it to Pinewood", "owner": "Maeve Doyle",
             "due": "2027-03-11"},
            {"task": "ask the practice managers for the exact times people were logged out", "owner": "Yara Haddad",
             "due": "2027-03-09"},
            {"task": "roll back the timeout setting", "owner": "Tobias Engel", "due": "2027-03-10"},
            {"task": "confirm by email once it's done", "owner": "Tobias Engel", "due": None},
            {"task": "write up the incident report for your practice managers", "owner": "Tobias Engel",
             "due": "2027-03-09"},
        ],
        "not_items": ["do that after lunch", "chase them", "will do"],
        "furniture": ["Thanks for joining"],
    },
    "parish_minutes.docx": {
        "kind": "notes",
        "title": "Ashby Green Parish Council",
        "people": ["Rhona Kerr", "Felix Adeyemi", "Lucia Moretti", "Gavin Hollis", "Priti Desai"],
        "action_items": [
            {"task": "compare the three quotes for the new surface", "owner": "Priti Desai", "due": None},
            {"task": "prepare a note on the grant options for the April meeting", "owner": "Gavin Hollis",
             "due": None},
            {"task": "sign the renewed village hall lease", "owner": "Rhona Kerr", "due": "2027-03-12"},
            {"task": "send the signed lease to the hall trustees", "owner": "Felix Adeyemi", "due": None},
            {"task": "meet the allotment society", "owner": "Lucia Moretti and Rhona Kerr", "due": "2027-03-26"},
        ],
        "not_items": ["date of next meeting", "5 April 2027"],
    },
    "depot_move.html": {
        "kind": "report",
        "title": "Moving the Brent depot",  # the page's own <title>
        "main_point": [],
        "people": ["Grace Mwangi", "Hannah Brooks"],
        "action_items": [
            {"task": "publish the move plan", "owner": "Grace Mwangi", "due": "2027-03-19"},
            {"task": "hold drop-in sessions for every Brent colleague in April", "owner": "Hannah Brooks", "due": None},
            {"task": "move the scanners and printers over the weekend of 10 July", "owner": "IT", "due": None},
        ],
        "not_items": ["move the Brent depot's stock", "parking shortfall", "scanner downtime"],
        "furniture": ["Cookie settings", "Internal news", "Scanner downtime during the move weekend"],
    },
    "retro_notes.md": {
        "kind": "notes",
        "people": ["Ana-Sofia Reyes", "Kai-Wen Lin", "Bruno Castro", "Ida Lund", "Omar Faruk"],
        "action_items": [
            {"task": "write the alert routing runbook before the next retro", "owner": "Kai-Wen Lin", "due": None},
            {"task": "book the failover drill", "owner": "Ida Lund", "due": "2027-03-16"},
            {"task": "review the pager escalation policy", "owner": "Omar Faruk", "due": "2027-03-19"},
            {"task": "pair with Ida on the drill plan", "owner": "Bruno Castro", "due": "2027-03-15"},
        ],
        "not_items": ["on-call cover over Easter"],
    },
    "stand_email.txt": {
        "kind": "notes",
        "title": "Garden show stand",
        "main_point": ["take the corner stand"],
        "people": ["Ruth Okonjo", "Kwabena Boateng", "Lars Nilsson"],
        "action_items": [
            {"task": "get the seed packet samples printed", "owner": "Kwabena Boateng", "due": "2027-03-22"},
            {"task": "send the stand deposit to the organisers", "owner": "Ruth Okonjo", "due": "2027-03-09"},
            {"task": "sort the volunteers into shifts", "owner": "Lars Nilsson", "due": None},
        ],
        "not_items": ["book the van"],
        "furniture": ["passing trade", "book the van", "wrote:"],
    },
}
