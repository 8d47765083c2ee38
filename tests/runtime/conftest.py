"""Fixtures for the runtime tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from mcp.server.mcpserver import MCPServer

from convilyn.runtime.phase import InputDocument
from tests.runtime.phase_helpers import ProgressLog, make_toy_servers


@pytest.fixture
def progress() -> ProgressLog:
    return ProgressLog()


@pytest.fixture(scope="session")
def toy_servers() -> dict[str, MCPServer]:
    return make_toy_servers()


@pytest.fixture
def write_doc(tmp_path: Path):
    """Writes a text input document and returns it as an InputDocument."""

    def write(name: str, text: str) -> InputDocument:
        path = tmp_path / "inputs" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return InputDocument(file_id=f"file_{path.stem}", filename=name, path=path, format=path.suffix.lstrip("."))

    return write
