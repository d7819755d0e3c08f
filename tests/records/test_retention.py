"""Retention: each record type purged or anonymised at the right time, the skeleton kept, legal holds
respected, the dry run harmless, an interrupted run resumed, a second run idempotent."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from herald.api.models import ApiToken
from herald.api.services import api_token_create, api_token_revoke
from herald.complaints import services as complaint_services
from herald.complaints.models import CaseAction, Complaint
from herald.core import clock
from herald.core.errors import NotAllowed
from herald.people.models import SignInAttempt
from herald.people.services import sign_in_record
from herald.posts import services as post_services
from herald.posts.models import Attachment, Finding, Post, ScreeningRun, Takedown, attachment_storage
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.holds import legal_hold_place, legal_hold_release
from herald.records.models import AuditEvent
from herald.records.retention import retention_report, retention_run
from tests.posts.conftest import acked, make_channel, stubs, travel, worker  # noqa: F401  (fixtures)
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)  # real commits: files go only after them

START = dt.datetime(2026, 1, 5, 10, tzinfo=clock.LONDON)
SECRET = "Mrs Jones of 4 Mill Lane owes rent"


def later(**kwargs) -> dt.datetime:
    from dateutil.relativedelta import relativedelta

    return START + relativedelta(**kwargs)


def png() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 40)).save(data, format="PNG")
    return SimpleUploadedFile("jones-family.png", data.getvalue())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def world(acked, stubs, worker, travel, media):  # noqa: F811
    travel(START)
    return acked


def published(people, worker, text=f"The Hub opens late on Friday. {SECRET}.", image=True):  # noqa: F811
    channel = getattr(people, "_channel", None) or make_channel(people)
    people._channel = channel
    post = draft(people.officer, text, [channel])
    if image:
        post_services.attachment_add(acting_user=people.officer.user, post=post, upload=png(),
                                     alt_text="The Jones family at the Hub", rights="own_work",
                                     depicts_children=False)
    post = post_services.post_submit(acting_user=people.officer.user, post=fresh(post))
    if post.state == "in_review":  # screening sends the personal data to the Clerk, who lets it through
        post_services.post_approve(acting_user=people.clerk.user, post=fresh(post), post_version=post.version)
    worker()
    post = fresh(post)
    assert post.state == "published", post.state
    return post


def removed(people, worker, **kwargs):  # noqa: F811
    post = published(people, worker, **kwargs)
    return post_services.post_take_down(acting_user=people.clerk.user, post=post, reason="Defamatory of a resident")


def files_of(post) -> list[str]:
    return list(Attachment.objects.filter(post=post).exclude(file="").values_list("file", flat=True))


def on_disk(name: str) -> bool:
    return os.path.exists(attachment_storage().path(name))


def run(people, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return retention_run(acting_user=kwargs.pop("acting_user", None), council=people.council, **kwargs)


def events(people, event_type) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(council=people.council, event_type=event_type))


def assert_purged(post):
    post = fresh(post)
    assert post.purged_at is not None and post.text == ""
    assert not ScreeningRun.objects.filter(post=post).exclude(text="").exists()
    assert not Finding.objects.filter(run__post=post).exclude(evidence="").exists()
    assert files_of(post) == []
    return post


def assert_untouched(post):
    post = fresh(post)
    assert post.purged_at is None and SECRET in post.text
    assert ScreeningRun.objects.filter(post=post, text__contains="Mrs Jones").exists()
    return post


# ----- removed posts ------------------------------------------------------------------------------


def test_removed_post_is_purged_13_months_after_removal_keeping_a_skeleton(world, worker, travel,  # noqa: F811
                                                                        django_capture_on_commit_callbacks):
    post = removed(world, worker)
    files = files_of(post)
    assert len(files) == 1 and on_disk(files[0])
    travel(later(months=13, days=-1))
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["removed_posts"] == 0
    assert_untouched(post)
    travel(later(months=13, days=1))
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["removed_posts"] == 1 and result.files_deleted == 1
    post = assert_purged(post)
    assert not on_disk(files[0])
    # The skeleton: who, when, where, and why it was removed.
    assert post.state == "removed" and post.removed_at and post.published_at and post.author == world.officer
    assert [c.name for c in post.channels.all()] == [world._channel.name]
    takedown = Takedown.objects.get(publication__post=post)
    assert takedown.reason == "Defamatory of a resident"
    assert post.publications.get().remote_id
    attachment = Attachment.objects.get(post=post)
    assert attachment.filename == "image" and "Jones" not in attachment.alt_text
    # One audit event, with no trace of the purged words; the chain is intact.
    (event,) = events(world, EventType.RETENTION_POST_PURGED)
    assert event.target_id == str(post.pk) and event.target_label == f"Post {post.pk}"
    assert "Jones" not in str(event.data) and event.data["rule"] == "removed_posts"
    assert audit_verify(council=world.council) is None


def test_history_and_archive_say_the_text_was_removed(world, worker, travel, signed_in,  # noqa: F811
                                                      django_capture_on_commit_callbacks):
    post = removed(world, worker)
    travel(later(months=14))
    run(world, django_capture_on_commit_callbacks)
    client = signed_in(world.clerk)
    page = client.get(f"/posts/{post.pk}/history").content.decode()
    assert "Text removed under the retention rules on" in page and "Mrs Jones" not in page
    assert "Defamatory of a resident" in page  # the removal reason is kept
    archive = client.get("/posts/archive").content.decode()
    assert "text removed under the retention rules" in archive


# ----- rejected posts and drafts ------------------------------------------------------------------


def test_rejected_posts_and_stale_drafts_are_purged_after_their_periods(world, travel,  # noqa: F811
                                                                     django_capture_on_commit_callbacks):
    channel = make_channel(world)
    rejected = draft(world.member, f"Bin day moves to Tuesday. {SECRET}.", [channel])
    post_services.post_submit(acting_user=world.member.user, post=rejected)
    post_services.post_reject(acting_user=world.clerk.user, post=fresh(rejected), reason="Names a resident")
    stale = draft(world.member, f"Half-written. {SECRET}.", [channel])
    travel(later(months=6))
    recent = draft(world.volunteer, f"Fresh draft. {SECRET}.", [channel])

    travel(later(years=1, days=1))
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["stale_drafts"] == 1 and result.done["rejected_posts"] == 0
    assert_purged(stale)
    assert_untouched(recent) and assert_untouched(rejected)

    travel(later(years=2, days=1))
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["rejected_posts"] == 1 and result.done["stale_drafts"] == 1
    assert_purged(rejected) and assert_purged(recent)
    assert fresh(rejected).approvals.get().reason == ""  # the Clerk's reason may quote the text
    assert fresh(rejected).approvals.get().decision == "reject"  # the decision stays


def test_published_posts_are_never_purged(world, worker, travel, django_capture_on_commit_callbacks):  # noqa: F811
    post = published(world, worker)
    travel(later(years=20))
    run(world, django_capture_on_commit_callbacks)
    assert_untouched(post)


# ----- complaint files ----------------------------------------------------------------------------


def closed_complaint(people, travel, post=None):  # noqa: F811
    extra = {"about": "post", "post_id": post.pk} if post else {"about": "other"}
    complaint = complaint_services.complaint_submit(council=people.council, name="Rita Resident",
                                                    email="rita@example.com", phone="07700 900123",
                                                    text=f"Your post says {SECRET}. Untrue.", about_detail="",
                                                    ip_address="203.0.113.7", **extra).complaint
    case = complaint.case
    complaint_services.case_add_note(acting_user=people.clerk.user, case=case, text="Rita rang about Mrs Jones.")
    complaint_services.case_decide(acting_user=people.clerk.user, case=case, outcome="upheld",
                                   reasons="Rita is right about Mrs Jones.", clauses=["tou.3"])
    travel(clock.now() + dt.timedelta(days=40))
    assert complaint_services.cases_close_due() >= 1
    complaint.refresh_from_db()
    complaint.case.refresh_from_db()
    assert complaint.case.status == "closed"
    return complaint


def test_complaint_file_is_anonymised_six_years_after_closure(world, travel,  # noqa: F811
                                                               django_capture_on_commit_callbacks):
    complaint = closed_complaint(world, travel)
    closed_at = complaint.case.closed_at
    travel(closed_at + dt.timedelta(days=6 * 365))  # 6 years less the leap day
    assert run(world, django_capture_on_commit_callbacks).done["complaint_files"] == 0
    travel(closed_at + dt.timedelta(days=6 * 365 + 2))
    assert run(world, django_capture_on_commit_callbacks).done["complaint_files"] == 1
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.anonymised_at is not None
    assert (complaint.name, complaint.email, complaint.phone, complaint.text, complaint.source_ip_hash) == ("",) * 5
    assert not CaseAction.objects.filter(case__complaint=complaint).exclude(text="").exists()
    # The skeleton for statistics: reference, dates, outcome, clauses.
    assert complaint.reference and complaint.received_at and complaint.case.closed_at == closed_at
    assert complaint.case.decision.outcome == "upheld" and complaint.case.decision.clauses == ["tou.3"]
    assert complaint.case.decision.reasons == ""
    (event,) = events(world, EventType.RETENTION_COMPLAINT_ANONYMISED)
    assert "Rita" not in str(event.data) and "rita@" not in str(event.data) and "Jones" not in str(event.data)
    assert audit_verify(council=world.council) is None


def test_open_complaints_are_never_anonymised(world, travel, django_capture_on_commit_callbacks):  # noqa: F811
    complaint = complaint_services.complaint_submit(council=world.council, name="Rita Resident",
                                                    email="rita@example.com", text="Rude.", about="other",
                                                    about_detail="").complaint
    travel(later(years=10))
    run(world, django_capture_on_commit_callbacks)
    assert Complaint.objects.get(pk=complaint.pk).name == "Rita Resident"


# ----- sign-in attempts and API tokens ------------------------------------------------------------


def test_sign_in_attempts_are_deleted_after_90_days(world, travel, django_capture_on_commit_callbacks):  # noqa: F811
    for _ in range(3):
        sign_in_record(email=world.member.user.email, ip_address="203.0.113.9", succeeded=False)
    travel(later(days=60))
    sign_in_record(email=world.member.user.email, ip_address="203.0.113.9", succeeded=True, user=world.member.user)
    travel(later(days=91))
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["sign_in_attempts"] == 3
    assert SignInAttempt.objects.count() == 1
    (event,) = events(world, EventType.RETENTION_SIGN_IN_ATTEMPTS_PURGED)
    assert event.data["count"] == 3 and "203.0.113.9" not in str(event.data) and "@" not in str(event.data)


def test_other_councils_attempts_are_not_ours_to_delete(world, other_people, travel,  # noqa: F811
                                                        django_capture_on_commit_callbacks):
    sign_in_record(email=other_people.member.user.email, ip_address=None, succeeded=False)
    travel(later(days=100))
    assert run(world, django_capture_on_commit_callbacks).done["sign_in_attempts"] == 0
    assert SignInAttempt.objects.count() == 1


def test_revoked_and_expired_api_tokens_are_deleted_a_year_later(world, travel,  # noqa: F811
                                                                 django_capture_on_commit_callbacks):
    revoked, _ = api_token_create(acting_user=world.clerk.user, representative=world.clerk, name="Old script")
    api_token_revoke(acting_user=world.clerk.user, token=revoked)
    active, _ = api_token_create(acting_user=world.clerk.user, representative=world.clerk, name="Live script")
    travel(later(years=1, days=-1))
    assert run(world, django_capture_on_commit_callbacks).done["api_tokens"] == 0
    travel(later(years=1, days=1))
    assert run(world, django_capture_on_commit_callbacks).done["api_tokens"] == 1
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [active.pk]
    (event,) = events(world, EventType.RETENTION_API_TOKEN_PURGED)
    assert event.target_id == str(revoked.pk)


# ----- legal holds --------------------------------------------------------------------------------


def test_a_post_under_an_open_complaints_hold_is_skipped_until_the_case_closes(
        world, worker, travel, django_capture_on_commit_callbacks):  # noqa: F811
    post = published(world, worker)
    complaint = complaint_services.complaint_submit(council=world.council, name="Rita Resident",
                                                    email="rita@example.com", text="Untrue.", about="post",
                                                    post_id=post.pk, about_detail="").complaint
    post = post_services.post_take_down(acting_user=world.clerk.user, post=post, reason="Complaint")
    travel(later(months=14))
    report = retention_report(council=world.council)
    removed_report = next(t for t in report.types if t.rule.key == "removed_posts")
    assert removed_report.due == 0 and removed_report.held_count == 1
    (held,) = removed_report.held
    assert held.label.startswith(f"Post {post.pk} ") and complaint.reference in " ".join(held.reasons)
    result = run(world, django_capture_on_commit_callbacks)
    assert result.held["removed_posts"] == 1 and result.done["removed_posts"] == 0
    assert_untouched(post) and files_of(post)
    # The case is decided and closes: the hold goes, and the next run purges the post.
    complaint_services.case_decide(acting_user=world.clerk.user, case=complaint.case, outcome="not_upheld",
                                   reasons="Fair comment.")
    travel(later(months=15, days=10))
    assert complaint_services.cases_close_due() == 1
    assert run(world, django_capture_on_commit_callbacks).done["removed_posts"] == 1
    assert_purged(post)


@pytest.mark.parametrize("target", ["post", "author", "channel", "publication"])
def test_a_directly_placed_hold_keeps_the_post(world, worker, travel, target,  # noqa: F811
                                               django_capture_on_commit_callbacks):
    post = removed(world, worker)
    other = removed(world, worker, text="Second post, about nothing much.", image=False)
    obj = {"post": post, "author": world.officer, "channel": world._channel,
           "publication": post.publications.get()}[target]
    hold = legal_hold_place(acting_user=world.clerk.user, council=world.council, target=obj,
                            reason="FOI request FOI-2026-0003")
    travel(later(months=14))
    result = run(world, django_capture_on_commit_callbacks)
    assert_untouched(post)
    assert result.held["removed_posts"] == (2 if target in ("author", "channel") else 1)
    assert (fresh(other).purged_at is None) == (target in ("author", "channel"))
    legal_hold_release(acting_user=world.clerk.user, hold=hold, reason="Answered")
    run(world, django_capture_on_commit_callbacks)
    assert_purged(post) and assert_purged(other)


def test_a_hold_on_a_complaint_keeps_its_file(world, travel, django_capture_on_commit_callbacks):  # noqa: F811
    complaint = closed_complaint(world, travel)
    hold = legal_hold_place(acting_user=world.clerk.user, council=world.council, target=complaint,
                            reason="FOI request FOI-2032-0001")
    travel(later(years=7))
    report = retention_report(council=world.council)
    files = next(t for t in report.types if t.rule.key == "complaint_files")
    assert files.due == 0 and files.held_count == 1 and "FOI-2032-0001" in files.held[0].reasons[0]
    assert run(world, django_capture_on_commit_callbacks).held["complaint_files"] == 1
    assert Complaint.objects.get(pk=complaint.pk).name == "Rita Resident"
    legal_hold_release(acting_user=world.clerk.user, hold=hold, reason="Answered")
    assert run(world, django_capture_on_commit_callbacks).done["complaint_files"] == 1


def test_a_hold_placed_after_the_report_is_still_respected(world, worker, travel, monkeypatch,  # noqa: F811
                                                           django_capture_on_commit_callbacks):
    """The hold is checked inside each record's transaction, not from a list made at the start."""
    from herald.records import retention

    post = removed(world, worker)
    travel(later(months=14))
    real = retention.hold_reasons

    def hold_arrives_first(key, obj):
        legal_hold_place(acting_user=world.clerk.user, council=world.council, target=post, reason="FOI request 9")
        return real(key, obj)

    monkeypatch.setattr(retention, "hold_reasons", hold_arrives_first)
    result = run(world, django_capture_on_commit_callbacks)
    assert result.held["removed_posts"] == 1
    assert_untouched(post)


