"""axe-core on every page type (issue 9): every named route that answers GET with an HTML page, opened
in Chromium by someone allowed to see it (the public and people signing in anonymously; the Clerk;
the person a complaint is about for their response page), with the objects of the access matrix
(tests/web/test_access_matrix.py). Each journey test checks its pages' error states too; this test
makes sure no page type is left out: a new route is in the matrix, so it is checked here as well."""

from __future__ import annotations

from herald.people.capabilities import capabilities_for
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.web.test_access_matrix import API, PUBLIC, ROUTES, SIGN_IN, SUBJECT, _url, objects  # noqa: F401


def test_every_html_page_passes_axe(page, people, objects, live_server):  # noqa: F811
    clerk_caps = capabilities_for(people.clerk.roles)
    checked, skipped, failures = [], [], []
    for name in sorted(ROUTES):
        who, method = ROUTES[name]
        if method != "GET" or who == API:
            continue
        if who in (PUBLIC, SIGN_IN):
            user = None
        elif who == SUBJECT:
            user = people.member2.user
        else:
            assert who is None or (who & clerk_caps if isinstance(who, frozenset) else who in clerk_caps), name
            user = people.clerk.user
        page.context.clear_cookies()
        if user is not None:
            page.context.add_cookies([session_cookie_for(user, live_server.url)])
        url = _url(name, objects)
        probe = page.request.get(url, max_redirects=0)
        if probe.status in (301, 302):
            skipped.append(f"{name} (redirects)")
            continue
        if not probe.headers.get("content-type", "").startswith("text/html"):
            skipped.append(f"{name} ({probe.headers.get('content-type', '?').split(';')[0]})")
            continue
        page.goto(url)
        try:
            check_accessibility(page, f"{name} ({url})")
        except AssertionError as exc:
            failures.append(str(exc))
        checked.append(name)
    assert not failures, "\n".join(failures)
    assert len(checked) >= 60, (checked, skipped)  # the matrix has about 70 HTML page routes
    assert not page.js_errors, page.js_errors
