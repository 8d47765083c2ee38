"""Deterministic gene generation for Forge treasures (geneVersion 1).

Every trait is drawn from its own stream of uint32 words built from SHA-256
alone, seeded by ``f"{workflowId}:{attempt}:{trait}"``, so a trait never
depends on the order in which traits are drawn and any language can reproduce
it with integer arithmetic. ``docs/genes.md`` is the porting guide;
``tests/fixtures/genes/*.json`` pin the output.

Changing anything here that changes a vector (tables, order of options,
weights, stream construction) requires a new ``GENE_VERSION``; existing
treasures are never repainted.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from convilyn.core.schemas import ApiModel

GENE_VERSION = 1

_U32 = 1 << 32

# The curated palette: 16 hues in a pastel and a bright tone. Values are stored
# in the vector as lowercase hex; the names only serve docs and debugging.
PALETTE: tuple[tuple[str, str], ...] = (
    ("pastelRed", "#f5a3aa"), ("pastelCoral", "#f5b4a3"),
    ("pastelOrange", "#f5c9a3"), ("pastelAmber", "#f5dca3"),
    ("pastelYellow", "#f5eaa3"), ("pastelLime", "#daf5a3"),
    ("pastelGreen", "#a3f5b1"), ("pastelMint", "#a3f5d3"),
    ("pastelTeal", "#a3f5ea"), ("pastelCyan", "#a3eaf5"),
    ("pastelSky", "#a3daf5"), ("pastelBlue", "#a3c1f5"),
    ("pastelIndigo", "#a3a9f5"), ("pastelViolet", "#bca3f5"),
    ("pastelPurple", "#dca3f5"), ("pastelPink", "#f5a3d3"),
    ("brightRed", "#e45864"), ("brightCoral", "#e47458"),
    ("brightOrange", "#e49958"), ("brightAmber", "#e4ba58"),
    ("brightYellow", "#e4d158"), ("brightLime", "#b5e458"),
    ("brightGreen", "#58e470"), ("brightMint", "#58e4aa"),
    ("brightTeal", "#58e4d1"), ("brightCyan", "#58d1e4"),
    ("brightSky", "#58b5e4"), ("brightBlue", "#588be4"),
    ("brightIndigo", "#5862e4"), ("brightViolet", "#8258e4"),
    ("brightPurple", "#ba58e4"), ("brightPink", "#e458aa"),
)
COLORS: tuple[str, ...] = tuple(hex_ for _, hex_ in PALETTE)

BODY_SHAPES = ("round", "egg", "pear", "bean", "loaf", "ghost", "drop", "blob")
SIZES = ("small", "medium", "large", "chonky")
EYES = (
    "round", "sparkly", "sleepy", "happy", "wink", "star",
    "heart", "cyclops", "triple", "tall", "determined", "dot",
)
MOUTHS = (
    "smile", "grin", "cat", "fang", "tongue", "surprised",
    "flat", "smirk", "beak", "buckTeeth",
)
HEADGEAR = (
    "catEars", "bunnyEars", "bearEars", "droopyEars", "smallHorns", "ramHorns",
    "unicornHorn", "antlers", "antennae", "sprout", "spikes", "tuft",
)
PATTERNS = (
    "spots", "stripes", "belly", "hearts", "stars",
    "zigzag", "checker", "freckles", "patch", "gradient",
)
ACCESSORIES = (
    "bow", "scarf", "bowtie", "glasses", "monocle", "flower",
    "necklace", "headphones", "satchel", "balloon", "cape", "tinyHat",
)
AURAS = ("glow", "sparkles", "bubbles", "flames", "hearts", "halo", "orbit", "notes")
LIMBS = ("feet", "arms", "armsAndFeet", "wings", "tentacles", "fins")
TAILS = ("curly", "fluffy", "lightning", "fish", "devil", "leaf")

# Rarity weights per 10 000: drawn as r in [0, 10000), first cumulative bound > r wins.
RARITY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("common", 6000),
    ("uncommon", 2500),
    ("rare", 1000),
    ("epic", 400),
    ("legendary", 100),
)
RARITIES = tuple(name for name, _ in RARITY_WEIGHTS)


class GeneVector(ApiModel):
    """One creature's genes (``docs/genes.md``): every trait, its ``geneVersion`` and re-roll ``attempt``.

    The one list of the traits: ``TRAITS``, the API's ``geneVector`` and the
    stored JSON all come from these fields. ``to_json`` is the API's form.
    """

    model_config = ConfigDict(frozen=True)

    body_shape: str
    size: str
    primary_color: str
    secondary_color: str
    accent_color: str
    eyes: str
    mouth: str
    headgear: str
    pattern: str
    accessory: str
    aura: str
    limbs: str
    tail: str
    rarity: str
    gene_version: int
    attempt: int = Field(ge=0, description="0 unless earlier attempts collided with existing treasures.")

    def traits(self) -> dict[str, str]:
        """The traits alone, camelCase keys."""
        return {key: getattr(self, attr) for key, attr in TRAITS}

    def to_json(self) -> dict[str, Any]:
        """camelCase dict with every trait plus ``geneVersion`` and ``attempt``."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GeneVector:
        """Read a vector stored by ``to_json``; unknown versions and values are refused."""
        if data.get("geneVersion") != GENE_VERSION:
            raise ValueError(f"unsupported geneVersion {data.get('geneVersion')!r}")
        attempt = data.get("attempt", 0)
        if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 0:
            raise ValueError("attempt must be a non-negative integer")
        values: dict[str, Any] = {}
        for key, attr in TRAITS:
            value = data.get(key)
            if value not in FULL_SPACE.options(key):
                raise ValueError(f"invalid {key}: {value!r}")
            values[attr] = value
        return cls(**values, attempt=attempt, gene_version=GENE_VERSION)


