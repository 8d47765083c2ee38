"""SVG rendering: a valid standalone document where every gene leaves a visible mark."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

import pytest

from convilyn.forge.genes import COLORS, FULL_SPACE, TRAITS, GeneSpace, generate_genes
from convilyn.forge.svg import render_svg

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
COLOUR_TRAITS = {"primaryColor", "secondaryColor", "accentColor"}
BASE = generate_genes("uw_0123456789abcdef01234567")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode())


def classes(root: ET.Element) -> set[str]:
    return {token for el in root.iter() for token in el.get("class", "").split()}


def drawing(svg: str) -> str:
    """The picture alone: no title/desc, no class names, ids normalised."""
    svg = re.sub(r"<title>.*?</title><desc>.*?</desc>", "", svg, flags=re.S)
    svg = re.sub(r' class="[^"]*"', "", svg)
    return re.sub(r"cv[0-9a-f]{10}", "ID", svg)


def test_is_a_standalone_svg_11_document() -> None:
    svg = render_svg(BASE)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("version") == "1.1"
    assert root.get("viewBox") == "0 0 256 300"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc") is not None


def test_ids_are_unique_and_every_reference_resolves() -> None:
    root = parse(render_svg(BASE))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    refs = {el.get(XLINK_HREF)[1:] for el in root.iter() if el.get(XLINK_HREF)}
    refs |= {m for el in root.iter() for v in el.attrib.values() for m in re.findall(r"url\(#([^)]+)\)", v)}
    assert refs and refs <= set(ids)


def test_ids_differ_between_creatures_so_they_can_share_a_page() -> None:
    other = generate_genes("uw_000000000000000000000000")
    ids_a = {el.get("id") for el in parse(render_svg(BASE)).iter() if el.get("id")}
    ids_b = {el.get("id") for el in parse(render_svg(other)).iter() if el.get("id")}
    assert not ids_a & ids_b


@pytest.mark.parametrize("wid", ["uw_0123456789abcdef01234567", "uw_ffffffffffffffffffffffff",
                                 "uw_719bc9544bbe956fbf89715b"])
def test_every_trait_leaves_a_mark(wid: str) -> None:
    vector = generate_genes(wid)
    svg = render_svg(vector)
    marks = classes(parse(svg))
    for key, value in vector.traits().items():
        assert f"gene-{key}" in marks, key
        if key not in COLOUR_TRAITS:
            assert f"{key}-{value}" in marks, (key, value)
    assert f'fill="{vector.primary_color}"' in svg
    assert vector.accent_color in svg


@pytest.mark.parametrize("key", [key for key, _ in TRAITS if key not in COLOUR_TRAITS])
def test_every_option_of_a_trait_draws_a_different_picture(key: str) -> None:
    attr = dict(TRAITS)[key]
    pictures = set()
    for value in FULL_SPACE.options(key):
        vector = BASE.model_copy(update={attr: value})
        svg = render_svg(vector)
        parse(svg)
        assert f"{key}-{value}" in classes(parse(svg))
        pictures.add(drawing(svg))
    assert len(pictures) == len(FULL_SPACE.options(key))


@pytest.mark.parametrize("key", sorted(COLOUR_TRAITS))
def test_every_colour_changes_the_picture(key: str) -> None:
    attr = dict(TRAITS)[key]
    pictures = {drawing(render_svg(BASE.model_copy(update={attr: colour}))) for colour in COLORS}
    assert len(pictures) == len(COLORS)


def test_pattern_stays_visible_when_secondary_equals_primary() -> None:
    vector = BASE.model_copy(update={"secondary_color": BASE.primary_color})
    root = parse(render_svg(vector))
    pattern = next(el for el in root.iter() if "gene-pattern" in el.get("class", "").split())
    assert pattern.get("fill") != BASE.primary_color


def test_different_workflows_draw_different_creatures() -> None:
    ids = ["uw_" + hashlib.sha256(str(i).encode()).hexdigest()[:24] for i in range(30)]
    pictures = {drawing(render_svg(generate_genes(wid))) for wid in ids}
    assert len(pictures) == len(ids)


def test_rendering_is_deterministic() -> None:
    assert render_svg(BASE) == render_svg(generate_genes("uw_0123456789abcdef01234567"))


def test_title_text_is_escaped() -> None:
    title = 'Bob\'s <script>alert("x")</script> & co\x00\x1b'
    svg = render_svg(BASE, title=title)
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == 'Bob\'s <script>alert("x")</script> & co'
    assert root.find(f"{SVG}script") is None


def test_default_title_names_the_creature() -> None:
    title = parse(render_svg(BASE)).find(f"{SVG}title").text
    assert BASE.rarity in title.lower() and BASE.body_shape in title


@pytest.mark.parametrize("change", [{"eyes": "laser"}, {"primary_color": "red"}, {"gene_version": 2}])
def test_vector_outside_the_gene_space_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        render_svg(BASE.model_copy(update=change))


def test_tiny_space_vectors_render() -> None:
    for wid in ("uw_000000000000000000000000", "uw_ffffffffffffffffffffffff"):
        parse(render_svg(generate_genes(wid, space=GeneSpace.tiny())))
