"""The stored payload in a real browser: Chromium opens the pages that show it and no script runs
(no dialog opens). The page's CSP is bypassed here, so this checks the escaping alone, not the CSP
that would also stop an inline script.

Playwright runs in a thread of its own: its sync API allows one instance per thread, and the
browser suite (tests/browser) may already hold one in the main thread for the whole session.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from herald.channels.models import NewsItem
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, session_cookie_for
from tests.posts.conftest import make_channel
from tests.security.helpers import url_for
from tests.security.xss import PAYLOAD, fill_every_free_text_field, store_through_services
from tests.web.test_access_matrix import objects  # noqa: F401  (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = ("dashboard", "people", "person", "post", "posts", "post-history", "complaint-case", "complaint-cases",
               "election", "elections", "channel", "channels", "audit", "post-attachment-edit")
PUBLIC_PAGES = ("public-channel", "public-channels", "news", "council-policy", "council-home")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _browse(base_url: str, public: list[str], staff: list[str], cookie: dict, result: dict) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, bypass_csp=True, locale="en-GB")
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.on("dialog", lambda dialog: (result["dialogs"].append(f"{page.url}: {dialog.message}"),
                                          dialog.dismiss()))
        page.on("pageerror", lambda exc: result["errors"].append(str(exc)))
        try:
            for i, path in enumerate(public + staff):
                if i == len(public):
                    context.add_cookies([cookie])
                response = page.goto(path)
                result["statuses"].append((path, response.status))
                result["shown"] += "<script>alert(1)</script>" in page.inner_text("body")
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "security-xss-browser.png"), full_page=True)
            (ARTIFACTS / "security-xss-browser.html").write_text(page.content())
            raise
        finally:
            browser.close()


def test_no_script_runs_on_the_pages_that_show_the_payload(live_server, people, objects):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-packages.sh (make test does).")
    store_through_services(people)
    channel = make_channel(people, name="News", platform="newsfeed")
    NewsItem.objects.create(council=people.council, channel=channel, idempotency_key="xss-1", text=PAYLOAD,
                            published_at=dt.datetime.now(dt.timezone.utc))
    fill_every_free_text_field()
    result: dict = {"dialogs": [], "errors": [], "statuses": [], "shown": 0, "failure": None}
    public = [url_for(name, objects) for name in PUBLIC_PAGES]
    staff = [url_for(name, objects) for name in STAFF_PAGES]
    cookie = session_cookie_for(people.clerk.user, live_server.url)

    def run() -> None:
        try:
            _browse(live_server.url, public, staff, cookie, result)
        except BaseException as exc:  # reported in the test's own thread
            result["failure"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(300)
    assert not thread.is_alive(), "the browser did not finish"
    if result["failure"] is not None:
        raise result["failure"]
    assert all(status == 200 for _path, status in result["statuses"]), result["statuses"]
    assert not result["dialogs"], result["dialogs"]
    assert not result["errors"], result["errors"]
    assert result["shown"] >= len(public + staff) - 3, result["shown"]  # the payload is there, as text
