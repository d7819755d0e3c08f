"""API tokens in the browser: a Member creates a token (the secret is shown once), a program uses it,
the Member revokes it and the program is refused; the Clerk sees and may revoke others' tokens.
axe-core checks every token page and the API documentation page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from herald.api.models import ApiToken
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.browser.test_clerk_journey import sign_in


def _api_get(page, path: str, secret: str):
    return page.request.get(path, headers={"Authorization": f"Bearer {secret}"})


def test_member_creates_sees_once_uses_and_revokes_a_token(page, people, live_server):
    sign_in(page, people.member.official_email)
    page.get_by_role("link", name="Your account").click()
    expect(page.locator("#api-tokens-summary")).to_contain_text("You have no active API tokens")
    page.get_by_role("link", name="Manage your API tokens").click()
    expect(page.locator("#api-tokens")).to_contain_text("You have no API tokens")
    check_accessibility(page, "API tokens, none yet")

    page.get_by_role("link", name="Create an API token").click()
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Create the token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    check_accessibility(page, "new token with errors")
    page.get_by_label("Name").fill("Newsletter script")
    page.get_by_label("In 30 days").check()
    page.get_by_role("button", name="Create the token").click()

    expect(page.get_by_role("heading", name="Your new API token")).to_be_visible()
    secret = page.locator("#api-token-secret").inner_text().strip()
    assert re.fullmatch(r"herald_[A-Za-z0-9_-]{40,}", secret), secret
    token = ApiToken.objects.get()
    assert token.prefix and secret.startswith(token.prefix) and secret not in token.secret_hash
    check_accessibility(page, "new token shown once")
    created_url = page.url

    response = _api_get(page, "/api/channels", secret)
    assert response.status == 200 and response.json()["count"] == 0

    page.get_by_role("link", name="I have copied the token").click()
    row = page.locator("#api-tokens tbody tr", has_text="Newsletter script")
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text(token.prefix)
    expect(page.locator("body")).not_to_contain_text(secret)
    check_accessibility(page, "API tokens with one")
    page.goto(created_url)  # never shown twice: back to the list
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(secret)

    row.get_by_role("link", name="Revoke").click()
    expect(page.get_by_role("heading", name="Revoke your API token")).to_be_visible()
    check_accessibility(page, "revoke token")
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is revoked")
    expect(page.locator("#api-tokens tbody tr", has_text="Newsletter script")).to_contain_text("Revoked")
    expect(page.locator("#api-tokens tbody tr", has_text="Newsletter script").get_by_role("link")).to_have_count(0)
    check_accessibility(page, "API tokens after revoking")

    refused = _api_get(page, "/api/channels", secret)
    assert refused.status == 401 and refused.json()["code"] == "unauthenticated"
    assert not page.js_errors, page.js_errors


def test_the_clerk_revokes_someone_elses_token(page, people, live_server):
    from herald.api.services import api_token_create

    _token, secret = api_token_create(acting_user=people.officer.user, representative=people.officer,
                                      name="Officer's scheduler")
    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])
    page.goto("/account/api-tokens")
    row = page.locator("#council-api-tokens tbody tr", has_text="Officer's scheduler")
    expect(row).to_contain_text("Olly Officer")
    check_accessibility(page, "API tokens as the Clerk")
    row.get_by_role("link", name="Revoke").click()
    expect(page.get_by_role("heading", name="Revoke Olly Officer's API token")).to_be_visible()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.locator("#council-api-tokens")).to_contain_text("Nobody else has an active API token")
    assert _api_get(page, "/api/posts", secret).status == 401


def test_the_api_documentation_page(page, people, live_server):
    page.goto("/api/docs")
    expect(page.get_by_role("heading", name="REST API", exact=True)).to_be_visible()
    expect(page.locator("#api-endpoints")).to_contain_text("/api/posts/{post_id}/approve")
    check_accessibility(page, "API docs")
    page.get_by_role("link", name="/api/screen").click()
    expect(page.locator("#post-api-screen")).to_be_in_viewport()
    schema = page.request.get("/api/openapi.json")
    assert schema.status == 200 and schema.json()["info"]["title"] == "Herald API"
    page.context.add_cookies([session_cookie_for(people.member.user, live_server.url)])
    page.goto("/api/docs")
    expect(page.get_by_role("link", name="your API tokens page")).to_be_visible()
    check_accessibility(page, "API docs, signed in")
    assert not page.js_errors, page.js_errors
