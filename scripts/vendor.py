#!/usr/bin/env python3
"""Refresh the front-end libraries vendored into static/vendor from the npm registry.

City intranets block CDNs, so every library the pages use is committed here with its version and licence.
`make vendor` runs this; it needs npm and network access to the registry, nothing else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"

# package -> (version, {path inside the package: path under static/vendor/<name>/})
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "bootstrap": (
        "5.3.8",
        {
            "dist/css/bootstrap.min.css": "bootstrap.min.css",
            "dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
            "LICENSE": "LICENSE",
        },
    ),
    # Chinese must render on a machine without CJK fonts (browsers and the PDF renderer alike).
    "@fontsource/noto-sans-tc": (
        "5.3.0",
        {"400.css": "400.css", "700.css": "700.css", "LICENSE": "LICENSE"},
    ),
    # The leaders' week and month calendar (standalone bundle, all plugins, no dependencies).
    "@event-calendar/build": (
        "5.10.1",
        {
            "dist/event-calendar.min.js": "event-calendar.min.js",
            "dist/event-calendar.min.css": "event-calendar.min.css",
        },
    ),
    # The PDF renderer (WeasyPrint) needs one whole CJK font: it mixes up glyphs across the unicode-range
    # slices of @fontsource (every slice has the same font name). Regular only, to keep the repository small.
    "@embedpdf/fonts-tc": (
        "1.0.0",
        {"fonts/NotoSansHant-Regular.otf": "NotoSansHant-Regular.otf", "LICENSE": "LICENSE"},
    ),
    # Letters to Japanese and Korean partners: kanji used only in Japanese (様, 拝, 横) and Hangul, which the
    # Traditional Chinese font lacks. Whole fonts for the same reason, regular only.
    "@embedpdf/fonts-jp": (
        "1.0.0",
        {"fonts/NotoSansJP-Regular.otf": "NotoSansJP-Regular.otf", "LICENSE": "LICENSE"},
    ),
    "@embedpdf/fonts-kr": (
        "1.0.0",
        {"fonts/NotoSansKR-Regular.otf": "NotoSansKR-Regular.otf", "LICENSE": "LICENSE"},
    ),
    # Thai for the PDF renderer: fontsource's thai slice is the whole Thai block (U+0E01-0E5B) in one file per
    # weight, so WeasyPrint has nothing to mix up; Latin comes from the CJK font. Regular, woff (zlib only).
    # Pages too (400.css, woff2 slices by unicode-range): guests read Thai on the public pages (issue 15).
    "@fontsource/noto-sans-thai": (
        "5.3.0",
        {
            "files/noto-sans-thai-thai-400-normal.woff": "noto-sans-thai-thai-400-normal.woff",
            "400.css": "400.css",
            "LICENSE": "LICENSE",
        },
    ),
    # Japanese and Korean pages in their own shapes (kana, kanji as Japanese write them, Hangul): the browser
    # fetches only the slices a page uses. Regular only, like the Thai.
    "@fontsource/noto-sans-jp": ("5.3.0", {"400.css": "400.css", "LICENSE": "LICENSE"}),
    "@fontsource/noto-sans-kr": ("5.3.0", {"400.css": "400.css", "LICENSE": "LICENSE"}),
    # The dashboard's charts (activities per month by category).
    "chart.js": ("4.6.1", {"dist/chart.umd.min.js": "chart.umd.min.js", "LICENSE.md": "LICENSE.md"}),
    # Country outlines (Natural Earth 1:110m as TopoJSON) for the partner map, drawn as SVG on the server.
    "world-atlas": ("2.0.2", {"countries-110m.json": "countries-110m.json", "LICENSE": "LICENSE"}),
}

# Packages published without a LICENSE file: the licence they declare, written to README in the vendor folder.
LICENCE_NOTES = {
    "@event-calendar/build": 'EventCalendar by Vadim Kurko, MIT licence (package.json "license": "MIT"); '
    "the npm package ships no LICENSE file. Source and licence text: https://github.com/vkurko/calendar\n",
}

# After copying: keep only the woff2 files the copied stylesheets point at.
POST_STEPS = {
    "@fontsource/noto-sans-tc": "woff2_only",
    "@fontsource/noto-sans-jp": "woff2_only",
    "@fontsource/noto-sans-kr": "woff2_only",
    "@fontsource/noto-sans-thai": "woff2_only",
}


def fetch(name: str, version: str, files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--json", "--silent"],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        tarball = Path(tmp) / json.loads(out)[0]["filename"]
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        target = VENDOR / name.strip("@").replace("/", "-")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for source, dest in files.items():
            src = Path(tmp) / "package" / source
            (target / dest).parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, target / dest)
            else:
                shutil.copy2(src, target / dest)
        if POST_STEPS.get(name) == "woff2_only":
            _keep_woff2(Path(tmp) / "package", target)
        (target / "VERSION").write_text(f"{name}@{version}\n")
        if name in LICENCE_NOTES:
            (target / "README").write_text(f"{name}@{version}\n\n{LICENCE_NOTES[name]}")
        print(f"vendored {name}@{version} -> {target.relative_to(ROOT)}")


def _keep_woff2(package: Path, target: Path) -> None:
    """Rewrite the fontsource stylesheets to woff2 only and copy just those font files."""
    import re

    (target / "files").mkdir(exist_ok=True)
    for css in target.glob("*.css"):
        text = re.sub(r", url\(\./files/[^)]+\.woff\) format\('woff'\)", "", css.read_text())
        css.write_text(text)
        for font in re.findall(r"url\(\./files/([^)]+\.woff2)\)", text):
            shutil.copy2(package / "files" / font, target / "files" / font)


def main(names: list[str]) -> None:
    for name, (version, files) in PACKAGES.items():
        if not names or name in names:
            fetch(name, version, files)


if __name__ == "__main__":
    main(sys.argv[1:])
