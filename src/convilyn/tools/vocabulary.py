"""Word lists shipped as data files in ``convilyn/tools/data``, loaded once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def data_lines(name: str, *, keep_categories: bool = False) -> list[str]:
    """The non-comment, non-blank lines of the data file ``name`` (and its ``## Category`` lines if asked)."""
    text = files("convilyn.tools").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    return [
        line
        for line in lines
        if line and (not line.startswith("#") or (keep_categories and line.startswith("## ")))
    ]


@cache
def first_names() -> frozenset[str]:
    """Common given names, lower-cased."""
    return frozenset(line.lower() for line in data_lines("first_names.txt"))
