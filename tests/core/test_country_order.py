"""The stored order of the country lists (intl/core/country_order.json): ICU's own answer for the installed
Babel and ICU, read by a worker without loading ICU, and ignored when it was made with other versions."""

import json
import subprocess
import sys
from pathlib import Path

from intl.config import LANGUAGES
from intl.core.countries import ORDER_FILE, collated_codes, library_versions, read_orders, write_orders

ROOT = Path(__file__).resolve().parents[2]


def test_the_stored_order_is_icus_for_every_language():
    stored = read_orders(ORDER_FILE, library_versions())
    # Empty after upgrading Babel or PyICU: run `make country-order` and commit the file.
    assert set(stored) == set(LANGUAGES), "intl/core/country_order.json is stale: run `make country-order`"
    for locale in LANGUAGES:
        assert stored[locale] == collated_codes(locale), locale


def test_an_order_made_with_other_versions_is_not_used(tmp_path):
    path = tmp_path / "order.json"
    write_orders(path, ["en"])
    assert read_orders(path, library_versions())["en"][:2] == ["AF", "AX"]  # Åland under A
    other = {**library_versions(), "babel": "0.0"}
    assert read_orders(path, other) == {}
    assert read_orders(tmp_path / "missing.json", library_versions()) == {}
    path.write_text("{not json", encoding="utf-8")
    assert read_orders(path, library_versions()) == {}
    assert json.loads(ORDER_FILE.read_text(encoding="utf-8"))["versions"] == library_versions()


def test_country_lists_are_served_without_loading_icu():
    # A worker's list pages show a country filter: with the stored order, ICU (18 MB) stays out of the worker.
    probe = (
        "import sys; from intl.config import LANGUAGES; from intl.core.countries import country_choices; "
        "names = [country_choices(code)[0][1] for code in LANGUAGES]; "
        "print('icu' in sys.modules, names[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded, first_chinese = result.stdout.split()
    assert loaded == "False"
    assert first_chinese == "千里達及托巴哥"  # 千 (3 strokes) first
