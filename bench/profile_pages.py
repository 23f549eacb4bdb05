"""In-process timings and profiles of the pages bench/http.py serves, on a database it seeded (--keep DIR).

Run: python bench/profile_pages.py DIR [--only TEXT] [--runs N] [--profile] [--html OUT_DIR] [--json PATH]
     [--tree CHECKOUT]

Each page is requested `--runs` times with the test client, signed in as bench-officer; the median wall time,
the median CPU time of the serving thread (much less disturbed by other processes on a shared machine), the
time spent waiting on SQL and the number of SQL statements are printed. Timings of many iterations in one process are far steadier on a
shared machine than HTTP figures. `--profile` prints each page's cProfile top functions (cumulative);
`--html OUT_DIR` writes each page's HTML there, to compare what users see before and after a change (the
parts that change on every request, CSRF tokens and nonces, are blanked).
"""

# ruff: noqa: E402  (the standard library is imported after taking bench/ off the path, as in http.py)
from __future__ import annotations

import sys

_BENCH_DIR = sys.path.pop(0)
import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import time
from pathlib import Path

sys.path.append(_BENCH_DIR)
# --tree DIR measures another checkout's code (say, main's, for a before/after pair) on the same database.
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv else str(Path(_BENCH_DIR).parent)
sys.path.insert(0, _TREE)
__import__("intl")  # from _TREE, before bench/common.py puts this checkout first on the path
from common import counting_queries

VOLATILE = re.compile(r'(name="csrf_token" value=")[^"]+|(nonce=")[^"]+|(name="csrf-token" content=")[^"]+')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the --keep folder of a seeded bench/http.py run")
    parser.add_argument("--only", help="only the pages whose name contains this text")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative or tottime")
    parser.add_argument("--html", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--tree", help="the checkout whose code to measure (default: this one)")
    return parser.parse_args()


def _sql_time(app, request, runs: int = 5) -> float:
    """The median time one request spends waiting on its SQL statements (cursor execute to fetched rows)."""
    from sqlalchemy import event

    from intl.core.db import db

    with app.app_context():
        engine = db.engine
    spent = []
    started = {}

    def before(conn, cursor, statement, parameters, context, executemany):
        started[id(context)] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        spent.append(time.perf_counter() - started.pop(id(context), time.perf_counter()))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    totals = []
    try:
        for _ in range(runs):
            spent.clear()
            request()
            totals.append(sum(spent) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return statistics.median(totals)


def _load_http_bench():
    """bench/http.py, loaded under another name so as not to hide the standard library's `http`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("http_bench", Path(_BENCH_DIR) / "http.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    args = parse_args()
    http_pages = _load_http_bench()
    from intl.warmup import warm_up

    print(f"code: {Path(sys.modules['intl'].__file__).parent.parent}", flush=True)

    app = http_pages._reopen(args.folder)
    warm_up(app)
    found = http_pages.targets(app)
    urls = http_pages.pages(found)
    urls["leader's feed, 304"] = None
    if args.only:
        urls = {name: url for name, url in urls.items() if args.only in name}
    client = http_pages._client(app)
    headers = {}
    if "leader's feed, 304" in urls:
        import schedule

        secret = schedule.make_feed_token(app, found["mayor"])
        urls["leader's feed, 304"] = f"/feeds/{secret}.ics"
        etag = client.get(urls["leader's feed, 304"]).headers["ETag"]
        headers["leader's feed, 304"] = {"If-None-Match": etag}
    if args.html:
        args.html.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, url in urls.items():
        extra = headers.get(name, {})
        for _ in range(3):
            response = client.get(url, headers=extra)
            assert response.status_code in (200, 304), (name, response.status_code)
        with counting_queries(app) as counter:
            client.get(url, headers=extra)
        sql_ms = _sql_time(app, lambda url=url, extra=extra: client.get(url, headers=extra))
        timings, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.thread_time()
            client.get(url, headers=extra)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            timings.append((time.perf_counter() - start) * 1000)
        median, median_cpu = statistics.median(timings), statistics.median(cpu)
        results[name] = {
            "median_ms": round(median, 3),
            "cpu_ms": round(median_cpu, 3),
            "sql_ms": round(sql_ms, 3),
            "queries": counter["n"],
        }
        print(
            f"{name:40} {median:8.2f} ms  CPU {median_cpu:7.2f} ms  (SQL {sql_ms:6.2f} ms)  {counter['n']:3} queries",
            flush=True,
        )
        if args.html:
            text = VOLATILE.sub(
                lambda m: m.group(1) or m.group(2) or m.group(3), response.get_data(as_text=True)
            )
            (args.html / (re.sub(r"\W+", "-", name) + ".html")).write_text(text)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(20):
                client.get(url, headers=extra)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(45)
            print(out.getvalue())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
