"""The floor the app's pages are measured against: a bare Flask page that lists 50 contacts by keyset.

One query (`WHERE id > :after ORDER BY id LIMIT 50` on the live contacts), one Jinja template of a bilingual
table of about 19 KB, no sign-in, no ORM: what a page listing 50 of 100,000 rows costs on this machine with
this stack and nothing else. `bench/http.py` serves it with gunicorn beside the app and reports each page's
throughput as a ratio to it; `/hello` is a bare "hello" for the feed's 304.

Run alone: python bench/floor.py [--scale S] [--json PATH] [--runs N] (seeds contacts as bench/contacts.py
does and times the floor page in-process). Served: gunicorn --chdir bench 'floor:create_floor_app()' with
FLOOR_DATABASE_URL set.
"""

from __future__ import annotations

import os
import random

from flask import Flask, request
from sqlalchemy import create_engine, text

QUERY = text(
    "SELECT id, family_name, given_name, chinese_name, latin_name, country, updated_at FROM contact "
    "WHERE archived_at IS NULL AND id > :after ORDER BY id LIMIT 50"
)

PAGE = """<!doctype html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>聯絡人 Contacts</title></head>
<body><main><h1>聯絡人 Contacts</h1>
<table class="table table-sm table-hover align-middle">
<thead><tr><th>#</th><th>姓名 Name</th><th>中文姓名 Chinese name</th><th>拉丁拼音 Latin name</th>
<th>國家 Country</th><th>更新 Updated</th></tr></thead>
<tbody>
{% for row in rows %}<tr>
<td class="text-body-secondary small">{{ row.id }}</td>
<td><a href="/contacts/{{ row.id }}" class="fw-semibold">{{ row.family_name }}{{ row.given_name or '' }}</a></td>
<td>{{ row.chinese_name or '' }}</td><td><span class="text-body-secondary">{{ row.latin_name or '' }}</span></td>
<td><span class="badge text-bg-light border">{{ row.country or '' }}</span></td>
<td class="small text-body-secondary">{{ row.updated_at }}</td>
</tr>
{% endfor %}</tbody></table>
{% if rows %}<nav><a class="btn btn-outline-secondary" href="?after={{ rows[-1].id }}">下一頁 Next</a></nav>{% endif %}
</main></body></html>"""


def create_floor_app(database_url: str | None = None) -> Flask:
    url = database_url or os.environ["FLOOR_DATABASE_URL"]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, pool_pre_ping=True)
    app = Flask("floor")
    # Compiled once, as the app's own templates are (render_template_string compiles on every call: 3 ms of
    # the floor's 9 ms, which made the floor slower and every ratio to it look better than it is).
    page = app.jinja_env.from_string(PAGE)

    @app.get("/floor")
    def floor():
        after = request.args.get("after", 0, type=int)
        with engine.connect() as connection:
            rows = connection.execute(QUERY, {"after": after}).all()
        return page.render(rows=rows)

    @app.get("/hello")
    def hello():
        return "hello"

    return app


def main() -> None:
    import statistics
    import time

    from common import make_app, parse_args, report, workdir
    from contacts import CONTACTS, INTERACTIONS, ORGANIZATIONS, seed

    args = parse_args(__doc__.splitlines()[0])
    directory = workdir()
    app = make_app(directory)
    scale = args.scale
    seed(app, int(CONTACTS * scale), int(ORGANIZATIONS * scale), int(INTERACTIONS * scale), seed_number=3)
    floor = create_floor_app(app.config["SQLALCHEMY_DATABASE_URI"]).test_client()
    rng = random.Random(5)
    size = len(floor.get("/floor").data)
    timings = []
    for n in range(args.runs + 5):
        after = rng.randrange(int(CONTACTS * scale * 0.9))
        start = time.perf_counter()
        response = floor.get(f"/floor?after={after}")
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200
        if n >= 5:
            timings.append(elapsed)
    timings.sort()
    figures = {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "queries": 1,
    }
    print(f"floor page: {size / 1024:.1f} KB")
    report("The floor: 50 contacts by keyset, bare Flask (in-process)", {"floor list": figures}, args)


if __name__ == "__main__":
    main()
