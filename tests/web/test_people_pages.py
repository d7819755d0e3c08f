"""The people register in the web UI: forms, bad input, escaping, headers."""

from __future__ import annotations

import pytest

from herald.people.models import Representative, Suspension
from herald.records.models import AuditEvent

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_clerk_adds_a_representative_and_creates_their_account(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/people/new", {"name": "Rhys Jones", "official_email": "r.jones@stalbridgetowncouncil.gov.uk",
                                           "kind": "member", "roles": ["member"], "organisation": "", "job_title": ""})
    rep = Representative.objects.get(official_email="r.jones@stalbridgetowncouncil.gov.uk")
    assert response["Location"] == f"/people/{rep.pk}/"
    response = client.post(f"/people/{rep.pk}/account")
    page = client.get(f"/people/{rep.pk}/").content.decode()
    assert "/account/set-password/" in page and "Send Rhys Jones this link" in page
    assert "/account/set-password/" not in client.get(f"/people/{rep.pk}/").content.decode()  # shown once


@pytest.mark.parametrize("data, message", [
    ({"name": "", "official_email": "a@stalbridgetowncouncil.gov.uk", "kind": "employee"}, "Enter the person&#x27;s full name"),
    ({"name": "A", "official_email": "clerk@stalbridgetowncouncil.gov.uk", "kind": "employee"}, "already has this email"),
    ({"name": "A", "official_email": "a@gmail.com", "kind": "employee"}, "official council email"),
    ({"name": "A", "official_email": "a@x.org", "kind": "spy"}, "Select a valid choice"),
    ({"name": "A", "official_email": "nope", "kind": "volunteer"}, "correct format"),
])
def test_bad_input_shows_the_error_and_keeps_what_was_typed(people, signed_in, data, message):
    before = (Representative.objects.count(), AuditEvent.objects.count())
    response = signed_in(people.clerk).post("/people/new", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and message in body
    if data["name"]:
        assert f'value="{data["name"]}"' in body
    assert (Representative.objects.count(), AuditEvent.objects.count()) == before


def test_user_text_is_escaped_everywhere(people, signed_in):
    client = signed_in(people.clerk)
    client.post("/people/new", {"name": XSS, "official_email": "x@stalbridgetowncouncil.gov.uk", "kind": "employee",
                                "roles": ["officer"], "job_title": XSS, "organisation": XSS})
    rep = Representative.objects.get(official_email="x@stalbridgetowncouncil.gov.uk")
    for url in ["/people/", f"/people/{rep.pk}/", "/audit/", "/dashboard"]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url


@pytest.mark.parametrize("ends, message", [
    (("31", "2", "2030"), "must be a real date"),
    (("1", "", "2030"), "must include a month"),
    (("1", "1", "2020"), "must be in the future"),
    (("a", "b", "c"), "must be a real date"),
])
def test_suspension_dates_are_checked(people, signed_in, ends, message):
    client = signed_in(people.clerk)
    data = {"ends_on_0": ends[0], "ends_on_1": ends[1], "ends_on_2": ends[2], "reason": "Complaint upheld"}
    response = client.post(f"/people/{people.member.pk}/suspend", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert 'value="Complaint upheld"' not in response.content.decode()  # textarea keeps it as content
    assert "Complaint upheld</textarea>" in response.content.decode()
    assert not Suspension.objects.exists()


def test_suspend_and_lift_through_the_pages(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post(f"/people/{people.member.pk}/suspend",
                           {"ends_on_0": "1", "ends_on_1": "1", "ends_on_2": "2099", "reason": "Complaint upheld"})
    assert response.status_code == 302
    page = client.get(f"/people/{people.member.pk}/").content.decode()
    assert "Suspended until midnight at the start of 1 January 2099" in page
    suspension = Suspension.objects.get()
    response = client.post(f"/people/{people.member.pk}/suspensions/{suspension.pk}/lift", {"reason": "Appeal upheld"})
    assert response.status_code == 302
    assert "Appeal upheld" in client.get(f"/people/{people.member.pk}/").content.decode()


def test_member_registers_their_own_interest(people, signed_in):
    client = signed_in(people.member)
    response = client.post(f"/people/{people.member.pk}/interests/new",
                           {"category": "land", "description": "Allotment plot 7", "registered_on_0": "31",
                            "registered_on_1": "13", "registered_on_2": "2025"})
    assert response.status_code == 400 and "must be a real date" in response.content.decode()
    response = client.post(f"/people/{people.member.pk}/interests/new",
                           {"category": "land", "description": "Allotment plot 7", "registered_on_0": "3",
                            "registered_on_1": "4", "registered_on_2": "2025"})
    assert response.status_code == 302
    assert "Allotment plot 7" in client.get(f"/people/{people.member.pk}/").content.decode()


def test_audit_filters_and_bad_dates(people, signed_in):
    client = signed_in(people.clerk)
    body = client.get("/audit/?event_type=301").content.decode()
    assert "Representative added" in body and "Policy version loaded</td>" not in body
    response = client.get("/audit/?date_from_0=2&date_from_1=1&date_from_2=2026&date_to_0=1&date_to_1=1&date_to_2=2026")
    assert response.status_code == 400 and "must be the same as or after" in response.content.decode()
    csv_body = b"".join(client.get("/audit/export?event_type=301").streaming_content).decode()
    assert csv_body.splitlines()[0].startswith("council,seq,created_at")
    assert csv_body.count("REPRESENTATIVE_ADDED") == 6


def test_security_headers(client, people):
    response = client.get("/policy", follow=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_error_pages_show_no_internals(client, people, settings):
    response = client.get("/people/999999/")
    assert response.status_code == 302  # anonymous: sign in first
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_public_policy_page_has_an_anchor_per_clause(client, people):
    response = client.get("/policy", follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/councils/stalbridge/policy"
    for clause in people.council.active_policy.clauses.all():
        assert f'id="{clause.clause_id}"' in body
    assert "1 January 2017" in body and "Overdue" in body


def test_clerk_resets_someones_two_factor(people, signed_in):
    import pyotp

    from herald.people.models import TotpDevice

    TotpDevice.objects.create(user=people.chair.user, secret=pyotp.random_base32())
    client = signed_in(people.clerk)
    assert "Reset two-factor sign-in" in client.get(f"/people/{people.chair.pk}/").content.decode()
    response = client.post(f"/people/{people.chair.pk}/two-factor/reset")
    assert response.status_code == 302
    assert not TotpDevice.objects.filter(user=people.chair.user).exists()


def test_an_unexpected_error_shows_a_plain_page_and_no_internals(people, signed_in, monkeypatch):
    from django.test import Client

    import herald.web.views.dashboard as dashboard_view

    def explode(**kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(dashboard_view, "publishing_rights", explode)
    client = Client(raise_request_exception=False)
    client.force_login(people.officer.user)
    response = client.get("/dashboard")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "secret internal detail" not in body and "Traceback" not in body
