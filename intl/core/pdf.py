"""HTML to PDF with WeasyPrint, using the fonts that travel with the app.

Office machines and fresh servers have no CJK or Thai fonts, so the PDF embeds vendored ones (WeasyPrint keeps
only the glyphs used): Noto Sans Hant for the office's Traditional Chinese and for Latin text, Noto Sans JP for
kanji used only in Japanese (様, 拝, 横) and kana, Noto Sans KR for Hangul, Noto Sans Thai for Thai. Each is its
own @font-face family and the page asks for all of them in turn, so Pango takes every character from the first
family that has it. Traditional Chinese comes first (the office writes it), so a Chinese page takes from the
others only what its font lacks; a page or passage marked Japanese or Korean (lang="ja", lang="ko", as the
letterhead's <html> is) puts its own font first, so that kanji and hanja print in Japanese and Korean shapes.

The fontsource web-font slices in static/vendor do not work here: every slice has the same font name and
WeasyPrint mixes up their glyphs, printing the wrong characters. The Thai font is fontsource's thai slice (one
woff with the whole Thai block), declared under a family name of its own, so nothing shares its name.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response

_VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
FONT_FILE = _VENDOR / "embedpdf-fonts-tc" / "NotoSansHant-Regular.otf"
FONT_FAMILY = "Intl Desk Print"
FONT_FAMILY_JP = f"{FONT_FAMILY} JP"
FONT_FAMILY_KR = f"{FONT_FAMILY} KR"
FONT_FAMILY_THAI = f"{FONT_FAMILY} Thai"

# Family -> vendored file (scripts/vendor.py), in the order Pango falls back through them.
FONTS = {
    FONT_FAMILY: FONT_FILE,
    FONT_FAMILY_JP: _VENDOR / "embedpdf-fonts-jp" / "NotoSansJP-Regular.otf",
    FONT_FAMILY_KR: _VENDOR / "embedpdf-fonts-kr" / "NotoSansKR-Regular.otf",
    FONT_FAMILY_THAI: _VENDOR / "fontsource-noto-sans-thai" / "noto-sans-thai-thai-400-normal.woff",
}


def _stack(*first: str) -> str:
    families = [*first, *(family for family in FONTS if family not in first)]
    return ", ".join(f"'{family}'" for family in families) + ", sans-serif"


# Only regular faces are vendored (bold ones would double the repository's font weight); asking for bold
# would make WeasyPrint embed the same face twice, so headings stand out by size instead.
BASE_CSS = (
    "".join(
        f"@font-face {{ font-family: '{family}'; src: url('{path.as_uri()}'); }}\n"
        for family, path in FONTS.items()
    )
    + f"""
html, [lang|="zh"] {{ font-family: {_stack()}; }}
[lang|="ja"] {{ font-family: {_stack(FONT_FAMILY_JP)}; }}
[lang|="ko"] {{ font-family: {_stack(FONT_FAMILY_KR)}; }}
b, strong, th, h1, h2, h3, h4, dt {{ font-weight: normal; }}
"""
)


def _font_only_fetcher():
    """A URL fetcher that opens the vendored fonts and nothing else: a printed page never reaches the
    network or the server's files, whatever text a record holds."""
    from weasyprint.urls import URLFetcher

    allowed = {path.as_uri() for path in FONTS.values()}

    class FontOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.split("?")[0] not in allowed:
                raise ValueError(f"refused to fetch {url!r} while printing")
            return super().fetch(url, headers)

    return FontOnlyFetcher()


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document (A4 and page numbers come from the document's own @page rules)."""
    # WeasyPrint loads Pango at import: imported here so that the app starts (and every other page works)
    # even on a machine where the PDF libraries are missing.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _font_only_fetcher()
    # Per call, as Pango font maps are not safe to share across threads. Loading the four faces costs about
    # 25 ms of a letter's 70-100 ms (one face took about 12 ms): mind it before adding more.
    fonts = FontConfiguration()
    base = CSS(string=BASE_CSS, font_config=fonts, url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[base], font_config=fonts)


def pdf_response(html: str, filename: str) -> Response:
    # Inline, so the browser opens its viewer for printing; never cached, as the sheets hold personal data.
    return Response(
        render_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"},
    )
