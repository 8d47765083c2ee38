"""The visibility lifecycle: every transition, the safety check, and who can read what."""

from __future__ import annotations

import pytest

from tests.builder.support import create_blank, patch, patched, ready_workflow


async def at(api, visibility: str) -> dict:
    """A workflow (ready to publish) brought to ``visibility`` the allowed way."""
    workflow = await ready_workflow(api)
    if visibility == "private":
        return workflow
    workflow = await patched(api, workflow, visibility="public")
    if visibility == "archived":
        workflow = await patched(api, workflow, visibility="archived")
    return workflow


MATRIX = [
    ("private", "private", 200),
    ("private", "public", 200),
    ("private", "archived", 200),
    ("public", "public", 200),
    ("public", "archived", 200),
    ("public", "private", 400),
    ("archived", "archived", 200),
    ("archived", "public", 200),
    ("archived", "private", 400),
]


@pytest.mark.parametrize(("current", "target", "status"), MATRIX)
async def test_visibility_matrix(server, current, target, status):
    api = await server.user(tier="pro")
    workflow = await at(api, current)
    response = await patch(api, workflow, visibility=target)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["visibility"] == target
        assert response.json()["itemVersion"] == workflow["itemVersion"] + 1
    else:
        body = response.json()
        assert body["code"] == "INVALID_TRANSITION"
        assert body["details"]["from"] == current and body["details"]["to"] == target
        unchanged = (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()
        assert unchanged["visibility"] == current and unchanged["itemVersion"] == workflow["itemVersion"]


UNSAFE_PROMPTS = [
    ("email", "Send the summary to jane.doe@example.com every Friday."),
    ("phone_number", "Escalate by calling +1 415 555 0100."),
    ("phone_number", "Our desk: (415) 555-0100."),
    ("card_number", "Bill card 4111 1111 1111 1111 for overages."),
    ("us_ssn", "The applicant's SSN is 123-45-6789."),
    ("uk_national_insurance_number", "NI number AB 12 34 56 C belongs to the client."),
    ("iban", "Pay into GB82 WEST 1234 5698 7654 32."),
    ("profanity", "Summarise this shit quickly."),
    ("profanity", "Don't write any f*cking fluff, just fucking facts."),
]


@pytest.mark.parametrize(("kind", "prompt"), UNSAFE_PROMPTS)
async def test_publishing_runs_the_content_safety_check(server, kind, prompt):
    api = await server.user(tier="pro")
    workflow = await patched(api, await ready_workflow(api), systemPrompt=prompt)
    response = await patch(api, workflow, visibility="public")
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "CONTENT_POLICY_VIOLATION"
    kinds = {v["kind"] for v in body["details"]["violations"]}
    assert kind in kinds
    assert all(v["field"] == "systemPrompt" for v in body["details"]["violations"])
    assert body["errors"][0]["field"] == "systemPrompt"
    # The message names what matched without echoing the whole value back.
    assert "jane.doe@" not in body["message"] and "4111 1111 1111 1111" not in body["message"]
    current = (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()
    assert current["visibility"] == "private"


async def test_private_workflows_may_hold_anything(server):
    api = await server.user(tier="pro")
    workflow = await patched(api, await ready_workflow(api), systemPrompt=UNSAFE_PROMPTS[0][1])
    assert workflow["visibility"] == "private"


async def test_clean_text_with_numbers_and_dates_publishes(server):
    api = await server.user(tier="pro")
    prompt = ("List decisions from notes dated 2026-11-20. Keep 3-5 bullet points, at most 100 words, "
              "version 1.2.3, ISBN 978-3-16-148410-0, Scunthorpe office, 12:30 to 14:45.")
    workflow = await patched(api, await ready_workflow(api, prompt=prompt), visibility="public")
    assert workflow["visibility"] == "public"


async def test_name_description_and_tags_are_checked_too(server):
    api = await server.user(tier="pro")
    workflow = await patched(api, await ready_workflow(api), description="Ask bob@example.org for access",
                             tags=["shit"])
    body = (await patch(api, workflow, visibility="public")).json()
    assert body["code"] == "CONTENT_POLICY_VIOLATION"
    assert {(v["field"], v["kind"]) for v in body["details"]["violations"]} == {
        ("description", "email"), ("tags.0", "profanity")}


async def test_editing_a_public_workflow_rechecks_it(server):
    api = await server.user(tier="pro")
    public = await at(api, "public")
    response = await patch(api, public, systemPrompt="Now email me at leak@example.com")
    assert response.status_code == 422
    assert response.json()["code"] == "CONTENT_POLICY_VIOLATION"
    assert (await patched(api, public, systemPrompt="Still clean."))["visibility"] == "public"


async def test_republishing_an_archived_workflow_reruns_the_check(server):
    api = await server.user(tier="pro")
    archived = await at(api, "archived")
    archived = await patched(api, archived, systemPrompt="Card 5555 5555 5555 4444 on file.")
    response = await patch(api, archived, visibility="public")
    assert response.status_code == 422
    assert response.json()["details"]["violations"][0]["kind"] == "card_number"


async def test_archiving_skips_the_check(server):
    api = await server.user(tier="pro")
    public = await at(api, "public")
    response = await patch(api, public, visibility="archived", description="contact me: a@b.io")
    assert response.status_code == 200


@pytest.mark.parametrize(("visibility", "others_see"), [("private", False), ("public", True), ("archived", False)])
async def test_others_read_public_only(server, visibility, others_see):
    owner, other = await server.user(tier="pro"), await server.user(tier="free")
    workflow = await at(owner, visibility)
    path = f"/user_workflows/{workflow['workflowId']}"
    assert (await owner.request("GET", path)).status_code == 200
    response = await other.request("GET", path)
    assert response.status_code == (200 if others_see else 404)
    # Nobody but the owner exports, changes or deletes it, public or not.
    assert (await other.request("GET", f"{path}/export")).status_code == 404
    assert (await other.request("DELETE", path)).status_code == 404
    other_pro = await server.user(tier="pro")
    assert (await patch(other_pro, workflow, name="taken")).status_code == 404


async def test_an_empty_workflow_can_be_published(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, visibility="public")
    # An empty workflow has nothing unsafe in it: publishing is a visibility change, not a run.
    assert response.status_code == 200
