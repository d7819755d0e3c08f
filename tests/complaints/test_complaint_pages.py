"""Complaint pages: the public form, confirmation and status page; the staff cases, case page,
decision, report (and its CSV); the page where the person complained about responds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.complaints import services
from herald.complaints.models import Case, Complaint
from herald.complaints.selectors import NOT_FOUND
from herald.core import clock
from herald.posts.models import Post
from herald.posts.services import post_create_draft
from tests.complaints.conftest import TEXT, submit

pytestmark = pytest.mark.django_db

FORM = {"about": "other", "about_detail": "", "text": TEXT, "name": "Rita Resident", "email": "rita@example.com",
        "phone": "", "confidential": "no", "website": ""}
EVIL = "<script>alert('pwned')</script>"


def _published_post(people):
    post = post_create_draft(acting_user=people.officer.user, council=people.council, author=people.officer,
                             text="The Hub opens late on Friday.", channels=[])
    Post.objects.filter(pk=post.pk).update(published_at=clock.now(), state="published", approved_version=1)
    return post


def test_form_is_public_with_privacy_notice_and_hidden_honeypot(client, people):
    page = client.get("/councils/stalbridge/complaints/new")
    body = page.content.decode()
    assert page.status_code == 200
    assert "How we use your information" in body and "6 years" in body
    assert 'class="govuk-form-group govuk-!-display-none"' in body and 'name="website"' in body
    assert " style=" not in body and "<script>" not in body  # strict CSP: no inline style or script


def test_sending_a_complaint_gives_a_reference(client, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/councils/stalbridge/complaints/new", FORM)
    assert response.status_code == 302 and response["Location"] == "/councils/stalbridge/complaints/sent"
    complaint = Complaint.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page and "Complaint sent" in page
    assert any(complaint.reference in m.subject for m in mail.outbox)
    # The same complaint again: the same reference, no second case, and a clear message.
    response = client.post("/councils/stalbridge/complaints/new", FORM)
    page = client.get(response["Location"]).content.decode()
    assert "We already have this complaint" in page and complaint.reference in page and Case.objects.count() == 1


def test_errors_are_summarised_and_nothing_is_lost(client, people):
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "text": "", "email": "nope",
                                                                   "about": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in body
    assert "Enter your complaint" in body and "Select what your complaint is about" in body
    assert 'value="Rita Resident"' in body and not Complaint.objects.exists()
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "text": "x" * 5001})
    assert response.status_code == 400 and "5,000 characters or fewer" in response.content.decode()
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "email": "still-not-an-email"})
    assert response.status_code == 400 and "correct format" in response.content.decode()


def test_honeypot_and_rate_limit(client, people, settings):
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "website": "http://spam.example"})
    assert response.status_code == 400 and not Complaint.objects.exists()
    settings.HERALD_COMPLAINTS_PER_HOUR = 1
    assert client.post("/councils/stalbridge/complaints/new", FORM).status_code == 302
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "text": "Another one"})
    assert response.status_code == 429 and "try again in an hour" in response.content.decode()


def test_unknown_council_is_a_404(client, people):
    assert client.get("/councils/nowhere/complaints/new").status_code == 404


def test_prefilled_from_a_published_post_but_never_from_a_draft(client, people):
    post = _published_post(people)
    body = client.get(f"/councils/stalbridge/complaints/new?post={post.pk}").content.decode()
    assert 'id="about-post"' in body and "The Hub opens late on Friday." in body
    assert f'name="post" value="{post.pk}"' in body
    draft = post_create_draft(acting_user=people.member.user, council=people.council, author=people.member,
                              text="Secret draft words", channels=[])
    body = client.get(f"/councils/stalbridge/complaints/new?post={draft.pk}").content.decode()
    assert "Secret draft words" not in body and 'id="about-post"' not in body
    assert client.get("/councils/stalbridge/complaints/new?post=abc").status_code == 200
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "about": "post", "post": str(post.pk)})
    assert response.status_code == 302 and Complaint.objects.get().post == post


def test_status_page_shows_only_public_entries_and_escapes_text(client, people):
    complaint = submit(people.council, text=EVIL, name=EVIL).complaint
    services.case_add_note(acting_user=people.clerk.user, case=complaint.case, text="Staff only: ring the ward member",
                           visibility="staff")
    services.case_add_note(acting_user=people.clerk.user, case=complaint.case, text="We are looking at the post.",
                           visibility="public")
    wrong = client.post("/councils/stalbridge/complaints/status", {"reference": complaint.reference,
                                                                    "email": "other@example.com"})
    unknown = client.post("/councils/stalbridge/complaints/status", {"reference": "STC-2026-9999",
                                                                      "email": complaint.email})
    assert wrong.status_code == unknown.status_code == 404
    assert NOT_FOUND.split(":")[0] in wrong.content.decode() and NOT_FOUND.split(":")[0] in unknown.content.decode()
    page = client.post("/councils/stalbridge/complaints/status", {"reference": complaint.reference.lower(),
                                                                   "email": complaint.email.upper()})
    body = page.content.decode()
    assert page.status_code == 200 and "We are looking at the post." in body and "Staff only" not in body
    assert EVIL not in body and "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in body


def test_complainant_asks_for_a_review_on_the_status_page(client, people):
    complaint = submit(people.council).complaint
    services.case_decide(acting_user=people.clerk.user, case=complaint.case, outcome="not_upheld", reasons="No.")
    body = client.post("/councils/stalbridge/complaints/status", {"reference": complaint.reference,
                                                                   "email": complaint.email}).content.decode()
    assert "Ask for a review" in body and "Not upheld" in body
    empty = client.post("/councils/stalbridge/complaints/review", {"reference": complaint.reference,
                                                                    "email": complaint.email, "grounds": ""})
    assert empty.status_code == 400 and "Say why you want the decision reviewed" in empty.content.decode()
    wrong = client.post("/councils/stalbridge/complaints/review", {"reference": complaint.reference,
                                                                    "email": "x@example.com", "grounds": "Why"})
    assert wrong.status_code == 404
    done = client.post("/councils/stalbridge/complaints/review", {"reference": complaint.reference,
                                                                   "email": complaint.email,
                                                                   "grounds": "You did not read my evidence."})
    assert done.status_code == 200 and "Under review" in done.content.decode()
    assert Case.objects.get().appeal.grounds == "You did not read my evidence."


def test_public_channel_page_and_news_page_link_to_the_form(client, people):
    from tests.posts.conftest import make_channel

    channel = make_channel(people, name="Town news", platform="newsfeed")
    body = client.get(f"/councils/stalbridge/channels/{channel.pk}").content.decode()
    assert f'href="/councils/stalbridge/complaints/new?channel={channel.pk}"' in body and "Make a complaint" in body
    assert 'href="/councils/stalbridge/complaints/new"' in client.get("/councils/stalbridge/news").content.decode()
    form = client.get(f"/councils/stalbridge/complaints/new?channel={channel.pk}").content.decode()
    assert f'<option value="{channel.pk}" selected>' in form


def test_cases_list_and_case_page(people, signed_in):
    plain = submit(people.council, text=EVIL).complaint
    about_clerk = submit(people.council, text="The Clerk ignored me.", about_clerk=True).complaint
    clerk = signed_in(people.clerk)
    body = clerk.get("/complaints/").content.decode()
    assert plain.reference in body and about_clerk.reference not in body
    page = clerk.get(f"/complaints/{plain.case.pk}/").content.decode()
    assert EVIL not in page and "&lt;script&gt;" in page and "Decide the complaint" in page
    assert clerk.get(f"/complaints/{about_clerk.case.pk}/").status_code == 404
    chair = signed_in(people.chair)
    body = chair.get("/complaints/").content.decode()
    assert about_clerk.reference in body and plain.reference not in body
    assert signed_in(people.officer).get("/complaints/").status_code == 403


def test_deciding_through_the_page(people, signed_in):
    case = submit(people.council).complaint.case
    clerk = signed_in(people.clerk)
    response = clerk.post(f"/complaints/{case.pk}/decide", {"outcome": "", "reasons": ""})
    assert response.status_code == 400 and "Choose the outcome" in response.content.decode()
    response = clerk.post(f"/complaints/{case.pk}/decide", {"outcome": "upheld", "reasons": "It was wrong.",
                                                             "clauses": ["tou.1"]})
    assert response.status_code == 302
    page = clerk.get(f"/complaints/{case.pk}/").content.decode()
    assert "Upheld" in page and "Remove the post" in page and "tou.1" in page
    response = clerk.post(f"/complaints/{case.pk}/action/suspension", {"reason": "Breach", "until_0": "1",
                                                                      "until_1": "1", "until_2": "2020"})
    assert response.status_code == 400  # not linked to anyone, and the date is past
    assert clerk.get(f"/complaints/{case.pk}/action/nonsense").status_code == 404


def test_report_page_and_csv(people, signed_in, travel):
    travel(dt.datetime(2026, 3, 2, 10, tzinfo=clock.LONDON))
    case = submit(people.council, about="representative", about_detail="=HYPERLINK(\"x\")").complaint.case
    services.case_decide(acting_user=people.clerk.user, case=case, outcome="upheld", reasons="=cmd|' /C calc'!A0")
    travel(dt.datetime(2026, 3, 10, 10, tzinfo=clock.LONDON))
    clerk = signed_in(people.clerk)
    page = clerk.get("/complaints/report").content.decode()
    assert case.complaint.reference in page and "Rita" not in page and "1 complaint settled" in page
    query = "date_from_0=1&date_from_1=3&date_from_2=2026&date_to_0=9&date_to_1=3&date_to_2=2026"
    response = clerk.get(f"/complaints/report?{query}&format=csv")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv") and case.complaint.reference in text
    assert "Rita" not in text and "rita@example.com" not in text
    empty = clerk.get("/complaints/report?date_from_0=1&date_from_1=1&date_from_2=2020"
                      "&date_to_0=2&date_to_1=1&date_to_2=2020").content.decode()
    assert "0 complaints settled" in empty
    bad = clerk.get("/complaints/report?date_from_0=9&date_from_1=3&date_from_2=2026"
                    "&date_to_0=1&date_to_1=3&date_to_2=2026")
    assert bad.status_code == 400 and "must be the same as or after" in bad.content.decode()


def test_report_csv_cells_cannot_run_formulas(people, signed_in):
    from herald.web.views.complaints import _csv_safe

    assert _csv_safe("=1+1") == "'=1+1" and _csv_safe("@SUM(A1)") == "'@SUM(A1)" and _csv_safe("Upheld") == "Upheld"


def test_dashboard_shows_overdue_complaints(people, signed_in, travel):
    travel(dt.datetime(2026, 3, 2, 10, tzinfo=clock.LONDON))
    submit(people.council)
    travel(dt.datetime(2026, 3, 20, 10, tzinfo=clock.LONDON))
    body = signed_in(people.clerk).get("/dashboard").content.decode()
    assert "1 open complaint" in body and "1 overdue" in body
    assert "open complaint" not in signed_in(people.officer).get("/dashboard").content.decode()


def test_the_person_complained_about_responds_on_their_page(people, signed_in):
    case = submit(people.council, about="representative", about_detail="Cllr Second", confidential=True).complaint.case
    member = signed_in(people.member2)
    assert member.get(f"/complaints/{case.pk}/respond").status_code == 404  # not linked, not told
    services.case_route(acting_user=people.clerk.user, case=case, route="standard", representative=people.member2)
    services.case_tell_subject(acting_user=people.clerk.user, case=case, message="Please respond.")
    page = member.get(f"/complaints/{case.pk}/respond")
    body = page.content.decode()
    assert page.status_code == 200 and TEXT in body and "Rita" not in body and "confidential" in body
    assert member.get(f"/complaints/{case.pk}/").status_code == 404  # they never see the case itself
    response = member.post(f"/complaints/{case.pk}/respond", {"text": "I apologise."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.subject_responded_at is not None
    assert signed_in(people.member).get(f"/complaints/{case.pk}/respond").status_code == 404


def test_a_huge_post_is_refused_without_a_server_error(client, people):
    response = client.post("/councils/stalbridge/complaints/new", {**FORM, "text": "x" * 3_000_000})
    assert response.status_code == 400 and not Complaint.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_public_channel_page_lists_its_posts_with_a_complaint_link(client, published, acked):
    from herald.posts.models import Publication
    from herald.posts.services import post_take_down

    pub = Publication.objects.get(post=published)
    page = client.get(f"/councils/stalbridge/channels/{pub.channel_id}").content.decode()
    assert "Recent posts" in page and "The Hub opens late on Friday for the quiz night." in page
    assert f"/councils/stalbridge/complaints/new?post={published.pk}" in page and pub.url in page
    post_take_down(acting_user=acked.clerk.user, post=published, reason="Out of date")
    page = client.get(f"/councils/stalbridge/channels/{pub.channel_id}").content.decode()
    assert "quiz night" not in page and "Recent posts" not in page
    # The complaint form still takes a complaint about it, without showing its words again.
    form = client.get(f"/councils/stalbridge/complaints/new?post={published.pk}").content.decode()
    assert "quiz night" not in form and "has since taken this post down" in form
