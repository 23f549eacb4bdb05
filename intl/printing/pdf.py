"""HTML to PDF with WeasyPrint, using the CJK font that travels with the app.

Office machines and fresh servers have no Chinese fonts, so the PDF embeds the vendored Noto Sans Hant
(WeasyPrint keeps only the glyphs used). The fontsource web-font slices in static/vendor do not work here:
every slice has the same font name and WeasyPrint mixes up their glyphs, printing the wrong characters.
"""

from __future__ import annotations

from ..config import PROJECT_ROOT

FONT_FILE = PROJECT_ROOT / "static" / "vendor" / "embedpdf-fonts-tc" / "NotoSansHant-Regular.otf"
FONT_FAMILY = "Intl Desk Print"

# Only a regular face is vendored (a bold one would double the repository's font weight); asking for bold
# would make WeasyPrint embed the same face twice, so headings stand out by size instead.
BASE_CSS = f"""
@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{FONT_FILE.as_uri()}'); }}
html {{ font-family: '{FONT_FAMILY}', sans-serif; }}
b, strong, th, h1, h2, h3, h4, dt {{ font-weight: normal; }}
"""


def _font_only_fetcher():
    """A URL fetcher that opens the vendored font and nothing else: a printed page never reaches the
    network or the server's files, whatever text a record holds."""
    from weasyprint.urls import URLFetcher

    allowed = FONT_FILE.as_uri()

    class FontOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.split("?")[0] != allowed:
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
    fonts = (
        FontConfiguration()
    )  # per call (about 0.1 s): Pango font maps are not safe to share across threads
    base = CSS(string=BASE_CSS, font_config=fonts, url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[base], font_config=fonts)
