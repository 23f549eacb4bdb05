"""Partner pages at 10,000 partners: list, filtered list, CJK substring search, detail.

Target (issue 2, SQLite here): p95 under 50 ms each; queries per page the same for 10 and 10,000 rows.
Run: python bench/partners.py [--scale S] [--json PATH]
"""

from __future__ import annotations

import time

from common import db, make_app, measure, parse_args, report, signed_in_client, workdir
from sqlalchemy import func, select

PARTNERS = 10_000


def seed(app, count: int) -> None:
    from intl.core.db import refresh_statistics
    from intl.demo.loader import load_demo, load_synthetic_partners

    with app.app_context():
        load_demo()
        start = time.perf_counter()
        load_synthetic_partners(count)
        # as `flask analyze` leaves a production database, and as the other scripts seed: without statistics
        # PostgreSQL planned the 2-character search for an empty table (13.5 s a page against 0.35 s with them,
        # both on the loaded machine of 2026-12-07)
        refresh_statistics(full=True)
        db.session.commit()
        print(f"seeded {count:,} partners in {time.perf_counter() - start:.1f} s")


def run_pages(app, client, runs: int) -> dict:
    from intl.partners.models import Partner

    with app.app_context():
        detail_id = db.session.scalar(select(func.max(Partner.id)))
    return {
        "list": measure(app, "list", lambda: client.get("/partners"), runs),
        "list, page 100": measure(app, "deep", lambda: client.get(deep_page_url(client)), runs),
        "filtered list": measure(
            app,
            "filtered",
            lambda: client.get("/partners?country=JP&relationship=friendly&focus=culture&sort=-since"),
            runs,
        ),
        "search 2 CJK characters": measure(app, "cjk", lambda: client.get("/partners?q=大阪"), runs),
        "search Latin prefix": measure(app, "latin", lambda: client.get("/partners?q=port"), runs),
        "detail": measure(app, "detail", lambda: client.get(f"/partners/{detail_id}"), runs),
    }


_deep = {}


def deep_page_url(client) -> str:
    """The address of page 100 of the list (or the last page), found once by following 'next' links."""
    if "url" not in _deep:
        url = "/partners"
        for _ in range(99):
            page = client.get(url).get_data(as_text=True)
            if 'rel="next" href="' not in page:
                break
            url = page.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
        _deep["url"] = url
    return _deep["url"]


def main() -> None:
    args = parse_args(__doc__)
    app = make_app(workdir())
    seed(app, 10)
    client = signed_in_client(app)
    small = run_pages(app, client, runs=10)
    _deep.clear()
    seed(app, int(PARTNERS * args.scale) - 10)
    results = run_pages(app, client, args.runs)
    for name, figures in results.items():
        figures["queries_at_10_rows"] = small[name]["queries"]
    report(
        f"Partner pages at {int(PARTNERS * args.scale):,} partners (in-process, warm)",
        results,
        args,
        {name: "p95 < 50 ms" for name in results},
    )
    from intl.core.search import NARROW_LIMIT, matching_ids

    # As every list, a search matching more than NARROW_LIMIT records says "more than ..." instead of counting
    # them exactly: one query fewer than the same search over 10 partners, by design (bench/correspondence.py).
    with app.app_context():
        matches = {
            name: db.session.scalar(select(func.count()).select_from(matching_ids("partner", q).subquery()))
            for name, q in (("search 2 CJK characters", "大阪"), ("search Latin prefix", "port"))
        }
    uncounted = {name for name, n in matches.items() if n > NARROW_LIMIT}
    changed = [
        n for n in results if results[n]["queries"] + (n in uncounted) != results[n]["queries_at_10_rows"]
    ]
    print("queries per page constant from 10 rows:", "yes" if not changed else f"NO: {changed}")
    if uncounted:
        print(
            f"(these searches match more than {NARROW_LIMIT:,} partners: their exact count is skipped: {sorted(uncounted)})"
        )


if __name__ == "__main__":
    main()
