"""Submission and the Clerk's decisions: approve, reject, ask for changes, override a block,
confirm a pre-election exception."""

from __future__ import annotations

from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.elections.models import Status as ElectionStatus
from herald.elections.selectors import moment_text, period_current, period_next
from herald.people.access import require_capability
from herald.people.capabilities import Capability
from herald.posts import notify
from herald.posts.models import (
    Approval,
    Decision,
    ExceptionCategory,
    Post,
    PreElectionException,
    PublicationState,
    State,
    Verdict,
)
from herald.posts.screening import latest_run, run_is_current, screen_post
from herald.posts.services.common import (
    acting_rep,
    check_can_publish,
    lock,
    needs_approval,
    publish_time,
    refuse_in_period,
    release,
    require_author,
)
from herald.records.audit import audit_record
from herald.records.events import EventType

DECISIONS = {
    Decision.APPROVE: (State.APPROVED, EventType.POST_APPROVED, False),
    Decision.REJECT: (State.REJECTED, EventType.POST_REJECTED, True),
    Decision.CHANGES: (State.CHANGES_REQUESTED, EventType.POST_CHANGES_REQUESTED, True),
}


def _when_text(post: Post) -> str:
    return f"at {moment_text(post.scheduled_for)}" if post.scheduled_for and post.scheduled_for > clock.now() \
        else "as soon as possible"


@transaction.atomic
def post_submit(*, acting_user, post: Post, request_override: bool = False) -> Post:
    """Submit a draft. Passing posts by authors allowed to publish directly are approved at once;
    everything else waits for the Clerk. A blocked post goes to the Clerk only to ask for an
    override (`request_override`); otherwise it is refused."""
    post = lock(post)
    require_author(acting_user, post)
    if post.state not in (State.DRAFT, State.CHANGES_REQUESTED):
        raise Conflict(f"This post is {post.get_state_display().lower()}: it has already been submitted.")
    channels = list(post.channels.all())
    check_can_publish(post, channels)
    refuse_in_period(post, channels, publish_time(post))
    run = latest_run(post)
    if not run_is_current(run, post):
        run = screen_post(post=post, channels=channels)
    blocked = run.verdict == Verdict.BLOCK and not post.override_current
    if blocked and not request_override:
        raise Conflict("Screening blocks this post (see the findings). Change the text, or ask the Clerk to "
                       "override the block.", field="text", details={"verdict": run.verdict})
    now = clock.now()
    post.submitted_at, post.submitted_by, post.updated_at = now, acting_user, now
    post.override_requested = blocked
    direct = run.verdict == Verdict.PASS and not needs_approval(post, channels)
    if direct:
        post.state, post.approved_version = State.APPROVED, post.version
    else:
        post.state = State.IN_REVIEW
    post.save(update_fields=["submitted_at", "submitted_by", "updated_at", "override_requested", "state",
                             "approved_version"])
    if direct:
        release(post)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_SUBMITTED, target=post,
                 data={"version": post.version, "verdict": run.verdict, "route": "direct" if direct else "review",
                       "override_requested": blocked, "channels": [c.pk for c in channels]})
    if direct:
        notify.tell_author(post, "Your post is scheduled", [
            "Screening found nothing that needs the Clerk, and your role may publish directly.",
            f"It will be published {_when_text(post)}."])
    else:
        notify.tell_author(post, "Your post is waiting for the Clerk", [
            "The Clerk will review it. You will get an email when they decide."])
        notify.tell_clerk(post, "A post is waiting for your review", [
            f"{post.author.name} submitted a post (screening: {run.get_verdict_display().lower()})."
            + (" They ask you to override the screening block." if blocked else "")])
    return post


