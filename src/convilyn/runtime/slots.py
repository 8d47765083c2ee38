"""Slot values checked against their definitions, before a phase relies on them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from convilyn.catalog.spec import SlotDefinition
from convilyn.runtime.phase import PhaseFailed


def checked_slots(definitions: Iterable[SlotDefinition], values: dict[str, Any], *, needed_by: str) -> dict[str, Any]:
    """The values of ``definitions`` (defaults filled in, optional ones left out when absent).

    PhaseFailed names a required slot without a value, or a value its slot refuses.
    """
    checked: dict[str, Any] = {}
    for slot in definitions:
        value = values.get(slot.slot_id, slot.default)
        if value is None:
            if slot.required:
                raise PhaseFailed(f"{needed_by} needs a value for {slot.label or slot.slot_id} ({slot.slot_id}).")
            continue
        try:
            checked[slot.slot_id] = slot.validate_value(value)
        except ValueError as exc:
            raise PhaseFailed(f"The value given for {slot.slot_id} {exc}.") from exc
    return checked