# ----- dry run, interruption, idempotence ---------------------------------------------------------


def snapshot(people):
    return (list(Post.objects.values_list("pk", "text", "purged_at")),
            list(Complaint.objects.values_list("pk", "name", "anonymised_at")),
            SignInAttempt.objects.count(), ApiToken.objects.count(),
            AuditEvent.objects.filter(council=people.council).count(),
            sorted(os.listdir(attachment_storage().path(str(people.council.pk)))))


def test_dry_run_reports_and_changes_nothing(world, worker, travel, django_capture_on_commit_callbacks):  # noqa: F811
    post = removed(world, worker)
    closed_complaint(world, travel)
    sign_in_record(email=world.member.user.email, ip_address=None, succeeded=False)
    travel(later(years=7))
    before = snapshot(world)
    report = run(world, django_capture_on_commit_callbacks, dry_run=True)
    assert snapshot(world) == before
    due = {t.rule.key: t.due for t in report.types}
    assert due == {"complaint_files": 1, "removed_posts": 1, "rejected_posts": 0, "stale_drafts": 0,
                   "api_tokens": 0, "sign_in_attempts": 1}
    removed_report = next(t for t in report.types if t.rule.key == "removed_posts")
    assert removed_report.examples == [f"Post {post.pk} by Olly Officer, removed 5 January 2026"]
    assert report.total_due == 3 and report.total_held == 0


