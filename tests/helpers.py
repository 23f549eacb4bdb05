"""Small helpers shared by tests."""

from __future__ import annotations

import io
from contextlib import contextmanager

from werkzeug.datastructures import FileStorage

# A minimal but well-formed one-page PDF (what a scanner would send, only smaller).
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
)


def upload(data: bytes, filename: str, content_type: str = "application/octet-stream") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def page_text(response) -> str:
    return response.get_data(as_text=True)


@contextmanager
def app_config(app, **values):
    """Settings changed for the block and put back after it (a key that was unset is removed again)."""
    saved = {key: app.config.get(key) for key in values}
    app.config.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                app.config.pop(key, None)
            else:
                app.config[key] = value


def job_file(client, url: str):
    """Ask for a file the app writes in the background (a report): its address answers 303 to the job's
    page, and the job's download gives the file (the tests' queue runs the job at the commit)."""
    asked = client.get(url)
    assert asked.status_code == 303 and "/jobs/" in asked.location, (asked.status_code, asked.location)
    job_page = asked.location.split("?")[0]
    return client.get(f"{job_page}/download")
