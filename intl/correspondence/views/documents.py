"""An outgoing letter on the city's letterhead: PDF (WeasyPrint through `core.pdf`, with the vendored CJK
fonts) and .docx for further editing. `?language=` picks a translation. A correspondent's address is
personal data: the sheet prints it through the personal-data door."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response, abort, render_template, request
from flask_login import current_user

from ...core.access import READERS, allow, load_or_404
from ...core.pdf import render_pdf
from ..documents import docx_bytes, sheet
from ..models import Letter

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _page(letter_id: int):
    letter = load_or_404(Letter, letter_id)
    if letter.direction != "outgoing":
        abort(404)  # incoming letters are kept as their scans, not reprinted on our letterhead
    language = request.args.get("language") or None
    if (
        language
        and language != letter.language
        and not any(t.language == language for t in letter.translations)
    ):
        abort(404)
    return letter, sheet(letter, language, current_user)


def _download(data: bytes, mimetype: str, filename: str, inline: bool) -> Response:
    disposition = "inline" if inline else "attachment"
    ascii_name = _SAFE.sub("-", filename)
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}",
            "Cache-Control": "no-store",
        },
    )


def _filename(page, extension: str) -> str:
    suffix = f"-{page.language}" if page.is_translation else ""
    return f"{page.reference_no}{suffix}.{extension}"


@allow(READERS)
def letter_pdf(letter_id: int):
    _letter, page = _page(letter_id)
    html = render_template("correspondence/letterhead.html", page=page)
    return _download(render_pdf(html), "application/pdf", _filename(page, "pdf"), inline=False)


@allow(READERS)
def letter_docx(letter_id: int):
    _letter, page = _page(letter_id)
    return _download(docx_bytes(page), DOCX_TYPE, _filename(page, "docx"), inline=False)
