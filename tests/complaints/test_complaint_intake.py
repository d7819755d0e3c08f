"""The public complaint: reference, acknowledgement, routing, deadlines in working days, bad input,
duplicates and spam protection."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.complaints.access import access_case_by_id
from herald.complaints.models import Case, Complaint, Handler
from herald.complaints.selectors import NOT_FOUND, complaint_lookup, overdue_reasons
from herald.channels.models import Channel
from herald.complaints.services.intake import post_from_link, reference_prefix
from herald.core import clock
from herald.core.errors import NotAllowed, NotFound, ValidationFailed
from herald.policy.services import SEED_POLICY, policy_load
from herald.posts.models import Publication
from herald.posts.services import post_create_draft
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.complaints.conftest import IP, TEXT, submit

pytestmark = pytest.mark.django_db

LONDON = clock.LONDON


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def test_reference_acknowledgement_and_handler_email(people, travel, django_capture_on_commit_callbacks):
    travel(at(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(people.council)
        second = submit(people.council, text="Another complaint entirely.")
    assert first.created and first.complaint.reference == "STC-2026-0001"
    assert second.complaint.reference == "STC-2026-0002"
    to_resident = [m for m in mail.outbox if m.to == ["rita@example.com"]]
    assert len(to_resident) == 2 and "STC-2026-0001" in to_resident[0].subject
    assert "STC-2026-0001" in to_resident[0].body and "/councils/stalbridge/complaints/status" in to_resident[0].body
    assert [m.to for m in mail.outbox if m.subject.startswith("New complaint")] == [[people.clerk.official_email]] * 2
    event = AuditEvent.objects.get(event_type=EventType.COMPLAINT_RECEIVED, target_id=str(first.complaint.pk))
    assert event.actor is None and event.actor_label == "Member of the public (complaint form)"
    assert "rita" not in str(event.data)  # no personal data in the audit trail


def test_reference_prefix_comes_from_the_council_name(people, other_people):
    assert reference_prefix(people.council) == "STC"
    assert reference_prefix(other_people.council) == "MPC"
    assert submit(other_people.council).complaint.reference.startswith("MPC-")


def test_deadlines_are_working_days_from_the_policy_across_a_bank_holiday(people, travel):
    # Wednesday 26 August 2026; Monday 31 August is the summer bank holiday in England.
    travel(at(2026, 8, 26))
    case = submit(people.council).complaint.case
    assert case.acknowledge_by == dt.date(2026, 9, 3)  # 5 working days, skipping the weekend and 31 August
    assert case.respond_by == dt.date(2026, 9, 24)  # 20 working days
    assert overdue_reasons(case, dt.date(2026, 9, 3)) == []
    assert overdue_reasons(case, dt.date(2026, 9, 4)) == ["not acknowledged by 3 September 2026"]


def test_deadlines_follow_the_council_policy_settings(people, travel):
    text = SEED_POLICY.read_text().replace("respond_working_days: 20", "respond_working_days: 10")
    policy_load(acting_user=None, council=people.council, text=text, source="changed.yaml")
    travel(at(2026, 8, 26))
    assert submit(people.council).complaint.case.respond_by == dt.date(2026, 9, 10)


def test_routed_to_the_clerk_by_default_and_to_the_chair_when_about_the_clerk(people):
    plain = submit(people.council).complaint.case
    assert plain.handler == Handler.CLERK and plain.assigned_to == people.clerk
    flagged = submit(people.council, text="The Clerk was rude to me on Facebook.", about="representative",
                     about_detail="The Town Clerk", about_clerk=True).complaint.case
    assert flagged.handler == Handler.CHAIR and flagged.assigned_to == people.chair
    # The Clerk never sees a case about the Clerk; the Chair does, and not the Clerk's own cases.
    with pytest.raises(NotFound):
        access_case_by_id(people.clerk.user, flagged.pk)
    assert access_case_by_id(people.chair.user, flagged.pk) == flagged
    with pytest.raises(NotFound):
        access_case_by_id(people.chair.user, plain.pk)
    assert access_case_by_id(people.clerk.user, plain.pk) == plain


def test_a_post_by_the_clerk_goes_to_the_chair(people, travel, django_capture_on_commit_callbacks):
    from herald.posts.models import Post

    post = post_create_draft(acting_user=people.clerk.user, council=people.council, author=people.clerk,
                             text="Council news", channels=[])
    Post.objects.filter(pk=post.pk).update(published_at=clock.now())  # as if published
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(people.council, about="post", post_id=post.pk).complaint.case
    assert case.handler == Handler.CHAIR and case.assigned_to == people.chair
    assert [m.to for m in mail.outbox if m.subject.startswith("New complaint")] == [[people.chair.official_email]]


@pytest.mark.parametrize("overrides, field, message", [
    ({"text": "   "}, "text", "Enter your complaint"),
    ({"text": "x" * 5001}, "text", "5,000 characters or fewer (it is 5,001)"),
    ({"name": ""}, "name", "Enter your name"),
    ({"name": "n" * 201}, "name", "200 characters or fewer"),
    ({"email": "not-an-email"}, "email", "correct format"),
    ({"phone": "call me maybe"}, "phone", "Enter a telephone number"),
    ({"about": "weather"}, "about", "Select what your complaint is about"),
    ({"about": "post"}, "about_detail", "Tell us which post"),
    ({"about": "post", "post_id": 999999}, "about_detail", "could not find that post"),
    ({"about": "post", "post_id": "1 OR 1=1"}, "about_detail", "could not find that post"),
    ({"about": "channel", "channel_id": 999999}, "channel", "Select the channel"),
    ({"about": "representative"}, "about_detail", "Tell us who"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(people, overrides, field, message):
    with pytest.raises(ValidationFailed) as caught:
        submit(people.council, **overrides)
    assert caught.value.field == field and message in caught.value.message
    assert not Complaint.objects.exists() and not Case.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.COMPLAINT_RECEIVED).exists()


def test_a_draft_post_cannot_be_complained_about_by_number(people):
    post = post_create_draft(acting_user=people.member.user, council=people.council, author=people.member,
                             text="A private draft", channels=[])
    with pytest.raises(ValidationFailed, match="could not find that post"):
        submit(people.council, about="post", post_id=post.pk)


@pytest.mark.django_db(transaction=True)
def test_a_pasted_link_to_a_published_post_links_the_complaint_to_it(published, other_people):
    pub = Publication.objects.get(post=published)
    complaint = submit(published.council, about="post", about_detail=f"I saw this: {pub.url}.").complaint
    assert complaint.post_id == published.pk
    assert post_from_link(council=published.council, text=f"{pub.url}/?utm_source=share#top") == published
    # As Bluesky records it: an at:// address, or a web address naming the account by handle or DID.
    Publication.objects.filter(pk=pub.pk).update(remote_id="at://did:plc:abc123/app.bsky.feed.post/3kxyz")
    Channel.objects.filter(pk=pub.channel_id).update(handle="stalbridge.example")
    for link in ("(at://did:plc:abc123/app.bsky.feed.post/3kxyz)","https://bsky.app/profile/stalbridge.example/post/3kxyz",
                 "https://bsky.app/profile/did:plc:abc123/post/3kxyz"):
        assert post_from_link(council=published.council, text=f"see {link}") == published, link
    assert post_from_link(council=published.council, text="https://bsky.app/profile/someone.else/post/3kxyz") is None
    assert post_from_link(council=other_people.council, text=pub.url) is None  # another council's post
    # An unknown link or a description still makes a complaint, just not linked to a post.
    complaint = submit(published.council, about="post", about_detail="https://example.com/x and on Tuesday",
                       text="Something else.").complaint
    assert complaint.post_id is None and complaint.about_detail == "https://example.com/x and on Tuesday"


def test_script_injection_is_stored_as_text(people):
    evil = "<script>alert('x')</script> & \x00 {{ 7*7 }}"
    complaint = submit(people.council, text=evil, name="<b>Bob</b>").complaint
    assert complaint.text == "<script>alert('x')</script> &  {{ 7*7 }}" and complaint.name == "<b>Bob</b>"


def test_the_same_complaint_sent_twice_keeps_one_case(people, travel, django_capture_on_commit_callbacks):
    travel(at(2026, 3, 2))
    first = submit(people.council)
    with django_capture_on_commit_callbacks(execute=True):
        again = submit(people.council, text="  " + TEXT.upper().replace(" ", "  ") + "\n", email="RITA@example.com")
    assert not again.created and again.complaint == first.complaint
    assert Case.objects.count() == 1 and len(mail.outbox) == 0
    assert AuditEvent.objects.filter(event_type=EventType.COMPLAINT_RECEIVED).count() == 1
    travel(at(2026, 3, 3, 11))  # more than a day later: a new complaint
    later = submit(people.council)
    assert later.created and later.complaint.reference == "STC-2026-0002"


def test_the_honeypot_refuses_robots(people):
    with pytest.raises(ValidationFailed, match="could not be sent"):
        submit(people.council, honeypot="http://spam.example")
    assert not Complaint.objects.exists()


def test_rate_limit_per_address(people, settings, travel):
    settings.HERALD_COMPLAINTS_PER_HOUR = 2
    travel(at(2026, 3, 2, 10))
    submit(people.council, text="one")
    submit(people.council, text="two")
    with pytest.raises(NotAllowed, match="try again in an hour"):
        submit(people.council, text="three")
    assert submit(people.council, text="three", ip_address="198.51.100.1").created  # another address
    travel(at(2026, 3, 2, 11) + dt.timedelta(minutes=1))
    assert submit(people.council, text="four").created  # an hour later
    assert all(len(c.source_ip_hash) == 64 and IP not in c.source_ip_hash for c in Complaint.objects.all())


def test_lookup_gives_the_same_answer_for_a_wrong_reference_or_a_wrong_email(people, other_people):
    complaint = submit(people.council).complaint
    assert complaint_lookup(council=people.council, reference=" stc-2026-0001 ".lower(),
                            email="Rita@Example.com") == complaint
    messages = []
    for council, reference, email in [(people.council, complaint.reference, "someone@example.com"),
                                      (people.council, "STC-2026-9999", complaint.email),
                                      (other_people.council, complaint.reference, complaint.email),
                                      (people.council, "", ""), (people.council, "x" * 500, complaint.email)]:
        with pytest.raises(NotFound) as caught:
            complaint_lookup(council=council, reference=reference, email=email)
        messages.append(caught.value.message)
    assert set(messages) == {NOT_FOUND}
