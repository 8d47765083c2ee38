"""The tool-name codec: readable, provider-legal, and exactly reversible."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from convilyn.catalog.spec import TOOL_NAME_PATTERN
from convilyn.runtime import codec

palette_names = st.from_regex(TOOL_NAME_PATTERN, fullmatch=True)
provider_strings = st.from_regex(r"^[a-zA-Z0-9_-]{1,64}$", fullmatch=True)


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("doc-parser-mcp:extract_text", "doc_parser_mcp__extract_text"),
        ("career-mcp:score_resume", "career_mcp__score_resume"),
        ("text-analysis-mcp:extract_entities", "text_analysis_mcp__extract_entities"),
        ("my_server:tool", "my-server__tool"),
        ("a--b:c", "a_Hb__c"),
        ("trailing-:x", "trailingH__x"),
        ("s:_leading", "s___leading"),
    ],
)
def test_known_names_encode_readably_and_decode_back(name: str, encoded: str) -> None:
    assert codec.encode(name) == encoded
    assert codec.decode(encoded) == name


def test_over_long_names_are_shortened_deterministically_and_resolved_by_the_known_tools() -> None:
    name = "a-very-long-external-server-name-for-testing:" + "do_something_" * 5
    encoded = codec.encode(name)
    assert len(encoded) == 64
    assert re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", encoded)
    assert codec.encode(name) == encoded
    assert codec.decode(encoded, known=["other:tool", name]) == name
    with pytest.raises(codec.ToolNameError):
        codec.decode(encoded)


@pytest.mark.parametrize("bad", ["extract_text", "Doc:tool", "a:b-c", ":tool", "server:"])
def test_encode_refuses_names_that_are_not_server_tool(bad: str) -> None:
    with pytest.raises(codec.ToolNameError):
        codec.encode(bad)


@pytest.mark.parametrize("bad", ["no_separator", "aH_b__c", "aHb__c", "a__b-c", "UPPER__x"])
def test_decode_refuses_strings_encode_cannot_produce(bad: str) -> None:
    with pytest.raises(codec.ToolNameError):
        codec.decode(bad)


@given(palette_names)
def test_every_palette_name_round_trips_through_a_provider_legal_name(name: str) -> None:
    encoded = codec.encode(name)
    assert codec.PROVIDER_NAME_PATTERN.fullmatch(encoded)
    assert codec.decode(encoded, known=[name]) == name


@given(palette_names, palette_names)
def test_distinct_names_never_share_an_encoding(first: str, second: str) -> None:
    assume(first != second)
    assert codec.encode(first) != codec.encode(second)


@given(provider_strings)
def test_decode_is_the_exact_inverse_of_encode_on_its_image(encoded: str) -> None:
    try:
        name = codec.decode(encoded)
    except codec.ToolNameError:
        return
    assert codec.encode(name) == encoded
