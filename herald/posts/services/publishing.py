"""Publication (run by background tasks) and takedown.

Every publication carries the idempotency key `publication-<pk>`: the connector returns the
existing post when a key was used before, so a retry after a timeout or a crashed worker never
posts twice. The platform is called outside any database transaction; the attempt is recorded
before the call (state `publishing`) and its outcome after. A watchdog task, enqueued with each
attempt, resumes a publication whose worker died mid-call once the lease has passed.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q

from herald.channels.connect import connector_for
from herald.channels.models import Channel
from herald.connectors.base import RemoteRef
from herald.connectors.errors import ConnectorError
from herald.connectors.errors import NotFound as RemoteNotFound
from herald.core import clock
from herald.core.errors import Conflict, HeraldError, NotAllowed, ValidationFailed
from herald.people.access import require_capability
from herald.people.capabilities import Capability
from herald.people.selectors import publishing_rights
from herald.posts import notify
from herald.posts.models import Post, Publication, PublicationAttempt, PublicationState, State, Takedown
from herald.posts.services.attachments import publishable_for
from herald.posts.services.common import channel_problem, lock, period_closing
from herald.records.audit import audit_record
from herald.records.events import EventType

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE_SECONDS = 60  # 1, 2, 4, 8 minutes between attempts
LEASE = dt.timedelta(minutes=10)  # a publication "publishing" for longer is resumed (its worker died)
LAPSE = dt.timedelta(hours=24)  # an approved post not even tried this long after its time: approval lapses
OPEN = (PublicationState.PENDING, PublicationState.PUBLISHING, PublicationState.HELD)


def enqueue_publication(publication_id: int, *, at: dt.datetime | None = None) -> None:
    """Run the publication task after the current transaction commits (at `at`, or now)."""
    from herald.posts.tasks import publication_run

    def enqueue() -> None:
        task = publication_run if at is None or at <= clock.now() else publication_run.using(run_after=at)
        task.enqueue(publication_id)

    transaction.on_commit(enqueue)


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def refresh_post_state(post: Post) -> None:
    pubs = list(post.publications.all())
    states = {p.state for p in pubs}
    published = [p.published_at for p in pubs if p.published_at]
    if post.removed_at:
        state = State.REMOVED
    elif states & set(OPEN):
        state = State.SCHEDULED
    elif PublicationState.PUBLISHED in states:
        state = State.PUBLISHED
    elif PublicationState.FAILED in states:
        state = State.FAILED
    else:
        state = post.state
    post.state = state
    post.published_at = min(published) if published else None
    post.save(update_fields=["state", "published_at"])


def _problem(pub: Publication) -> str:
    post, channel = pub.post, Channel.objects.get(pk=pub.channel_id)
    if post.approved_version != post.version:
        return "The post changed after it was approved."
    rights = publishing_rights(representative=post.author)
    if not rights.active:
        return f"{post.author.name}'s publishing rights: {rights.label[:1].lower()}{rights.label[1:]}."
    return channel_problem(post.author, [channel])


def _fail(pub: Publication, *, code: str, message: str) -> None:
    now = clock.now()
    pub.state, pub.last_error_code, pub.last_error_message, pub.updated_at = PublicationState.FAILED, code, \
        message, now
    pub.save(update_fields=["state", "last_error_code", "last_error_message", "updated_at"])
    refresh_post_state(pub.post)
    audit_record(council=pub.council, actor=None, event_type=EventType.PUBLICATION_FAILED, target=pub.post,
                 data={"publication": pub.pk, "channel": pub.channel_id, "code": code, "message": message,
                       "attempts": pub.attempts})
    lines = [f"It could not be published on {pub.channel.name}: {message}", "The post and its history are kept."]
    notify.tell_author(pub.post, "Your post could not be published", lines)
    notify.tell_clerk(pub.post, "A post could not be published", lines)


def _lapse(post: Post, now: dt.datetime) -> bool:
    """The post's time passed long ago and nothing was tried (workers were down): its approval
    lapses, so stale news is never published late. The author chooses a new time and submits again."""
    post = lock(post)
    pubs = list(post.publications.select_for_update())
    if any(p.attempts or p.state != PublicationState.PENDING for p in pubs):
        return False
    due = min(p.not_before for p in pubs)
    for p in pubs:
        p.delete()
    post.state, post.approved_version, post.updated_at = State.DRAFT, None, now
    post.save(update_fields=["state", "approved_version", "updated_at"])
    audit_record(council=post.council, actor=None, event_type=EventType.POST_APPROVAL_LAPSED, target=post,
                 data={"due": due, "version": post.version})
    notify.tell_author(post, "Your post was not published: its approval lapsed", [
        f"It was due at {clock.format_datetime(due)} but could not be published in time.",
        "It is a draft again: choose a new time and submit it again."])
    return True


def publication_attempt(*, publication_id: int) -> str:
    """Publish one publication if it is due. Returns what happened: published, retry, failed,
    refused, held, not_due, busy, done or missing. Safe to call any number of times."""
    now = clock.now()
    with transaction.atomic():
        post_id = Publication.objects.filter(pk=publication_id).values_list("post_id", flat=True).first()
        if post_id is None:
            return "missing"
        # Lock order everywhere: the post, then its publications.
        list(Post.objects.select_for_update().filter(pk=post_id))
        pub = (Publication.objects.select_for_update().select_related("post", "post__author", "post__council")
               .filter(pk=publication_id).first())
        if pub is None:
            return "missing"
        if pub.state not in OPEN:
            return "done"
        if pub.state == PublicationState.PUBLISHING and pub.updated_at + LEASE > now:
            return "busy"
        if pub.not_before > now:
            return "not_due"
        if pub.state == PublicationState.PENDING and not pub.attempts and now > pub.not_before + LAPSE:
            if _lapse(pub.post, now):
                return "lapsed"
        post, channel = pub.post, Channel.objects.select_related("council").get(pk=pub.channel_id)
        problem = _problem(pub)
        if problem:
            _fail(pub, code="refused", message=problem)
            return "refused"
        period = period_closing(post, [channel], now)
        if period is not None:
            first = pub.state != PublicationState.HELD
            pub.state, pub.held_until, pub.not_before, pub.updated_at = PublicationState.HELD, period.ends_at, \
                period.ends_at, now
            pub.save(update_fields=["state", "held_until", "not_before", "updated_at"])
            enqueue_publication(pub.pk, at=period.ends_at)
            if first:
                refresh_post_state(post)
                audit_record(council=pub.council, actor=None, event_type=EventType.PUBLICATION_HELD, target=post,
                             data={"publication": pub.pk, "channel": channel.pk, "until": period.ends_at})
                from herald.posts.services.common import period_message

                notify.tell_author(post, "Your post is held for the pre-election period", [
                    f"It was due on {channel.name}, but {period_message(period)}",
                    "It is not lost: it will be published automatically when the period ends."])
            return "held"
        pub.attempt_log.filter(finished_at__isnull=True).update(finished_at=now, outcome="interrupted")
        pub.state, pub.attempts, pub.updated_at = PublicationState.PUBLISHING, pub.attempts + 1, now
        pub.save(update_fields=["state", "attempts", "updated_at"])
        attempt = PublicationAttempt.objects.create(publication=pub, number=pub.attempts, started_at=now)
        enqueue_publication(pub.pk, at=now + LEASE)  # the watchdog: resumes if this worker dies mid-call

    ref, error = None, None
    try:
        with connector_for(channel) as connector:
            ref = connector.publish(publishable_for(post, connector), idempotency_key=pub.idempotency_key)
    except ConnectorError as exc:
        error = exc
    except HeraldError as exc:  # e.g. the channel has no credentials
        error = ConnectorError(exc.message, retryable=False)

    with transaction.atomic():
        pub = Publication.objects.select_for_update().select_related("post", "post__author").get(pk=pub.pk)
        finished = clock.now()
        attempt.finished_at = finished
        if error is None:
            attempt.outcome = "replayed" if ref.replayed else "published"
            attempt.save(update_fields=["finished_at", "outcome"])
            pub.state, pub.remote_id, pub.url = PublicationState.PUBLISHED, ref.remote_id, (ref.url or "")[:500]
            pub.published_at, pub.updated_at, pub.last_error_code, pub.last_error_message = finished, finished, "", ""
            pub.save(update_fields=["state", "remote_id", "url", "published_at", "updated_at", "last_error_code",
                                    "last_error_message"])
            refresh_post_state(pub.post)
            audit_record(council=pub.council, actor=None, event_type=EventType.PUBLICATION_PUBLISHED, target=pub.post,
                         data={"publication": pub.pk, "channel": pub.channel_id, "remote_id": pub.remote_id,
                               "url": pub.url, "attempt": attempt.number, "replayed": ref.replayed})
            notify.tell_author(pub.post, "Your post is published",
                               [f"It is on {channel.name}: {pub.url or 'published'}"])
            return "published"
        attempt.outcome, attempt.error_code, attempt.error_message, attempt.retryable = "error", error.code, \
            error.message, error.retryable
        attempt.save(update_fields=["finished_at", "outcome", "error_code", "error_message", "retryable"])
        if error.retryable and pub.attempts < MAX_ATTEMPTS:
            pub.state, pub.not_before, pub.updated_at = PublicationState.PENDING, finished + backoff(pub.attempts), \
                finished
            pub.last_error_code, pub.last_error_message = error.code, error.message
            pub.save(update_fields=["state", "not_before", "updated_at", "last_error_code", "last_error_message"])
            enqueue_publication(pub.pk, at=pub.not_before)
            return "retry"
        _fail(pub, code=error.code, message=error.message)
        return "failed"


def publications_resume() -> int:
    """Enqueue a task for every open publication that is due (or whose worker died), in case its
    task was lost (a worker killed before it committed anything). Safe to run at any time: the
    task does nothing for a publication that is not due, is busy or is finished. For `herald nightly`."""
    now = clock.now()
    due = Publication.objects.filter(
        Q(state__in=[PublicationState.PENDING, PublicationState.HELD], not_before__lte=now)
        | Q(state=PublicationState.PUBLISHING, updated_at__lte=now - LEASE)).values_list("pk", flat=True)
    count = 0
    with transaction.atomic():
        for pk in due:
            enqueue_publication(pk)
            count += 1
    return count


def post_take_down(*, acting_user, post: Post, reason: str) -> Post:
    """The Clerk removes a post from its platforms (connector delete), with a reason. Publications
    not yet made are withdrawn. The archive keeps everything; the author is told."""
    rep = require_capability(acting_user, Capability.TAKE_DOWN_POSTS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter the reason for taking the post down. The author is shown it.", field="reason")
    with transaction.atomic():
        post = lock(post)
        if rep.council_id != post.council_id:
            raise NotAllowed("You do not have permission to do this.")
        if post.state not in (State.SCHEDULED, State.PUBLISHED, State.FAILED):
            raise Conflict(f"This post is {post.get_state_display().lower()}: there is nothing to take down.")
        pubs = list(post.publications.select_for_update().select_related("channel"))
        if any(p.state == PublicationState.PUBLISHING for p in pubs):
            raise Conflict("The post is being published right now. Try again in a few minutes.")
        now = clock.now()
        for pub in pubs:
            if pub.state in (PublicationState.PENDING, PublicationState.HELD):
                pub.state, pub.removed_at, pub.updated_at = PublicationState.REMOVED, now, now
                pub.save(update_fields=["state", "removed_at", "updated_at"])
                Takedown.objects.create(council=post.council, publication=pub, by=acting_user, reason=reason, at=now,
                                        outcome="withdrawn")
        live = [p for p in pubs if p.state == PublicationState.PUBLISHED]

    results: dict[int, str] = {}
    failures: list[str] = []
    for pub in live:
        try:
            with connector_for(pub.channel) as connector:
                connector.delete(RemoteRef(pub.channel.platform, pub.remote_id, pub.url or None))
            results[pub.pk] = "removed"
        except RemoteNotFound:
            results[pub.pk] = "already_gone"
        except (ConnectorError, HeraldError) as exc:
            failures.append(f"{pub.channel.name}: {exc.message}")

    with transaction.atomic():
        post = lock(post)
        now = clock.now()
        for pub in live:
            if pub.pk in results:
                pub.state, pub.removed_at, pub.updated_at = PublicationState.REMOVED, now, now
                pub.save(update_fields=["state", "removed_at", "updated_at"])
                Takedown.objects.create(council=post.council, publication=pub, by=acting_user, reason=reason, at=now,
                                        outcome=results[pub.pk])
        if not post.publications.filter(state=PublicationState.PUBLISHED).exists():
            post.removed_at = now
            post.save(update_fields=["removed_at"])
        refresh_post_state(post)
        audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_TAKEN_DOWN, target=post,
                     data={"reason": reason, "removed": results, "failed": failures})
        if results or post.state == State.REMOVED:
            notify.tell_author(post, "Your post was taken down", [f"The Clerk took it down. Reason: {reason}"])
    if failures:
        raise Conflict("It could not be removed from every platform: " + "; ".join(failures) + ". Try again.")
    return post
