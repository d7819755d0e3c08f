"""The Clerk reviews the policy: sees the dashboard charts, opens a review item, uploads a new version
(first with a mistake), reads the clause-by-clause difference and adopts it; a Member is then asked
to acknowledge the new version. axe-core checks every page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.policy.helpers import new_version_text
from tests.posts.conftest import make_channel
from tests.web.test_dashboard import decide_complaints, make_posts


def test_clerk_adopts_a_new_version_and_a_member_acknowledges_it(page, people, live_server, tmp_path):
    channel = make_channel(people)
    second = make_channel(people, name="Town news on Mastodon", platform="mastodon")
    make_posts(people, channel, 3)
    make_posts(people, second, 2, months_ago=1, clause="ident.1")
    make_posts(people, channel, 1, months_ago=4, clause="tou.1")
    decide_complaints(people, ["upheld", "not_upheld"])
    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])

    # The dashboard with charts, and each chart's data as a table.
    page.goto("/dashboard")
    expect(page.locator("#policy-review-status")).to_contain_text("Overdue")
    expect(page.locator("#chart-posts svg[role=img]")).to_be_visible()
    expect(page.locator("#chart-outcomes svg title")).to_have_text("Complaint outcomes")
    page.locator("#chart-findings").get_by_text("Show the data as a table").click()
    expect(page.locator("#chart-findings-table")).to_contain_text("ident.1")
    check_accessibility(page, "dashboard with charts")

    # The policy area.
    page.get_by_role("link", name="Policy", exact=True).click()
    expect(page.get_by_role("heading", name="Policy review")).to_be_visible()
    expect(page.locator("#policy-review-items")).to_contain_text("Formal complaint")
    check_accessibility(page, "policy review")

    page.get_by_role("button", name="Open a review item").click()
    page.get_by_role("button", name="Open the review item").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what the review should look at")
    check_accessibility(page, "new review item with errors")
    page.get_by_label("Notes").fill("The Local Government Act changed: check tou.3.")
    page.get_by_label("tou.3: Term of Use 3: codes of conduct").check()
    page.get_by_role("button", name="Open the review item").click()
    expect(page.locator("#item-details")).to_contain_text("Raised by the Clerk")
    check_accessibility(page, "review item")

    # Adopt a new version: first with a mistake on one line.
    page.get_by_role("link", name="Back to policy review").click()
    page.get_by_role("button", name="Adopt a new version").click()
    check_accessibility(page, "upload the policy")
    bad = new_version_text().replace("review_interval_months: 24", "review_interval_months: lots")
    line = next(i for i, row in enumerate(bad.splitlines(), 1) if "review_interval_months" in row)
    page.get_by_label("Or paste the policy YAML").fill(bad)
    page.get_by_role("button", name="Check and compare").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(f"Line {line}: review_interval_months must be a "
                                                                 "whole number")
    check_accessibility(page, "upload with errors")

    path = tmp_path / "policy-v2.yaml"
    path.write_text(new_version_text(), encoding="utf-8")
    page.get_by_label("Or paste the policy YAML").fill("")
    page.get_by_label("Policy YAML file").set_input_files(str(path))
    page.get_by_role("button", name="Check and compare").click()
    expect(page.get_by_role("heading", name="Check the changes")).to_be_visible()
    expect(page.locator("#diff-summary")).to_contain_text("1 changed, 1 added, 1 removed")
    changed = page.locator("#change-tou\\.3")
    expect(changed).to_contain_text("Changed")
    expect(changed.locator("del")).to_contain_text(["not"])
    expect(changed.locator("ins").first).to_contain_text("never")
    expect(page.locator("#change-review\\.minutes")).to_contain_text("Added")
    expect(page.locator("#change-scope\\.discuss")).to_contain_text("Removed")
    check_accessibility(page, "compare versions")

    page.get_by_role("button", name="Adopt this version").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the minute reference")
    check_accessibility(page, "adopt with errors")
    page.locator("#id_adopted_on").fill("10")
    page.locator("#id_adopted_on_1").fill("11")
    page.locator("#id_adopted_on_2").fill("2026")
    page.get_by_label("Minute reference").fill("Minute 26/112")
    page.get_by_label(re.compile("Raised by the Clerk: tou.3")).check()
    page.get_by_role("button", name="Adopt this version").click()
    expect(page.get_by_role("heading", name="Version 2 (in force)")).to_be_visible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Version 2 is adopted")
    expect(page.locator("#version-details")).to_contain_text("Minute 26/112")
    check_accessibility(page, "adopted version")
    page.get_by_role("link", name="Back to policy review").click()
    expect(page.locator("#policy-current")).to_contain_text("version 2")
    expect(page.locator("#policy-current")).not_to_contain_text("Overdue")

    # A Member is asked to acknowledge the new version before they next publish.
    page.context.clear_cookies()
    page.context.add_cookies([session_cookie_for(people.member.user, live_server.url)])
    page.goto("/dashboard")
    banner = page.locator("#acknowledge-policy")
    expect(banner).to_contain_text("before you next publish")
    check_accessibility(page, "member dashboard with the acknowledgement banner")
    banner.get_by_role("link", name="see what changed in version 2").click()
    expect(page.locator("#change-tou\\.3")).to_be_visible()
    check_accessibility(page, "what changed, for a member")
    page.goto("/dashboard")
    page.get_by_role("button", name="I have read and will follow the policy").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("acknowledged")
    expect(page.locator("#acknowledge-policy")).to_have_count(0)
    assert not page.js_errors, page.js_errors
