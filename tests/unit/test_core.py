"""Pure pieces of the platform: database URLs, download signatures, ids, format sniffing."""

from __future__ import annotations

import pytest

from convilyn.core.db import async_url
from convilyn.core.errors import SignatureInvalid
from convilyn.core.ids import is_valid_id, new_id
from convilyn.files.signing import sign, signed_url, verify
from convilyn.files.sniff import sniff_format


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:***@h/db"),
        ("postgresql://u@h/db?sslmode=require&connect_timeout=5&application_name=x",
         "postgresql+psycopg://u@h/db?application_name=x&connect_timeout=5&sslmode=require"),
        ("postgresql+asyncpg://u@h/db?ssl=disable&timeout=5&command_timeout=9",
         "postgresql+psycopg://u@h/db?connect_timeout=5&sslmode=disable"),
        ("sqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
        ("sqlite+aiosqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
    ],
)
def test_database_urls_users_write_pick_the_async_driver(given, expected):
    assert str(async_url(given)) == expected


def test_a_libpq_url_with_sslmode_opens_a_connection():
    import asyncio
    import os

    from sqlalchemy import text

    from convilyn.core.db import Database

    base = os.environ.get("CONVILYN_TEST_DATABASE_URL")
    if not base:
        pytest.skip("needs CONVILYN_TEST_DATABASE_URL")

    async def probe() -> int:
        db = Database(f"{base}?sslmode=disable")
        try:
            async with db.read() as session:
                return await session.scalar(text("select 1"))
        finally:
            await db.dispose()

    assert asyncio.run(probe()) == 1


def test_signatures_cover_path_and_expiry():
    good = sign("k", "/a", 100)
    verify("k", "/a", 100, good, now=99)
    for path, expires, signature, secret in (("/b", 100, good, "k"), ("/a", 101, good, "k"), ("/a", 100, good, "j"),
                                             ("/a", 100, "é" * 64, "k")):
        with pytest.raises(SignatureInvalid):
            verify(secret, path, expires, signature, now=99)
    with pytest.raises(SignatureInvalid, match="expired"):
        verify("k", "/a", 100, good, now=101)
    assert signed_url("k", "http://h/", "/a", 100) == f"http://h/a?expires=100&signature={good}"


def test_ids_have_a_prefix_and_24_hex_digits():
    value = new_id("job")
    assert is_valid_id("job", value) and not is_valid_id("uw", value)
    assert not is_valid_id("job", value.upper())


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"%PDF-1.7 ...", "x.bin", "pdf"),
        (b"# Title\n", "notes.md", "md"),
        (b"plain words", "notes.txt", "txt"),
        (b"plain words", "notes", "txt"),
        (b"<!DOCTYPE html><html>", "page", "html"),
        (b"\x00\x01\x02", "x.txt", "bin"),
        (b"\x89PNG\r\n\x1a\n", "x.png", "bin"),
        ("caf\u00e9".encode()[:4], "cut.txt", "txt"),
        ("R\u00e9sum\u00e9 from Z\u00fcrich".encode("cp1252"), "legacy.txt", "txt"),
        ("Notes in UTF-16".encode("utf-16"), "wide.txt", "txt"),
        (b"{\"a\": 1}", "data.json", "txt"),
        (b"{\\rtf1 hello}", "letter.rtf", "bin"),
    ],
)
def test_format_sniffing(head, name, expected):
    assert sniff_format(head, name) == expected


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("R\u00e9sum\u00e9 from Z\u00fcrich".encode("cp1252"), "legacy.txt"),
        ("Notes in UTF-16".encode("utf-16"), "wide.txt"),
        (b"<!doctype html><p>Hello</p>", "page"),
        (b"# Title\n\nBody", "notes.md"),
        (b"plain words", "data.json"),
        (b"\x00\x01binary\x00", "data.bin"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.png"),
        (b"{\\rtf1 hello}", "letter.rtf"),
        (b"plain words", "fake.pdf"),
    ],
)
def test_an_uploads_format_is_the_one_the_reader_reads_it_as(tmp_path, content, name):
    from convilyn.tools.errors import ToolInputError
    from convilyn.tools.parsing import extract_text

    path = tmp_path / name
    path.write_bytes(content)
    uploaded = sniff_format(content, name, path)
    try:
        read_as = extract_text(path).format
    except ToolInputError:
        read_as = "bin"
    assert uploaded == read_as


def test_processes_the_tests_spawn_write_no_bytecode():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-c", "import sys; print(sys.dont_write_bytecode)"],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "True"