# (camelCase JSON key = stream name, snake_case attribute) for every trait, in the order they are drawn.
TRAITS: tuple[tuple[str, str], ...] = tuple(
    (to_camel(name), name) for name in GeneVector.model_fields if name not in ("gene_version", "attempt")
)
_KEY_TO_ATTR = dict(TRAITS)


class TraitStream:
    """Counter-mode SHA-256 stream of uint32 words for one (workflow, attempt, trait).

    seed = SHA-256(utf8(f"{workflowId}:{attempt}:{trait}"));
    block i = SHA-256(seed || uint32_be(i)), i = 0, 1, ...; each block gives
    eight big-endian uint32 words, first to last.
    """

    def __init__(self, workflow_id: str, attempt: int, trait: str) -> None:
        self._seed = hashlib.sha256(f"{workflow_id}:{attempt}:{trait}".encode()).digest()
        self._counter = 0
        self._words: list[int] = []

    def next_u32(self) -> int:
        """The next word of the stream."""
        if not self._words:
            block = hashlib.sha256(self._seed + self._counter.to_bytes(4, "big")).digest()
            self._counter += 1
            self._words = [int.from_bytes(block[i : i + 4], "big") for i in range(28, -4, -4)]
        return self._words.pop()

    def below(self, n: int) -> int:
        """A uniform integer in [0, n), by rejection sampling on uint32 words."""
        if not 0 < n <= _U32:
            raise ValueError(f"n must be in 1..2^32, got {n}")
        limit = _U32 - _U32 % n  # largest multiple of n not above 2^32
        while True:
            word = self.next_u32()
            if word < limit:
                return word % n


@dataclass(frozen=True)
class GeneSpace:
    """The options each trait is drawn from; the default is the full space.

    A smaller space (see ``tiny``) keeps the same streams and so lets tests
    force gene-hash collisions.
    """

    body_shape: tuple[str, ...] = BODY_SHAPES
    size: tuple[str, ...] = SIZES
    primary_color: tuple[str, ...] = COLORS
    secondary_color: tuple[str, ...] = COLORS
    accent_color: tuple[str, ...] = COLORS
    eyes: tuple[str, ...] = EYES
    mouth: tuple[str, ...] = MOUTHS
    headgear: tuple[str, ...] = HEADGEAR
    pattern: tuple[str, ...] = PATTERNS
    accessory: tuple[str, ...] = ACCESSORIES
    aura: tuple[str, ...] = AURAS
    limbs: tuple[str, ...] = LIMBS
    tail: tuple[str, ...] = TAILS
    rarity: tuple[tuple[str, int], ...] = RARITY_WEIGHTS

    def __post_init__(self) -> None:
        for key, attr in TRAITS:
            options = getattr(self, attr)
            if not options:
                raise ValueError(f"trait {key} has no options")
        if any(weight <= 0 for _, weight in self.rarity):
            raise ValueError("rarity weights must be positive integers")

    @classmethod
    def tiny(cls) -> GeneSpace:
        """Four possible creatures: 2 body shapes x 2 colours, everything else fixed."""
        return cls(
            body_shape=("round", "egg"), size=("medium",),
            primary_color=(COLORS[0], COLORS[11]), secondary_color=(COLORS[4],),
            accent_color=(COLORS[13],), eyes=("round",), mouth=("smile",),
            headgear=("catEars",), pattern=("spots",), accessory=("bow",),
            aura=("glow",), limbs=("feet",), tail=("curly",),
            rarity=(("common", 1),),
        )

    def options(self, trait: str) -> tuple[str, ...]:
        """The values trait ``trait`` (camelCase key) can take."""
        if trait == "rarity":
            return tuple(name for name, _ in self.rarity)
        return getattr(self, _KEY_TO_ATTR[trait])

    def count(self) -> int:
        """Number of distinct gene vectors (product of option counts)."""
        return math.prod(len(self.options(key)) for key, _ in TRAITS)

    def bits(self) -> float:
        """log2 of the space size."""
        return math.log2(self.count())


FULL_SPACE = GeneSpace()


def draw_trait(
    workflow_id: str, attempt: int, trait: str, *, space: GeneSpace | None = None
) -> str:
    """Draw one trait on its own; identical to that trait of ``generate_genes``."""
    space = space or FULL_SPACE
    stream = TraitStream(workflow_id, attempt, trait)
    if trait == "rarity":
        roll = stream.below(sum(weight for _, weight in space.rarity))
        for name, weight in space.rarity:
            if roll < weight:
                return name
            roll -= weight
        raise AssertionError("unreachable: roll below the total weight")
    options = space.options(trait)
    return options[stream.below(len(options))]


def generate_genes(
    workflow_id: str, attempt: int = 0, *, space: GeneSpace | None = None
) -> GeneVector:
    """The gene vector of ``workflow_id`` at re-roll ``attempt`` (0, 1, ...)."""
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 0:
        raise ValueError("attempt must be a non-negative integer")
    values = {attr: draw_trait(workflow_id, attempt, key, space=space) for key, attr in TRAITS}
    return GeneVector(**values, attempt=attempt, gene_version=GENE_VERSION)


def canonical_json(vector: GeneVector) -> str:
    """The hashed form: traits + geneVersion (not attempt), sorted keys, no whitespace."""
    payload = {**vector.traits(), "geneVersion": vector.gene_version}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def gene_hash(vector: GeneVector) -> str:
    """SHA-256 hex of ``canonical_json``: equal hashes mean identical-looking creatures."""
    return hashlib.sha256(canonical_json(vector).encode()).hexdigest()


def gene_space_size(space: GeneSpace | None = None) -> int:
    """Number of distinct gene vectors in ``space`` (the full space by default)."""
    return (space or FULL_SPACE).count()