def test_an_interrupted_run_resumes_and_leaves_nothing_half_done(world, worker, travel, monkeypatch,  # noqa: F811
                                                                 django_capture_on_commit_callbacks):
    from herald.records import retention

    posts = [removed(world, worker, text=f"Post {n}. {SECRET}.") for n in range(4)]
    files = {p.pk: files_of(p)[0] for p in posts}
    travel(later(months=14))
    real, calls = retention._purge_post, []

    def crash_on_the_third(post, now):
        calls.append(post.pk)
        purged = real(post, now)  # the database work is done...
        if len(calls) == 3:
            raise RuntimeError("power cut")  # ...and then the process dies before the audit event
        return purged

    monkeypatch.setattr(retention, "_purge_post", crash_on_the_third)
    with pytest.raises(RuntimeError):
        run(world, django_capture_on_commit_callbacks)
    done = [p for p in posts if fresh(p).purged_at is not None]
    assert [p.pk for p in done] == calls[:2]
    for post in posts:
        if post in done:
            assert_purged(post) and not on_disk(files[post.pk])
        else:
            assert_untouched(post) and on_disk(files[post.pk]) and files_of(post) == [files[post.pk]]
    assert len(events(world, EventType.RETENTION_POST_PURGED)) == 2

    monkeypatch.setattr(retention, "_purge_post", real)
    result = run(world, django_capture_on_commit_callbacks)
    assert result.done["removed_posts"] == 2
    for post in posts:
        assert_purged(post) and not on_disk(files[post.pk])
    assert len(events(world, EventType.RETENTION_POST_PURGED)) == 4
    assert os.listdir(attachment_storage().path(str(world.council.pk))) == []
    assert audit_verify(council=world.council) is None


