"""``convilyn forge preview`` through the real command: no server, no database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from convilyn.forge.genes import GeneVector, gene_hash, generate_genes

CONVILYN = str(Path(sys.executable).parent / "convilyn")
FIXTURES = Path(__file__).parent.parent / "fixtures" / "genes"


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONVILYN_DATA_DIR": str(data_dir)}
    env.pop("CONVILYN_DATABASE_URL", None)
    return subprocess.run([CONVILYN, *args], env=env, capture_output=True, text=True, timeout=120)


def test_preview_prints_the_vector_and_writes_the_picture(tmp_path: Path):
    fixture = json.loads((FIXTURES / "v1_uw_0123456789abcdef01234567.json").read_text())
    picture = tmp_path / "out" / "treasure.svg"
    result = run("forge", "preview", fixture["workflowId"], "--svg", str(picture), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["workflowId"] == fixture["workflowId"]
    assert printed["geneVector"] == fixture["vectors"][0]["geneVector"]
    assert printed["geneHash"] == fixture["vectors"][0]["geneHash"]
    svg = picture.read_text()
    assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")
    assert f"bodyShape-{printed['geneVector']['bodyShape']}" in svg
    assert not (tmp_path / "data" / "convilyn.db").exists()  # nothing touched a database


def test_preview_of_a_later_attempt_matches_the_generator(tmp_path: Path):
    workflow_id = "uw_ffffffffffffffffffffffff"
    result = run("forge", "preview", workflow_id, "--attempt", "3", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    expected = generate_genes(workflow_id, 3)
    assert printed["geneVector"] == expected.to_json() and printed["geneVector"]["attempt"] == 3
    assert GeneVector.from_json(printed["geneVector"]) == expected
    assert printed["geneHash"] == gene_hash(expected)


def test_preview_refuses_a_malformed_workflow_id(tmp_path: Path):
    result = run("forge", "preview", "uw_NOT_AN_ID", data_dir=tmp_path)
    assert result.returncode == 1
    assert "workflowId must match" in result.stderr
    assert result.stdout == ""
