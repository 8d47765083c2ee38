"""Catalog, user workflows, community, forge and billing through the SDK, against a live server."""

from __future__ import annotations

import json

import pytest

from convilyn_sdk import (
    AuthenticationError,
    ContentPolicyViolation,
    InsufficientCredits,
    ProTierRequired,
    VersionConflict,
    WorkflowIsPublic,
    WorkflowNotFound,
    WorkflowNotPublic,
)
from convilyn_sdk.types import ExportedWorkflow, ToolPaletteItem
from tests.builder.support import CLEAN_PROMPT, unique_tag
from tests.sdk.conftest import collect


async def test_catalog_lists_workflows_and_tools(server, sdk_for):
    client = sdk_for(await server.user())
    workflows = await client.catalog.list()
    cover = next(w for w in workflows if w.spec_id == "goal_lane.cover_letter")
    assert "md" in cover.supported_input_formats and cover.output_files
    tools = await client.catalog.tools()
    assert any(t.tool_name == "doc-parser-mcp:extract_text" for t in tools.items)


async def test_a_wrong_api_key_is_an_authentication_error(server, sdk_for):
    for client in (sdk_for(None, live=server), sdk_for(None, live=server, api_key="cvl_" + "0" * 40)):
        with pytest.raises(AuthenticationError) as exc:
            await client.workflows.get("uw_" + "0" * 24)
        assert exc.value.status == 401 and exc.value.code == "UNAUTHENTICATED"


async def test_workflow_lifecycle_fork_edit_publish_export_import_archive_delete(server, sdk_for, tmp_path):
    client = sdk_for(await server.user("pro"))
    tools = [t.tool_name for t in (await client.catalog.tools()).items][:2]

    forked = await client.workflows.fork("goal_lane.action_items_extractor", name="My extractor")
    assert forked.source_type == "curated" and forked.visibility == "private"
    blank = await client.workflows.create("Scratch", description="from nothing")
    assert blank.system_prompt == "" and blank.item_version >= 0

    updated = await client.workflows.update(blank.workflow_id, item_version=blank.item_version,
                                            system_prompt=CLEAN_PROMPT, tags=["notes"],
                                            tool_palette=[ToolPaletteItem(tool_name=t) for t in tools])
    assert updated.item_version == blank.item_version + 1 and updated.tags == ["notes"]
    with pytest.raises(VersionConflict) as stale:
        await client.workflows.update(blank.workflow_id, item_version=blank.item_version, name="late")
    assert stale.value.current_item_version == updated.item_version
    assert (await client.workflows.get(blank.workflow_id)).system_prompt == CLEAN_PROMPT

    exported = await client.workflows.export(blank.workflow_id)
    assert isinstance(exported, ExportedWorkflow) and [p.tool_name for p in exported.tool_palette] == tools
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(exported.model_dump(mode="json", by_alias=True)))
    for source in (exported, path, (await client.workflows.get(blank.workflow_id)).model_dump(by_alias=True)):
        copy = await client.workflows.import_(source)
        assert copy.workflow_id != blank.workflow_id and copy.system_prompt == CLEAN_PROMPT
        assert copy.visibility == "private"

    published = await client.workflows.publish(blank.workflow_id)
    assert published.visibility == "public"
    with pytest.raises(WorkflowIsPublic):
        await client.workflows.delete(blank.workflow_id)
    mine = await collect(client.workflows.list(visibility="public"))
    assert [w.workflow_id for w in mine] == [blank.workflow_id]
    every = await collect(client.workflows.list(limit=2))
    assert len(every) == 5 and len({w.workflow_id for w in every}) == 5, "five workflows over three pages"

    archived = await client.workflows.archive(blank.workflow_id)
    assert archived.visibility == "archived"
    await client.workflows.delete(blank.workflow_id)
    with pytest.raises(WorkflowNotFound):
        await client.workflows.get(blank.workflow_id)


async def test_free_users_fork_but_cannot_create(server, sdk_for):
    client = sdk_for(await server.user("free"))
    assert (await client.workflows.fork("blank")).source_type == "blank"
    with pytest.raises(ProTierRequired):
        await client.workflows.create("Nope")