def test_a_file_left_behind_after_the_commit_is_swept_next_time(world, worker, travel, monkeypatch,  # noqa: F811
                                                                django_capture_on_commit_callbacks):
    post = removed(world, worker)
    (name,) = files_of(post)
    travel(later(months=14))
    storage = attachment_storage()

    def disk_full(name):
        raise OSError("disk went away")

    monkeypatch.setattr(storage, "delete", disk_full)
    run(world, django_capture_on_commit_callbacks)  # the post is purged; its file deletion fails (logged)
    assert_purged(post) and on_disk(name)
    monkeypatch.undo()
    travel(later(months=14))
    report = retention_report(council=world.council)
    assert report.orphan_files == 1 and report.total_due == 0
    result = run(world, django_capture_on_commit_callbacks)
    assert result.orphans_deleted == 1 and not on_disk(name)
    assert len(events(world, EventType.RETENTION_FILES_SWEPT)) == 1


def test_a_second_run_does_nothing_more(world, worker, travel, django_capture_on_commit_callbacks):  # noqa: F811
    removed(world, worker)
    closed_complaint(world, travel)
    travel(later(years=7))
    first = run(world, django_capture_on_commit_callbacks)
    assert first.total_done == 2
    before = AuditEvent.objects.filter(council=world.council).count()
    second = run(world, django_capture_on_commit_callbacks)
    assert second.total_done == 0 and second.files_deleted == 0 and second.orphans_deleted == 0
    new = list(AuditEvent.objects.filter(council=world.council, seq__gt=before).values_list("event_type", flat=True))
    assert new == [EventType.RETENTION_RUN_FINISHED]


def test_only_the_councils_own_records_are_touched(world, other_people, worker, travel,  # noqa: F811
                                                   django_capture_on_commit_callbacks):
    post = removed(world, worker)
    travel(later(months=14))
    result = retention_run(acting_user=None, council=other_people.council)
    assert result.total_done == 0
    assert_untouched(post)


def test_only_someone_who_manages_retention_may_run_it(world, other_people):
    with pytest.raises(NotAllowed):
        retention_run(acting_user=world.officer.user, council=world.council)
    with pytest.raises(NotAllowed):
        retention_run(acting_user=other_people.clerk.user, council=world.council)
    assert retention_run(acting_user=world.clerk.user, council=world.council).total_done == 0
