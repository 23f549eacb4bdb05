#!/usr/bin/env python3
"""Take the README screenshot: the demo office's partner list in chromium. `make screenshot`."""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.serving import make_server  # noqa: E402

from intl import create_app  # noqa: E402


def main(out: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="intl-shot-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'demo.sqlite3'}",
            "UPLOAD_FOLDER": str(tmp),
            "PASSWORD_TIME_COST": 1,
            "PASSWORD_MEMORY_COST": 8192,
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from intl.demo.loader import load_demo

        upgrade()
        load_demo()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1360, "height": 860}, locale="zh-TW")
        page.goto(f"{url}/sign-in")
        page.fill("input[name=username]", "officer")
        page.fill("input[name=password]", "harbour-lantern-officer")
        page.click("#sign-in-form button[type=submit]")
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/partners?sort=number")
        page.wait_for_load_state("networkidle")
        # Load every font subset the page's text needs before painting (unicode-range fetches lazily).
        page.evaluate("""async () => {
            const text = document.body.innerText + document.title;
            for (const weight of ['400', '500', '600', '700']) { await document.fonts.load(`${weight} 16px "Noto Sans TC"`, text); }
            await document.fonts.ready;
            // force every text run to be shaped again with the fonts now present
            document.body.style.display = 'none'; void document.body.offsetHeight; document.body.style.display = '';
        }""")
        page.wait_for_timeout(3000)
        page.screenshot(path=str(out))
        browser.close()
    server.shutdown()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png"))