async def test_publishing_a_prompt_with_pii_is_a_content_policy_violation(server, sdk_for):
    client = sdk_for(await server.user("pro"))
    workflow = await client.workflows.create("Leaky")
    workflow = await client.workflows.update(workflow.workflow_id, item_version=workflow.item_version,
                                             system_prompt="Email the result to jane.doe@example.com always.")
    with pytest.raises(ContentPolicyViolation):
        await client.workflows.publish(workflow.workflow_id)


async def test_community_listing_pages_likes_and_comments(server, sdk_for):
    author = sdk_for(await server.user("pro", name="Author"))
    reader = sdk_for(await server.user("free", name="Reader"))
    tag = unique_tag()
    published = []
    for index in range(3):
        workflow = await author.workflows.create(f"Shared {index}")
        workflow = await author.workflows.update(workflow.workflow_id, item_version=workflow.item_version,
                                                 system_prompt=CLEAN_PROMPT, tags=[tag])
        published.append((await author.workflows.publish(workflow.workflow_id)).workflow_id)

    listed = await collect(reader.community.list(tag=tag, limit=1))
    assert [w.workflow_id for w in listed] == published[::-1], "recent first, one per page"
    first = await reader.community.list(tag=tag, limit=2)
    assert len(first.items) == 2 and first.has_next_page()
    assert listed[0].owner_display_name == "Author"

    assert (await reader.community.like(published[0])).liked is True
    popular = await collect(reader.community.list(tag=tag, sort="popular"))
    assert popular[0].workflow_id == published[0] and popular[0].stats.like_count == 1
    assert (await reader.community.like(published[0])).liked is False

    comments = [await reader.community.comments.create(published[0], f"Nice {i}") for i in range(3)]
    listed_comments = await collect(reader.community.comments.list(published[0], limit=2))
    assert [c.comment_id for c in listed_comments] == [c.comment_id for c in comments[::-1]]
    await reader.community.comments.delete(published[0], comments[0].comment_id)
    assert len(await collect(reader.community.comments.list(published[0]))) == 2

    private = await author.workflows.create("Private")
    with pytest.raises(WorkflowNotPublic):
        await author.community.like(private.workflow_id)


async def test_forge_quote_commit_treasure_and_svg_with_the_ledger(server, sdk_for):
    client = sdk_for(await server.user("pro", credits=1))
    workflow = await client.workflows.create("Forged")

    quote = await client.forge.quote(workflow.workflow_id)
    assert quote.cost == 1 and quote.sufficient and not quote.already_bound
    minted = await client.forge.commit(workflow.workflow_id)
    again = await client.forge.commit(workflow.workflow_id)
    assert again.already_bound and again.treasure_id == minted.treasure_id
    assert (await client.billing.balance()).balance == 0

    treasure = await client.forge.treasure(minted.treasure_id)
    assert treasure.gene_hash == minted.gene_hash
    svg = await client.forge.treasure_svg(minted.treasure_id)
    assert svg.lstrip().startswith("<svg") or "<svg" in svg[:200]

    entries = await collect(client.billing.ledger(limit=1))
    assert [e.kind for e in entries] == ["debit", "grant"]

    other = await client.workflows.create("Unpaid")
    with pytest.raises(InsufficientCredits):
        await client.forge.commit(other.workflow_id)


async def test_webhooks_crud_and_deliveries(make_server, sdk_for):
    from convilyn_sdk import UnsafeWebhookUrl, WebhookNotFound

    live = await make_server(webhook_allowed_networks=["127.0.0.0/8"])
    client = sdk_for(await live.user())
    created = await client.webhooks.create("http://127.0.0.1:9/hook", ["job.completed"], description="ops")
    assert created.secret.startswith("whsec_") and created.events == ["job.completed"]
    assert [w.webhook_id for w in await collect(client.webhooks.list())] == [created.webhook_id]
    updated = await client.webhooks.update(created.webhook_id, events=["job.failed", "job.slot_needed"],
                                           enabled=False)
    assert updated.events == ["job.failed", "job.slot_needed"] and updated.enabled is False
    assert (await client.webhooks.get(created.webhook_id)).description == "ops"
    assert await collect(client.webhooks.deliveries(created.webhook_id)) == []
    with pytest.raises(UnsafeWebhookUrl):
        await client.webhooks.create("http://169.254.169.254/", ["job.failed"])
    await client.webhooks.delete(created.webhook_id)
    with pytest.raises(WebhookNotFound):
        await client.webhooks.get(created.webhook_id)
