"""The Clerk's policy pages: overview, upload with line-precise errors, the comparison, adopting,
review items; the version page every representative can read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from herald.policy.models import PolicyReviewItem, PolicyVersion
from herald.policy.services import policy_review_item_create
from tests.policy.helpers import new_version_text

pytestmark = pytest.mark.django_db
EVIL = "<script>alert('pwned')</script>"


def adopt_form(text, **extra):
    data = {"text": text, "expected_version": "1", "adopted_on_0": "10", "adopted_on_1": "11", "adopted_on_2": "2026",
            "minute_reference": "Minute 26/112", "decision": "", "review_due_0": "", "review_due_1": "",
            "review_due_2": ""}
    data.update(extra)
    return data


def test_overview_shows_status_items_and_history(people, signed_in):
    policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"],
                              notes="Look again")
    body = signed_in(people.clerk).get("/policy/review/").content.decode()
    assert "Policy review" in body and "Overdue" in body and "1 January 2017" in body
    assert 'id="policy-review-items"' in body and "tou.3" in body and "Raised by the Clerk" in body
    assert 'id="policy-versions"' in body and "Version 1" in body and "In force" in body
    assert " style=" not in body and "<script>" not in body


def test_the_nav_policy_link_goes_to_the_review_area_for_the_clerk_only(people, signed_in):
    assert 'href="/policy/review/">Policy</a>' in signed_in(people.clerk).get("/dashboard").content.decode()
    body = signed_in(people.member).get("/dashboard").content.decode()
    assert 'href="/councils/stalbridge/policy">Policy</a>' in body


def test_upload_with_a_bad_line_shows_the_parser_error_on_the_form(people, signed_in):
    text = new_version_text().replace("review_interval_months: 24", "review_interval_months: lots")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "review_interval_months" in row)
    response = signed_in(people.clerk).post("/policy/review/adopt", {"text": text})
    body = response.content.decode()
    assert response.status_code == 400
    assert f"Line {line}: review_interval_months must be a whole number" in body
    assert "govuk-error-summary" in body and 'href="#id_text"' in body
    assert PolicyVersion.objects.filter(council=people.council).count() == 1


def test_empty_upload_and_non_utf8_file_are_refused(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/policy/review/adopt", {"text": "  "})
    assert response.status_code == 400 and "Paste the policy YAML or choose a file" in response.content.decode()
    bad = SimpleUploadedFile("policy.yaml", b"\xff\xfe\x00bad", content_type="text/yaml")
    response = client.post("/policy/review/adopt", {"file": bad, "text": ""})
    assert response.status_code == 400 and "must be UTF-8 text" in response.content.decode()


def test_upload_shows_the_clause_by_clause_difference(people, signed_in):
    file = SimpleUploadedFile("policy.yaml", new_version_text().encode(), content_type="text/yaml")
    response = signed_in(people.clerk).post("/policy/review/adopt", {"file": file, "text": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Clauses: 1 changed, 1 added, 1 removed, 30 unchanged; settings changed: review_interval_months." in body
    assert 'id="change-tou.3"' in body and 'id="change-review.minutes"' in body and 'id="change-scope.discuss"' in body
    # Word-level changes are marked with <del>/<ins> and words a screen reader reads, not colour alone.
    hidden = '<span class="govuk-visually-hidden">'
    assert f'<del>{hidden}[removed: </span>not {hidden}]</span></del>' in body
    assert f'<ins>{hidden}[added: </span>never {hidden}]</span></ins>' in body
    assert ">Changed</strong>" in body and ">Added</strong>" in body and ">Removed</strong>" in body
    assert "review_interval_months" in body  # settings changed
    assert PolicyVersion.objects.filter(council=people.council).count() == 1  # nothing saved yet


def test_the_same_document_says_there_is_nothing_to_adopt(people, signed_in):
    body = signed_in(people.clerk).post("/policy/review/adopt",
                                        {"text": people.council.active_policy.source_yaml}).content.decode()
    assert 'id="same-as-current"' in body and "Adopt this version" not in body


def test_adopting_from_the_confirm_page(people, signed_in):
    item = policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"],
                                     notes="Look again")
    client = signed_in(people.clerk)
    response = client.post("/policy/review/adopt/confirm", adopt_form(new_version_text(), close_items=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/policy/review/versions/2"
    version = PolicyVersion.objects.get(council=people.council, number=2)
    assert version.minute_reference == "Minute 26/112" and version.adopted_by == people.clerk.user
    item.refresh_from_db()
    assert item.closed_by_version == version
    page = client.get("/policy/review/versions/2").content.decode()
    assert "Version 2 is adopted" in page and "Minute 26/112" in page and "since version 1" in page


def test_confirm_errors_keep_the_comparison_and_save_nothing(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/policy/review/adopt/confirm",
                           adopt_form(new_version_text(), minute_reference="", adopted_on_0="31", adopted_on_1="2"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter the minute reference" in body and "must be a real date" in body
    assert 'id="policy-diff"' in body and 'name="text"' in body
    future = client.post("/policy/review/adopt/confirm", adopt_form(new_version_text(), adopted_on_2="2099"))
    assert future.status_code == 400 and "today or in the past" in future.content.decode()
    assert PolicyVersion.objects.filter(council=people.council).count() == 1


def test_confirm_with_a_broken_document_goes_back_to_the_upload(people, signed_in):
    response = signed_in(people.clerk).post("/policy/review/adopt/confirm", adopt_form("schema: ["))
    assert response.status_code == 400 and "Line 1: this is not valid YAML" in response.content.decode()


def test_a_stale_comparison_is_refused_on_the_page(people, signed_in):
    client = signed_in(people.clerk)
    assert client.post("/policy/review/adopt/confirm", adopt_form(new_version_text())).status_code == 302
    again = client.post("/policy/review/adopt/confirm",
                        adopt_form(new_version_text().replace("Each review", "Every review")))
    assert again.status_code == 400 and "Compare again" in again.content.decode()
    assert PolicyVersion.objects.filter(council=people.council).count() == 2


def test_confirm_without_a_document_goes_back(people, signed_in):
    client = signed_in(people.clerk)
    assert client.get("/policy/review/adopt/confirm")["Location"] == "/policy/review/adopt"
    assert client.post("/policy/review/adopt/confirm", {})["Location"] == "/policy/review/adopt"


def test_review_item_pages(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/policy/review/items/new", {"notes": "", "clauses": []})
    assert response.status_code == 400 and "Say what the review should look at" in response.content.decode()
    response = client.post("/policy/review/items/new", {"notes": EVIL, "clauses": ["tou.3"]})
    item = PolicyReviewItem.objects.get(council=people.council)
    assert response["Location"] == f"/policy/review/items/{item.pk}/"
    body = client.get(f"/policy/review/items/{item.pk}/").content.decode()
    assert "&lt;script&gt;" in body and EVIL not in body and "Close with an outcome" in body
    response = client.post(f"/policy/review/items/{item.pk}/", {"notes": "Changed notes", "clauses": ["tou.1"]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.clauses == ["tou.1"] and item.notes == "Changed notes"
    assert client.post(f"/policy/review/items/{item.pk}/close", {"outcome": ""}).status_code == 400
    assert client.post(f"/policy/review/items/{item.pk}/close", {"outcome": "No change needed"}).status_code == 302
    body = client.get(f"/policy/review/items/{item.pk}/").content.decode()
    assert "No change needed" in body and "Close with an outcome" not in body
    assert client.get(f"/policy/review/items/{item.pk}/close")["Location"] == f"/policy/review/items/{item.pk}/"


def test_unknown_clauses_are_refused_on_the_item_form(people, signed_in):
    response = signed_in(people.clerk).post("/policy/review/items/new", {"notes": "x", "clauses": ["nope.1"]})
    assert response.status_code == 400 and not PolicyReviewItem.objects.exists()


def test_another_councils_items_and_versions_are_not_found(people, other_people, signed_in):
    theirs = policy_review_item_create(acting_user=other_people.clerk.user, council=other_people.council,
                                       clauses=[], notes="Theirs")
    client = signed_in(people.clerk)
    assert client.get(f"/policy/review/items/{theirs.pk}/").status_code == 404
    assert client.post(f"/policy/review/items/{theirs.pk}/close", {"outcome": "x"}).status_code == 404
    assert client.get("/policy/review/versions/99").status_code == 404
    theirs.refresh_from_db()
    assert theirs.closed_at is None


def test_members_read_the_version_page_and_are_asked_to_acknowledge(people, signed_in):
    signed_in(people.clerk).post("/policy/review/adopt/confirm", adopt_form(new_version_text()))
    client = signed_in(people.member)
    dashboard = client.get("/dashboard").content.decode()
    assert 'id="acknowledge-policy"' in dashboard and "see what changed in version 2" in dashboard
    page = client.get("/policy/review/versions/2")
    assert page.status_code == 200 and "tou.3" in page.content.decode()
    yaml = client.get("/policy/review/versions/2/yaml")
    assert yaml["Content-Type"].startswith("text/yaml") and b"review.minutes" in yaml.content
    assert client.get("/policy/review/").status_code == 403
    client.post("/policy/acknowledge")
    assert 'id="acknowledge-policy"' not in client.get("/dashboard").content.decode()


def test_complaints_review_list_links_to_the_policy_area(people, signed_in):
    body = signed_in(people.clerk).get("/complaints/policy-review").content.decode()
    assert 'href="/policy/review/"' in body
