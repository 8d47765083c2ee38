"""Uploaded file names are kept exactly as sent, in any script, and never become a path."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from convilyn.files.filenames import safe_filename
from convilyn.files.models import StoredFile

BOUNDARY = "convilyn-test-boundary"


def _multipart(disposition: bytes, content: bytes = b"# Notes\nShip it.\n") -> bytes:
    return (b"--" + BOUNDARY.encode() + b"\r\n" + disposition + b"\r\nContent-Type: text/markdown\r\n\r\n"
            + content + b"\r\n--" + BOUNDARY.encode() + b"--\r\n")


async def _upload(api, disposition: bytes):
    return await api.request("POST", "/upload", content=_multipart(disposition),
                             headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})


@pytest.mark.parametrize("name", ["résumé été.md", "履歴書.md", "Резюме.md", "CV 📄.md"])
async def test_utf8_file_names_are_kept_exactly(server, name):
    api = await server.user()
    response = await _upload(api, b'Content-Disposition: form-data; name="file"; filename="'
                             + name.encode() + b'"')
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["filename"] == name and body["format"] == "md"
    async with server.ctx.db.read() as session:
        assert (await session.get(StoredFile, body["file_id"])).filename == name


async def test_rfc_5987_filename_star_wins_over_the_plain_name(server):
    api = await server.user()
    name = "Lebenslauf für Müller.md"
    disposition = ('Content-Disposition: form-data; name="file"; filename="Lebenslauf.md"; '
                   f"filename*=UTF-8''{quote(name)}").encode()
    response = await _upload(api, disposition)
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == name


async def test_an_httpx_upload_keeps_its_name(server):
    api = await server.user()
    response = await api.request("POST", "/upload", files={"file": ("résumé été.md", b"# Hi", "text/markdown")})
    assert response.status_code == 201 and response.json()["filename"] == "résumé été.md"


@pytest.mark.parametrize(("sent", "stored"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ada\\cv.md", "cv.md"),
    ("..", "upload"),
    ("notes\x00.md", "notes.md"),
    ("  ", "upload"),
])
async def test_the_stored_name_is_never_a_path(server, sent, stored):
    api = await server.user()
    response = await _upload(api, b'Content-Disposition: form-data; name="file"; filename="' + sent.encode() + b'"')
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == stored
    assert safe_filename(sent) == stored
