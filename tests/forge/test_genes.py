"""Gene generation: pinned test vectors, determinism, order independence, space, rarity."""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from convilyn.forge.genes import (
    FULL_SPACE,
    GENE_VERSION,
    RARITY_WEIGHTS,
    TRAITS,
    GeneSpace,
    GeneVector,
    TraitStream,
    canonical_json,
    draw_trait,
    gene_hash,
    gene_space_size,
    generate_genes,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "genes"
VECTOR_FILES = sorted(p for p in FIXTURES.glob("v1_uw_*.json"))


def workflow_ids(count: int, salt: str = "ids") -> list[str]:
    """Deterministic, well-spread workflow ids of the API's form."""
    return ["uw_" + hashlib.sha256(f"{salt}-{i}".encode()).hexdigest()[:24] for i in range(count)]


def test_fixtures_cover_at_least_six_workflow_ids_and_every_rarity() -> None:
    docs = [json.loads(p.read_text()) for p in VECTOR_FILES]
    assert len(docs) >= 6
    rarities = {v["geneVector"]["rarity"] for d in docs for v in d["vectors"]}
    assert rarities == {name for name, _ in RARITY_WEIGHTS}
    for doc in docs:
        assert [v["attempt"] for v in doc["vectors"]] == [0, 1]


@pytest.mark.parametrize("path", VECTOR_FILES, ids=lambda p: p.stem)
def test_generator_reproduces_published_vectors(path: Path) -> None:
    doc = json.loads(path.read_text())
    assert doc["geneVersion"] == GENE_VERSION
    for expected in doc["vectors"]:
        vector = generate_genes(doc["workflowId"], expected["attempt"])
        assert vector.to_json() == expected["geneVector"]
        assert canonical_json(vector) == expected["canonicalJson"]
        assert gene_hash(vector) == expected["geneHash"]


def test_streams_match_published_words_and_draws() -> None:
    doc = json.loads((FIXTURES / "v1_streams.json").read_text())
    assert any("note" in case for case in doc["streams"]), "a rejection case is published"
    for case in doc["streams"]:
        seed_input = f"{case['workflowId']}:{case['attempt']}:{case['trait']}"
        assert case["seedInput"] == seed_input
        assert hashlib.sha256(seed_input.encode()).hexdigest() == case["seedHex"]
        stream = TraitStream(case["workflowId"], case["attempt"], case["trait"])
        assert [stream.next_u32() for _ in range(10)] == case["firstWords"]
        for n, value in case["firstDraw"].items():
            assert TraitStream(case["workflowId"], case["attempt"], case["trait"]).below(int(n)) == value


def test_stream_crosses_block_boundaries_in_counter_mode() -> None:
    stream = TraitStream("uw_0123456789abcdef01234567", 0, "eyes")
    words = [stream.next_u32() for _ in range(16)]
    seed = hashlib.sha256(b"uw_0123456789abcdef01234567:0:eyes").digest()
    block1 = hashlib.sha256(seed + (1).to_bytes(4, "big")).digest()
    assert words[8:] == [int.from_bytes(block1[i : i + 4], "big") for i in range(0, 32, 4)]


def test_rejection_sampling_skips_words_above_the_last_full_multiple() -> None:
    stream = TraitStream("uw_000000000000000000000000", 0, "size")
    raw = TraitStream("uw_000000000000000000000000", 0, "size")
    n = (1 << 31) + 1  # limit = n: nearly half of the words are rejected
    for _ in range(20):
        value = stream.below(n)
        word = raw.next_u32()
        while word >= n:
            word = raw.next_u32()
        assert value == word % n


def test_generation_is_identical_in_a_fresh_process_with_another_hash_seed() -> None:
    ids = workflow_ids(40, "process")
    here = {wid: [generate_genes(wid, a).to_json() for a in (0, 3)] for wid in ids}
    script = (
        "import json, sys\n"
        "from convilyn.forge.genes import generate_genes\n"
        "ids = json.loads(sys.stdin.read())\n"
        "print(json.dumps({w: [generate_genes(w, a).to_json() for a in (0, 3)] for w in ids}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(ids), env=env,
        capture_output=True, text=True, check=True, timeout=60,
    )
    assert json.loads(result.stdout) == here


def test_each_trait_drawn_alone_in_any_order_equals_the_full_vector() -> None:
    shuffler = random.Random(7)  # only shuffles the test's own call order
    for wid in workflow_ids(25, "order"):
        vector = generate_genes(wid, 2)
        keys = [key for key, _ in TRAITS]
        shuffler.shuffle(keys)
        alone = {key: draw_trait(wid, 2, key) for key in keys}
        assert alone == vector.traits()


def test_generating_other_ids_first_changes_nothing() -> None:
    ids = workflow_ids(30, "sequence")
    forward = [generate_genes(wid).to_json() for wid in ids]
    backward = [generate_genes(wid).to_json() for wid in reversed(ids)]
    assert forward == list(reversed(backward))


def test_attempts_reroll_the_vector() -> None:
    wid = "uw_0123456789abcdef01234567"
    hashes = {gene_hash(generate_genes(wid, attempt)) for attempt in range(10)}
    assert len(hashes) == 10


def test_full_space_is_larger_than_two_to_the_forty() -> None:
    expected = 8 * 4 * 32**3 * 12 * 10 * 12 * 10 * 12 * 8 * 6 * 6 * 5
    assert gene_space_size() == FULL_SPACE.count() == expected == 260_919_263_232_000
    assert gene_space_size() >= 2**40
    assert math.isclose(FULL_SPACE.bits(), math.log2(expected))


def test_rarity_follows_the_documented_weights() -> None:
    ids = workflow_ids(5000, "rarity")
    counts = Counter(draw_trait(wid, 0, "rarity") for wid in ids)
    total = sum(weight for _, weight in RARITY_WEIGHTS)
    for name, weight in RARITY_WEIGHTS:
        p = weight / total
        expected, sigma = len(ids) * p, math.sqrt(len(ids) * p * (1 - p))
        assert abs(counts[name] - expected) < 4 * sigma, (name, counts[name], expected)


def test_every_option_of_every_trait_is_reachable() -> None:
    seen: dict[str, set[str]] = {key: set() for key, _ in TRAITS}
    for wid in workflow_ids(3000, "reach"):
        for key, value in generate_genes(wid).traits().items():
            seen[key].add(value)
    for key, _ in TRAITS:
        assert seen[key] == set(FULL_SPACE.options(key)), key


def test_tiny_space_collides_so_minting_must_reroll() -> None:
    tiny = GeneSpace.tiny()
    assert tiny.count() == 4
    hashes = [gene_hash(generate_genes(wid, 0, space=tiny)) for wid in workflow_ids(20, "tiny")]
    assert len(set(hashes)) < len(hashes)

    taken: set[str] = set()

    def mint(wid: str, budget: int = 16) -> int | None:
        """The minting loop the service runs: first attempt whose hash is free."""
        for attempt in range(budget):
            digest = gene_hash(generate_genes(wid, attempt, space=tiny))
            if digest not in taken:
                taken.add(digest)
                return attempt
        return None

    attempts = [mint(wid) for wid in workflow_ids(6, "mint")]
    assert attempts[:4].count(None) == 0 and max(attempts[:4]) > 0  # later ones had to re-roll
    assert attempts[4:] == [None, None]  # space exhausted: the API answers 503
    assert len(taken) == 4


def test_tiny_space_values_belong_to_the_full_space() -> None:
    tiny = GeneSpace.tiny()
    for key, _ in TRAITS:
        assert set(tiny.options(key)) <= set(FULL_SPACE.options(key))


def test_to_json_uses_camel_case_and_carries_version_and_attempt() -> None:
    data = generate_genes("uw_0123456789abcdef01234567", 1).to_json()
    assert set(data) == {key for key, _ in TRAITS} | {"geneVersion", "attempt"}
    assert data["geneVersion"] == GENE_VERSION and data["attempt"] == 1
    assert GeneVector.from_json(data) == generate_genes("uw_0123456789abcdef01234567", 1)


@pytest.mark.parametrize(
    "change", [{"eyes": "laser"}, {"geneVersion": 2}, {"attempt": -1}, {"primaryColor": "#000000"}]
)
def test_from_json_refuses_unknown_values(change: dict[str, object]) -> None:
    data = {**generate_genes("uw_0123456789abcdef01234567").to_json(), **change}
    with pytest.raises(ValueError):
        GeneVector.from_json(data)


def test_gene_hash_ignores_attempt_but_not_traits() -> None:
    vector = generate_genes("uw_0123456789abcdef01234567")
    assert gene_hash(vector.model_copy(update={"attempt": 5})) == gene_hash(vector)
    assert gene_hash(vector.model_copy(update={"eyes": "dot" if vector.eyes != "dot" else "round"})) != gene_hash(vector)
    assert " " not in canonical_json(vector)
    assert list(json.loads(canonical_json(vector))) == sorted(json.loads(canonical_json(vector)))


def test_negative_attempt_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_genes("uw_0123456789abcdef01234567", -1)