@transaction.atomic
def post_withdraw(*, acting_user, post: Post) -> Post:
    """The author takes a post back from the Clerk's queue to change it (it becomes a draft)."""
    post = lock(post)
    require_author(acting_user, post)
    if post.state != State.IN_REVIEW:
        raise Conflict(f"This post is {post.get_state_display().lower()}: it is not waiting for the Clerk.")
    post.state, post.override_requested, post.updated_at = State.DRAFT, False, clock.now()
    post.save(update_fields=["state", "override_requested", "updated_at"])
    audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_WITHDRAWN, target=post,
                 before={"state": State.IN_REVIEW}, after={"state": State.DRAFT})
    notify.tell_clerk(post, "A post was withdrawn from review", [f"{post.author.name} took it back to change it."])
    return post


def _decide(*, acting_user, post: Post, decision: str, reason: str, post_version: int | None) -> Post:
    try:
        return _decide_atomic(acting_user=acting_user, post=post, decision=decision, reason=reason,
                              post_version=post_version)
    except Conflict as exc:
        if exc.details.get("stale"):
            with transaction.atomic():  # the refused attempt is audited too (one wins, both are recorded)
                audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_DECISION_REFUSED,
                             target=post, data={"decision": decision, "post_version": post_version,
                                                "message": exc.message})
        raise


@transaction.atomic
def _decide_atomic(*, acting_user, post: Post, decision: str, reason: str, post_version: int | None) -> Post:
    if decision not in DECISIONS:
        raise ValidationFailed(f"Unknown decision {decision!r}.")
    rep = require_capability(acting_user, Capability.REVIEW_POSTS)
    post = lock(post)
    if rep.council_id != post.council_id:
        raise NotAllowed("You do not have permission to do this.")
    if post.author_id == rep.pk:
        raise NotAllowed("You cannot decide on your own post: someone else with the Clerk's rights must.")
    if post.state != State.IN_REVIEW:
        raise Conflict(f"This post is {post.get_state_display().lower()}: it is not waiting for a decision.",
                       details={"stale": True})
    if post_version is not None and post.version != post_version:
        raise Conflict("The post has changed since you opened it. Read it again before you decide.",
                       details={"stale": True})
    target, event, needs_reason = DECISIONS[decision]
    reason = (reason or "").strip()
    if needs_reason and not reason:
        raise ValidationFailed("Enter the reason. The author is shown it.", field="reason")
    channels = list(post.channels.all())
    if decision == Decision.APPROVE:
        if post.verdict == Verdict.BLOCK and not post.override_current:
            raise Conflict("Screening blocks this post. Override the block, with a reason, before approving it.")
        check_can_publish(post, channels, acknowledgement=False)
    now = clock.now()
    Approval.objects.create(council=post.council, post=post, decision=decision, reason=reason,
                            post_version=post.version, decided_by=acting_user, decided_at=now)
    before = post.state
    post.state, post.decided_at, post.decided_by, post.updated_at = target, now, acting_user, now
    if decision == Decision.APPROVE:
        post.approved_version = post.version
    post.save(update_fields=["state", "decided_at", "decided_by", "updated_at", "approved_version"])
    if decision == Decision.APPROVE:
        release(post)
    audit_record(council=post.council, actor=acting_user, event_type=event, target=post,
                 before={"state": before}, after={"state": post.state},
                 data={"version": post.version, **({"reason": reason} if reason else {})})
    if decision == Decision.APPROVE:
        notify.tell_author(post, "Your post is approved", [f"The Clerk approved it. It will be published "
                                                            f"{_when_text(post)}."] + ([reason] if reason else []))
    elif decision == Decision.REJECT:
        notify.tell_author(post, "Your post was rejected", [f"The Clerk rejected it. Reason: {reason}"])
    else:
        notify.tell_author(post, "Changes asked for on your post", [
            f"The Clerk asks you to change it before it can be published: {reason}",
            "Change it and submit it again."])
    return post


def post_approve(*, acting_user, post: Post, post_version: int | None, reason: str = "") -> Post:
    """Approve the version of the post the Clerk read (`post_version`): editing it resets approval."""
    return _decide(acting_user=acting_user, post=post, decision=Decision.APPROVE, reason=reason,
                   post_version=post_version)


def post_reject(*, acting_user, post: Post, reason: str, post_version: int | None = None) -> Post:
    return _decide(acting_user=acting_user, post=post, decision=Decision.REJECT, reason=reason,
                   post_version=post_version)


