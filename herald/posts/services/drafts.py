"""Drafts: writing and changing a post (screened on every save) and choosing when it goes out."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.councils.models import Council
from herald.people.models import Representative
from herald.posts.models import Post, State
from herald.posts.screening import screen_post
from herald.posts.services.common import (
    acting_rep,
    clean_channels,
    clean_text,
    lock,
    refuse_in_period,
    release,
    require_author,
    snapshot,
    withdraw_unstarted,
)
from herald.records.audit import audit_record
from herald.records.events import EventType

SCHEDULABLE = frozenset({State.DRAFT, State.CHANGES_REQUESTED, State.IN_REVIEW, State.SCHEDULED})


@transaction.atomic
def post_create_draft(*, acting_user, council: Council, author: Representative, text: str, channels=()) -> Post:
    """A new draft by `author` (the signed-in representative), screened at once."""
    rep = acting_rep(acting_user, council.pk)
    if rep.pk != author.pk:
        raise ValidationFailed("You can only write posts as yourself.")
    text = clean_text(text)
    channels = clean_channels(author, channels)
    now = clock.now()
    post = Post(council=council, author=author, text=text, created_at=now, created_by=acting_user, updated_at=now)
    post.full_clean(exclude=["channels"])
    post.save()
    post.channels.set(channels)
    run = screen_post(post=post, channels=channels)
    audit_record(council=council, actor=acting_user, event_type=EventType.POST_DRAFTED, target=post,
                 after=snapshot(post), data={"verdict": run.verdict})
    return post


@transaction.atomic
def post_update_draft(*, acting_user, post: Post, text: str, channels=()) -> Post:
    """Change a draft and screen it again. Changing an approved or scheduled post (not yet being
    published) makes it a draft again: its approval no longer applies to the new version."""
    post = lock(post)
    require_author(acting_user, post)
    if not post.editable:
        raise Conflict(f"This post is {post.get_state_display().lower()}: it cannot be changed now.")
    text = clean_text(text)
    channels = clean_channels(post.author, channels)
    before = snapshot(post)
    if text == post.text and sorted(c.pk for c in channels) == before["channels"]:
        return post
    approval_reset = post.state in (State.APPROVED, State.SCHEDULED)
    if approval_reset:
        withdraw_unstarted(post)
        post.approved_version = None
    post.text, post.version, post.updated_at = text, post.version + 1, clock.now()
    post.state = State.DRAFT
    post.save(update_fields=["text", "version", "updated_at", "state", "approved_version"])
    post.channels.set(channels)
    run = screen_post(post=post, channels=channels)
    after = snapshot(post)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_EDITED, target=post,
                 before={k: v for k, v in before.items() if after[k] != v},
                 after={k: v for k, v in after.items() if before[k] != v},
                 data={"verdict": run.verdict, "approval_reset": approval_reset})
    return post


@transaction.atomic
def post_schedule(*, acting_user, post: Post, when: dt.datetime | None) -> Post:
    """Choose when the post goes out (None: as soon as it is approved). `when` is an aware
    datetime in the future; forms read it in Europe/London time."""
    post = lock(post)
    require_author(acting_user, post)
    if post.state not in SCHEDULABLE:
        raise Conflict(f"This post is {post.get_state_display().lower()}: its time cannot be changed.")
    if when is not None:
        if when.tzinfo is None:
            raise ValidationFailed("The time must include its time zone.", field="scheduled_for")
        if when <= clock.now():
            raise ValidationFailed("The time must be in the future.", field="scheduled_for")
    channels = list(post.channels.all())
    if when is not None or post.state == State.SCHEDULED:
        refuse_in_period(post, channels, when or clock.now())
    before = post.scheduled_for
    post.scheduled_for, post.updated_at = when, clock.now()
    post.save(update_fields=["scheduled_for", "updated_at"])
    if post.state == State.SCHEDULED:
        withdraw_unstarted(post)
        release(post)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.POST_SCHEDULED, target=post,
                 before={"scheduled_for": before}, after={"scheduled_for": when})
    return post
