"""A new clerk signs in with two-factor, sees the overdue policy review and manages the register."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility
from tests.conftest import PASSWORD


def sign_in(page, email, password=PASSWORD):
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_clerk_signs_in_with_two_factor_and_manages_the_register(page, people):
    page.goto("/sign-in")
    check_accessibility(page, "sign in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    check_accessibility(page, "sign in with errors")

    sign_in(page, people.clerk.official_email)
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    check_accessibility(page, "two-factor set-up")
    page.get_by_text("I cannot scan the code").click()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator("#recovery-codes li").count() == 10
    check_accessibility(page, "recovery codes")
    page.get_by_role("link", name="I have saved my codes").click()

    expect(page.locator("#policy-review-overdue")).to_contain_text("due on 1 January 2017")
    expect(page.locator("#policy-review-overdue")).to_contain_text("overdue")
    check_accessibility(page, "dashboard")

    page.get_by_role("link", name="People", exact=True).click()
    check_accessibility(page, "people register")
    page.get_by_role("link", name="Add a representative").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name")
    check_accessibility(page, "add representative with errors")
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("Full name")).to_be_focused()

    page.get_by_label("Full name").fill("Rhys Jones")
    page.get_by_label("Official email address").fill("r.jones@stalbridgetowncouncil.gov.uk")
    page.get_by_label("Elected Member").check()
    page.get_by_label("Member", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Rhys Jones")).to_be_visible()
    check_accessibility(page, "representative")

    page.get_by_role("button", name="Create sign-in account").click()
    expect(page.locator("#password-link")).to_contain_text("/account/set-password/")

    page.get_by_role("link", name="Suspend publishing rights").click()
    page.locator("#id_ends_on").fill("1")
    page.locator("#id_ends_on_1").fill("1")
    page.locator("#id_ends_on_2").fill("1999")
    page.get_by_label("Reason").fill("Complaint C-12 upheld")
    page.get_by_role("button", name="Suspend publishing rights").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end date must be in the future")
    check_accessibility(page, "suspend with errors")
    page.locator("#id_ends_on_2").fill("2099")
    page.get_by_role("button", name="Suspend publishing rights").click()
    expect(page.locator("#publishing-rights")).to_contain_text("Suspended until midnight at the start of 1 January 2099")

    page.get_by_role("link", name="Audit trail").click()
    expect(page.locator("table")).to_contain_text("Publishing rights suspended")
    check_accessibility(page, "audit trail")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert not page.js_errors, page.js_errors


def test_member_acknowledges_the_policy_and_registers_an_interest(page, people):
    sign_in(page, people.member.official_email)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.get_by_role("button", name="I have read and will follow the policy").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have acknowledged")
    page.get_by_role("link", name="Your account").click()
    check_accessibility(page, "account")
    page.get_by_role("link", name="Your record in the people register").click()
    page.get_by_role("link", name="Register an interest").click()
    check_accessibility(page, "register interest")
    page.get_by_label("Land or property").check()
    page.get_by_label("Description").fill("Allotment plot 7, Station Road")
    page.locator("#id_registered_on").fill("3")
    page.locator("#id_registered_on_1").fill("4")
    page.locator("#id_registered_on_2").fill("2025")
    page.get_by_role("button", name="Register interest").click()
    expect(page.locator("table").last).to_contain_text("Allotment plot 7, Station Road")
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize("path", ["/councils/stalbridge/policy", "/councils/stalbridge/", "/no-such-page"])
def test_public_pages_are_accessible(page, people, path):
    page.goto(path)
    check_accessibility(page, path)


def test_policy_clause_anchor(page, people):
    page.goto("/policy#tou.3")
    expect(page.locator("[id='tou.3']")).to_contain_text("codes of conduct")
    expect(page.locator("[id='tou.3']")).to_be_in_viewport()
    page.set_viewport_size({"width": 360, "height": 740})  # a small phone
    check_accessibility(page, "policy on a phone")
