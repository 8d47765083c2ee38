"""Slot values are checked against their definition."""

from __future__ import annotations

import pytest

from convilyn.catalog.spec import SlotDefinition


def slot(**kwargs) -> SlotDefinition:
    return SlotDefinition.model_validate({"slotId": "s", **kwargs})


@pytest.mark.parametrize(
    ("definition", "value", "expected"),
    [
        ({"type": "text"}, "hello", "hello"),
        ({"type": "text", "required": False}, "", ""),
        ({"type": "text", "required": False}, "   ", ""),
        ({"type": "select", "options": ["a", "b"]}, "b", "b"),
        ({"type": "number"}, 3, 3),
        ({"type": "number"}, 2.5, 2.5),
        ({"type": "boolean"}, False, False),
    ],
)
def test_valid_values(definition, value, expected):
    assert slot(**definition).validate_value(value) == expected


@pytest.mark.parametrize(
    ("definition", "value", "reason"),
    [
        ({"type": "text"}, "", "must not be blank"),
        ({"type": "text"}, "  ", "must not be blank"),
        ({"type": "text"}, 5, "must be a string"),
        ({"type": "text", "maxLength": 3}, "abcd", "at most 3 characters"),
        ({"type": "select", "options": ["a", "b"]}, "c", "must be one of: a, b"),
        ({"type": "number"}, True, "must be a number"),
        ({"type": "number"}, "3", "must be a number"),
        ({"type": "boolean"}, "yes", "must be true or false"),
    ],
)
def test_invalid_values(definition, value, reason):
    with pytest.raises(ValueError, match=reason):
        slot(**definition).validate_value(value)


def test_a_select_slot_needs_options():
    with pytest.raises(ValueError, match="needs options"):
        slot(type="select")
