"""bench/quality.py on the labelled corpus: the extractors and workflows must not fall below these floors.

The floors are the figures measured when they were set, rounded down; raise them
when a change raises the figures. They guard against regressions on documents
the code was not written against, not against any one document.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("quality", Path(__file__).resolve().parents[2] / "bench" / "quality.py")
assert _SPEC is not None and _SPEC.loader is not None
quality = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("quality", quality)  # dataclasses look their module up by name
_SPEC.loader.exec_module(quality)

EXTRACTOR_FLOORS = {  # name: (precision, recall); one miss on a six-label extractor is 0.83
    "employer": (0.8, 0.8),
    "role": (0.8, 0.8),
    "skills": (0.95, 0.9),
    "people": (0.95, 0.95),
    "owners": (0.95, 0.95),
    "due dates": (0.95, 0.95),
    "action items": (0.95, 0.95),
}
WORKFLOW_FLOORS = {
    "cover letter": (0.95, 0.95),
    "resume tailor": (0.95, 0.95),
    "action items": (0.95, 0.95),
    "summary": (0.95, 0.95),
    "report": (0.95, 0.95),
}


def _below(scores: dict, floors: dict) -> list[str]:
    return [
        f"{name}: precision {scores[name].precision:.2f} recall {scores[name].recall:.2f} (floor {floor}); "
        + "; ".join(scores[name].misses[:5])
        for name, floor in floors.items()
        if scores[name].precision < floor[0] or scores[name].recall < floor[1]
    ]


def test_every_extractor_stays_above_its_floor() -> None:
    assert _below(quality.extractor_scores(), EXTRACTOR_FLOORS) == []


@pytest.mark.asyncio
async def test_every_workflow_stays_above_its_floor() -> None:
    assert _below(await quality.workflow_scores(), WORKFLOW_FLOORS) == []