def post_request_changes(*, acting_user, post: Post, reason: str, post_version: int | None = None) -> Post:
    return _decide(acting_user=acting_user, post=post, decision=Decision.CHANGES, reason=reason,
                   post_version=post_version)


@transaction.atomic
def post_override_block(*, acting_user, post: Post, reason: str) -> Post:
    """The Clerk lets a post that screening blocks go forward, for this version only, with a reason."""
    rep = require_capability(acting_user, Capability.REVIEW_POSTS)
    post = lock(post)
    if rep.council_id != post.council_id:
        raise NotAllowed("You do not have permission to do this.")
    if post.author_id == rep.pk:
        raise NotAllowed("You cannot override the screening of your own post.")
    if post.state not in (State.DRAFT, State.CHANGES_REQUESTED, State.IN_REVIEW):
        raise Conflict(f"This post is {post.get_state_display().lower()}: there is nothing to override.")
    if post.verdict != Verdict.BLOCK:
        raise Conflict("Screening does not block this post: there is nothing to override.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter the reason for overriding the screening. It is kept in the archive.",
                               field="reason")
    now = clock.now()
    post.override_version, post.override_reason, post.override_at, post.override_by = post.version, reason, now, \
        acting_user
    post.save(update_fields=["override_version", "override_reason", "override_at", "override_by"])
    audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_BLOCK_OVERRIDDEN, target=post,
                 data={"version": post.version, "reason": reason,
                       "clauses": sorted(set(latest_run(post).findings.values_list("clause_id", flat=True)))})
    notify.tell_author(post, "The Clerk overrode the screening block", [f"Reason: {reason}"])
    return post


@transaction.atomic
def post_confirm_exception(*, acting_user, post: Post, category: str, reason: str) -> PreElectionException:
    """The Clerk confirms a pre-election exception for this post (DOMAIN.md §1 'Allowed'): it may
    go out on official channels during the period in force at its time (or the next period).
    A publication held for that period is released at once."""
    from herald.posts.services.publishing import enqueue_publication

    require_capability(acting_user, Capability.MANAGE_ELECTIONS)
    post = lock(post)
    acting_rep(acting_user, post.council_id)
    if post.state in (State.REJECTED, State.PUBLISHED, State.REMOVED, State.FAILED):
        raise Conflict(f"This post is {post.get_state_display().lower()}: an exception makes no difference.")
    if category not in ExceptionCategory.values:
        raise ValidationFailed("Select the kind of exception.", field="category")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter the reason for the exception. It is audited.", field="reason")
    at = publish_time(post)
    period = period_current(council=post.council, at=at) or period_next(council=post.council, at=at)
    if period is None:
        raise Conflict("No pre-election period applies to this post: it needs no exception.")
    election = next((e for e in period.elections.all() if e.status == ElectionStatus.SCHEDULED), None)
    exception = PreElectionException.objects.create(
        council=post.council, post=post, category=category, reason=reason, election=election,
        period_starts_at=period.starts_at, period_ends_at=period.ends_at, confirmed_by=acting_user,
        confirmed_at=clock.now())
    released = []
    for pub in post.publications.select_for_update().filter(state=PublicationState.HELD):
        pub.state, pub.not_before, pub.held_until, pub.updated_at = PublicationState.PENDING, clock.now(), None, \
            clock.now()
        pub.save(update_fields=["state", "not_before", "held_until", "updated_at"])
        enqueue_publication(pub.pk)
        released.append(pub.pk)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.PRE_ELECTION_EXCEPTION_CONFIRMED,
                 target=post, data={"category": category, "reason": reason,
                                    "election": election.pk if election else None,
                                    "period_starts_at": period.starts_at, "period_ends_at": period.ends_at,
                                    "released_publications": released})
    notify.tell_author(post, "Pre-election exception confirmed", [
        f"The Clerk confirmed an exception ({ExceptionCategory(category).label.lower()}): {reason}"])
    return exception
