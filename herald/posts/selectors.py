"""Reads of posts: access, the author's list, the Clerk's queue, the archive and a post's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from herald.channels.models import Channel
from herald.channels.models import Status as ChannelStatus
from herald.core import clock
from herald.core.errors import NotFound
from herald.councils.models import Council
from herald.people.access import representative_for_user
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import Representative
from herald.posts.models import (
    Approval,
    Finding,
    Post,
    PreElectionException,
    Publication,
    PublicationState,
    ScreeningRun,
    State,
    Takedown,
)
from herald.posts.search import text_matches
from herald.records.models import AuditEvent

READERS = (Capability.REVIEW_POSTS, Capability.VIEW_POST_ARCHIVE, Capability.TAKE_DOWN_POSTS)


def access_post_by_id(user, post_id: int) -> Post:
    """A post the user may read: their own, or any of their council's when they review posts or
    read the archive. NotFound for anything else (missing or not theirs)."""
    rep = representative_for_user(user)
    post = Post.objects.select_related("council", "author").filter(pk=post_id).first()
    if rep is None or post is None or post.council_id != rep.council_id:
        raise NotFound("Page not found.")
    if post.author_id != rep.pk and not (set(READERS) & capabilities_for(rep.roles)):
        raise NotFound("Page not found.")
    return post


def postable_channels(representative: Representative) -> QuerySet[Channel]:
    """Active channels this representative is authorised to post on."""
    return (Channel.objects.filter(council_id=representative.council_id, status=ChannelStatus.ACTIVE,
                                   representatives=representative).order_by("name"))


def post_list_for_author(*, representative: Representative) -> QuerySet[Post]:
    return (Post.objects.filter(author=representative).prefetch_related("channels")
            .order_by("-updated_at", "-pk"))


def post_list_for_review(*, council: Council) -> QuerySet[Post]:
    return (Post.objects.filter(council=council, state=State.IN_REVIEW).select_related("author")
            .prefetch_related("channels").order_by("submitted_at", "pk"))


def post_count_for_review(*, council: Council) -> int:
    return Post.objects.filter(council=council, state=State.IN_REVIEW).count()


def post_archive(*, council: Council, channel: int | None = None, author: int | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None, clause: str = "",
                 search: str = "") -> QuerySet[Post]:
    """Every submitted post (drafts never reach the archive), newest first.

    `search` is full-text over the post's words (SQLite FTS5 or PostgreSQL, `herald.posts.search`)
    or a part of the author's name."""
    qs = (Post.objects.filter(council=council).exclude(submitted_at__isnull=True)
          .select_related("author").prefetch_related("channels"))
    if channel:
        qs = qs.filter(channels=channel)
    if author:
        qs = qs.filter(author_id=author)
    if date_from:
        qs = qs.filter(submitted_at__gte=dt.datetime.combine(date_from, dt.time(), clock.LONDON))
    if date_to:
        qs = qs.filter(submitted_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), clock.LONDON))
    if clause:
        qs = qs.filter(pk__in=Finding.objects.filter(run__council=council, clause_id=clause).values("run__post_id"))
    if search:
        authors = Representative.objects.filter(council=council, name__icontains=search).values("pk")
        qs = qs.filter(text_matches(search) | Q(author_id__in=authors))
    return qs.order_by("-submitted_at", "-pk")


def review_queue(*, council: Council) -> list[tuple[Post, ScreeningRun | None, list]]:
    """The Clerk's review queue: each post waiting for review with its latest screening run
    (findings in text order) and its current images, in a fixed number of queries however long
    the queue is."""
    from herald.posts.models import Attachment

    latest = ScreeningRun.objects.filter(post=OuterRef("pk")).order_by("-at", "-pk").values("pk")[:1]
    posts = list(post_list_for_review(council=council).annotate(latest_run_id=Subquery(latest)).prefetch_related(
        Prefetch("attachments", to_attr="current_images",
                 queryset=Attachment.objects.filter(removed_at__isnull=True).order_by("uploaded_at", "pk"))))
    runs = ScreeningRun.objects.filter(pk__in=[p.latest_run_id for p in posts if p.latest_run_id]).prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("start", "pk")))
    by_id = {run.pk: run for run in runs}
    return [(p, by_id.get(p.latest_run_id), p.current_images) for p in posts]


