"""Shared checks for the post services: who may publish where, pre-election periods, release."""

from __future__ import annotations

import datetime as dt

from herald.channels.models import DISCUSS_WITH_CLERK, Channel, Platform
from herald.channels.models import Status as ChannelStatus
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from herald.elections.models import PreElectionPeriod
from herald.elections.selectors import moment_text, period_current
from herald.elections.timetable import long_date
from herald.people.access import representative_for_user
from herald.people.models import Representative
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights
from herald.policy.selectors import council_settings
from herald.posts.models import Post, Publication, PublicationState
from herald.posts.selectors import postable_channels

MAX_TEXT = 5000
#: Platform limits on the length of a post (characters), checked before submission.
PLATFORM_LIMITS = {Platform.BLUESKY: 300, Platform.MASTODON: 500}


def snapshot(post: Post) -> dict:
    return {"state": post.state, "version": post.version, "text": post.text,
            "channels": sorted(post.channels.values_list("pk", flat=True)) if post.pk else [],
            "scheduled_for": post.scheduled_for, "verdict": post.verdict}


def lock(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("council", "author").get(pk=post.pk)


def acting_rep(acting_user, council_id: int) -> Representative:
    rep = representative_for_user(acting_user)
    if rep is None or rep.council_id != council_id:
        raise NotFound("Page not found.")
    return rep


def require_author(acting_user, post: Post) -> Representative:
    rep = acting_rep(acting_user, post.council_id)
    if rep.pk != post.author_id:
        raise NotAllowed("Only the post's author can do this.")
    return rep


def clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationFailed("Enter the text of the post.", field="text")
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"The post must be {MAX_TEXT} characters or fewer.", field="text")
    return text


def clean_channels(author: Representative, channels) -> list[Channel]:
    channels = list(dict.fromkeys(channels or []))
    allowed = set(postable_channels(author).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in channels):
        raise ValidationFailed("Choose only active channels you are authorised to post on.", field="channels")
    return channels


def check_can_publish(post: Post, channels: list[Channel], *, acknowledgement: bool = True) -> None:
    """The submission rules about the author and the channels (issue 6, part 2)."""
    author = post.author
    if acknowledgement and not has_acknowledged_current_policy(representative=author):
        raise Conflict("You need to acknowledge the current social media policy before you publish for the "
                       "council. Do it from your dashboard.")
    rights = publishing_rights(representative=author)
    if not rights.active:
        raise NotAllowed(f"Publishing rights: {rights.label[:1].lower()}{rights.label[1:]}. The post cannot be published.")
    if not channels:
        raise ValidationFailed("Choose at least one channel.", field="channels")
    problem = channel_problem(author, channels)
    if problem:
        raise Conflict(problem, field="channels")
    for channel in channels:
        limit = PLATFORM_LIMITS.get(channel.platform)
        if limit and len(post.text) > limit:
            raise ValidationFailed(f"{channel.name} allows posts of at most {limit} characters; this one has "
                                   f"{len(post.text)}.", field="text")


def channel_problem(author: Representative, channels: list[Channel]) -> str:
    for channel in channels:
        if channel.status != ChannelStatus.ACTIVE:
            return f"{channel.name} is {channel.get_status_display().lower()}: nothing can be published on it."
        if not channel.representatives.filter(pk=author.pk).exists():
            return f"{author.name} is not authorised to post on {channel.name}."
    return ""


def needs_approval(post: Post, channels: list[Channel]) -> bool:
    """Who may publish directly when screening passes (settings publish_directly_roles and
    approval_required_kinds); channels the policy says to discuss with the Clerk always need approval."""
    settings = council_settings(council=post.council)
    author = post.author
    direct = (any(role in settings["publish_directly_roles"] for role in author.roles)
              and author.kind not in settings["approval_required_kinds"]
              and not any(c.kind in DISCUSS_WITH_CLERK for c in channels))
    return not direct


def publish_time(post: Post) -> dt.datetime:
    now = clock.now()
    return post.scheduled_for if post.scheduled_for and post.scheduled_for > now else now


def exception_covers(post: Post, period: PreElectionPeriod) -> bool:
    return post.pre_election_exceptions.filter(period_starts_at__lt=period.ends_at,
                                               period_ends_at__gt=period.starts_at).exists()


def period_closing(post: Post, channels: list[Channel], at: dt.datetime) -> PreElectionPeriod | None:
    """The pre-election period that closes one of the post's channels at `at` (None: all open)."""
    if not any(c.official for c in channels):
        return None
    period = period_current(council=post.council, at=at)
    if period is None or not any(period.closes(c, at) for c in channels) or exception_covers(post, period):
        return None
    return period


def period_message(period: PreElectionPeriod) -> str:
    start, end = period.starts_at_london.date(), period.ends_at_london.date()
    return (f"The pre-election period from {long_date(start)} to {long_date(end)} is in force then: official "
            f"channels are closed to new posts until {moment_text(period.ends_at)} (UK time). Choose a time after "
            "that, or ask the Clerk to confirm an exception (for example factual election information).")


def refuse_in_period(post: Post, channels: list[Channel], at: dt.datetime) -> None:
    period = period_closing(post, channels, at)
    if period is not None:
        raise Conflict(period_message(period), field="scheduled_for",
                       details={"period_ends_at": period.ends_at.isoformat()})


def release(post: Post) -> list[Publication]:
    """An approved post: one publication per channel, each published by a background task."""
    from herald.posts.services.publishing import enqueue_publication

    now, when = clock.now(), publish_time(post)
    made = []
    for channel in post.channels.all():
        pub = Publication.objects.filter(post=post, channel=channel).first()
        if pub is None:
            pub = Publication.objects.create(council=post.council, post=post, channel=channel,
                                             idempotency_key=f"new-{post.pk}-{channel.pk}", not_before=when,
                                             created_at=now, updated_at=now)
            pub.idempotency_key = f"publication-{pub.pk}"
            pub.save(update_fields=["idempotency_key"])
        made.append(pub)
        enqueue_publication(pub.pk, at=when)
    post.state = "scheduled"
    post.save(update_fields=["state"])
    return made


def withdraw_unstarted(post: Post) -> None:
    """Forget publications that never started (the post changed before publication)."""
    pubs = list(post.publications.select_for_update())
    if any(p.attempts or p.state not in (PublicationState.PENDING, PublicationState.HELD) for p in pubs):
        raise Conflict("Publication of this post has started: it can no longer be changed. Ask the Clerk to take "
                       "it down if it is wrong.")
    for p in pubs:
        p.delete()
