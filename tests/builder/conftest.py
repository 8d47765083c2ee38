"""Fork sources registered in the live server's SpecRegistry, as a curated and a developer spec."""

from __future__ import annotations

import pytest

from convilyn.catalog.spec import DestinationSpec
from tests.builder.support import catalog_tools

CURATED_ID = "goal_lane.builder_fork_source"
DEVELOPER_ID = "developer_acme.meeting_digest"
LONG_NAME = "Quarterly board meeting minutes into action items, owners, due dates, follow-ups"


@pytest.fixture(scope="session")
async def fork_sources(server) -> dict[str, DestinationSpec]:
    tools = (await catalog_tools(live=server))[:2]
    curated = DestinationSpec.model_validate({
        "specId": CURATED_ID, "name": LONG_NAME, "description": "Finds action items in meeting notes.",
        "version": "2.3.0", "systemPrompt": "Extract every action item with its owner and due date.",
        "toolPalette": tools,
        "requiredSlots": [{"slotId": "tone", "type": "select", "options": ["formal", "casual"]}],
        "outputSpecs": [{"filename": "action_items.md", "format": "md"},
                        {"filename": "action_items.csv", "format": "csv"}],
        "agentConfig": {"temperature": 0.1, "maxSteps": 12, "timeout": 90},
    })
    developer = DestinationSpec.model_validate({
        "specId": DEVELOPER_ID, "name": "Meeting digest", "version": "0.4.1",
        "systemPrompt": "Digest the meeting.", "toolPalette": tools[:1],
        "outputSpecs": [{"filename": "digest.md", "format": "md"}],
    })
    for spec in (curated, developer):
        server.ctx.registry.register(spec)
    return {"curated": curated, "developer": developer}