def channel_recent_publications(*, channel: Channel, limit: int = 20) -> list[Publication]:
    """The posts Herald published on a channel and has not taken down, newest first (the public
    channel page lists them, each with a link to complain about it)."""
    return list(Publication.objects.filter(channel=channel, state=PublicationState.PUBLISHED, removed_at__isnull=True)
                .select_related("post").order_by("-published_at", "-pk")[:limit])


def screening_latest(*, post: Post) -> ScreeningRun | None:
    return (post.screening_runs.prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("start", "pk")))
            .order_by("-at", "-pk").first())


@dataclass(frozen=True)
class PostHistory:
    post: Post
    runs: list[ScreeningRun]
    approvals: list[Approval]
    publications: list[Publication]
    takedowns: list[Takedown]
    exceptions: list[PreElectionException]
    events: list[AuditEvent]


def post_history(*, post: Post) -> PostHistory:
    return PostHistory(
        post=post,
        runs=list(post.screening_runs.prefetch_related("findings").select_related("policy_version")
                  .order_by("at", "pk")),
        approvals=list(post.approvals.select_related("decided_by").order_by("decided_at", "pk")),
        publications=list(post.publications.select_related("channel").prefetch_related("attempt_log")),
        takedowns=list(Takedown.objects.filter(publication__post=post).select_related("publication__channel", "by")),
        exceptions=list(post.pre_election_exceptions.select_related("confirmed_by", "election")),
        events=list(AuditEvent.objects.filter(council=post.council, target_type="posts.post",
                                              target_id=str(post.pk)).order_by("seq")),
    )


# ----- attached images --------------------------------------------------------------------------


def attachment_list(*, post: Post, include_removed: bool = False):
    """The post's images, in the order they were attached (removed ones only when asked)."""
    from herald.posts.models import Attachment

    qs = Attachment.objects.filter(post=post)
    if not include_removed:
        qs = qs.filter(removed_at__isnull=True)
    return qs.order_by("uploaded_at", "pk")


def access_attachment_by_id(user, post_id: int, attachment_id: int):
    """An image of a post the user may read (access_post_by_id); NotFound for anything else,
    including another post's image."""
    from herald.posts.models import Attachment

    post = access_post_by_id(user, post_id)
    attachment = Attachment.objects.select_related("post", "post__council", "post__author").filter(
        pk=attachment_id, post=post).first()
    if attachment is None:
        raise NotFound("Page not found.")
    return attachment


# ----- the Clerk's dashboard charts (aggregated in SQL) -------------------------------------------

def published_per_channel_month(*, council: Council, since: dt.datetime) -> list[tuple[str, dt.date, int]]:
    """(channel name, first day of the month in UK time, posts published on it) since `since`."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    rows = (Publication.objects.filter(council=council, published_at__gte=since)
            .annotate(month=TruncMonth("published_at", tzinfo=clock.LONDON))
            .values("channel_id", "channel__name", "month").annotate(posts=Count("pk")).order_by())
    return [(r["channel__name"], r["month"].date() if isinstance(r["month"], dt.datetime) else r["month"], r["posts"])
            for r in rows]


def findings_per_clause(*, council: Council, since: dt.datetime) -> list[tuple[str, int]]:
    """(clause id, posts with a screening finding citing it) for runs since `since`, most first."""
    from django.db.models import Count

    rows = (Finding.objects.filter(run__council=council, run__at__gte=since).values("clause_id")
            .annotate(posts=Count("run__post", distinct=True)).order_by("-posts", "clause_id"))
    return [(r["clause_id"], r["posts"]) for r in rows]
