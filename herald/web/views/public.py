from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_page

from herald.channels.models import Channel, NewsItem, Platform, Status
from herald.channels.selectors import public_channel, public_channel_list
from herald.core.errors import NotFound
from herald.elections.selectors import period_closing_channel

from herald.councils.models import Council
from herald.people.access import council_for_user
from herald.policy.selectors import clause_list, policy_review_status


def shared_briefly(view):
    """Visitors who send no cookies (a resident's first visit, a feed reader) all get the same public
    page, so each web process keeps it for HERALD_PUBLIC_CACHE_SECONDS: a change (a post taken
    down, a pre-election period starting) shows within that many seconds. Anyone with a cookie
    (signed in, or after a form) gets a fresh page; a page that sets a cookie is never kept
    (Django's cache middleware)."""
    cached = {}

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.HERALD_PUBLIC_CACHE_SECONDS
        if seconds <= 0 or request.method not in ("GET", "HEAD") or request.COOKIES:
            return view(request, *args, **kwargs)
        if seconds not in cached:
            cached[seconds] = cache_page(seconds, key_prefix="herald-public")(view)
        return cached[seconds](request, *args, **kwargs)

    return wrapper


def _default_council() -> Council | None:
    if settings.HERALD_DEFAULT_COUNCIL:
        return Council.objects.filter(slug=settings.HERALD_DEFAULT_COUNCIL).first()
    councils = list(Council.objects.all()[:2])
    return councils[0] if len(councils) == 1 else None


def home(request):
    council = council_for_user(request.user)
    if council is not None:
        return redirect("web:dashboard")
    council = _default_council()
    if council is not None:
        return redirect("web:council-home", council.slug)
    return render(request, "web/councils.html", {"councils": Council.objects.all()})


@shared_briefly
def council_home(request, slug: str):
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    return render(request, "web/council_home.html", {"council": council})


def policy_default(request):
    council = _default_council()
    if council is None:
        raise Http404
    return redirect("web:council-policy", council.slug)


@shared_briefly
def policy_page(request, slug: str):
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    version = council.active_policy
    if version is None:
        raise Http404
    clauses = clause_list(version=version)
    sections: list[tuple[str, list]] = []
    for clause in clauses:
        if not sections or sections[-1][0] != clause.section:
            sections.append((clause.section, []))
        sections[-1][1].append(clause)
    return render(request, "web/policy.html", {
        "council": council, "version": version, "sections": sections,
        "review": policy_review_status(council=council),
    })


def _council(request, slug: str) -> Council:
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    return council


@shared_briefly
def channel_list(request, slug: str):
    council = _council(request, slug)
    return render(request, "web/public/channels.html", {"council": council,
                                                        "channels": public_channel_list(council=council)})


@shared_briefly
def channel_page(request, slug: str, channel_pk: int):
    council = _council(request, slug)
    try:
        channel = public_channel(council=council, channel_id=channel_pk)
    except NotFound:
        raise Http404 from None
    from herald.posts.selectors import channel_recent_publications

    return render(request, "web/public/channel.html", {"council": council, "channel": channel,
                                                       "period": period_closing_channel(channel=channel),
                                                       "publications": channel_recent_publications(channel=channel)})


def _news_items(council: Council):
    return NewsItem.objects.filter(council=council, removed_at__isnull=True, channel__status=Status.ACTIVE)


@shared_briefly
def news_page(request, slug: str):
    council = _council(request, slug)
    items = list(_news_items(council)[:50])
    from herald.posts.models import Publication  # each news item's post, for "Complain about this post"

    posts = {(channel_id, remote_id): post_id for channel_id, remote_id, post_id in Publication.objects.filter(
        council=council, channel__platform=Platform.NEWSFEED, remote_id__in=[str(i.pk) for i in items])
        .values_list("channel_id", "remote_id", "post_id")}
    for item in items:
        item.post_id = posts.get((item.channel_id, str(item.pk)))
    channel = Channel.objects.filter(council=council, platform=Platform.NEWSFEED, status=Status.ACTIVE).first()
    return render(request, "web/public/news.html", {"council": council, "items": items, "channel": channel,
                                                    "period": channel and period_closing_channel(channel=channel)})


class NewsFeed(Feed):
    """The council news feed as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str):
        return get_object_or_404(Council, slug=slug)

    def title(self, council):
        return f"{council.name}: news"

    def link(self, council):
        return reverse("web:news", args=[council.slug])

    def subtitle(self, council):
        return f"News from {council.name}. Feedback and complaints: see the news page."

    def items(self, council):
        return _news_items(council)[:50]

    def item_title(self, item):
        first_line = item.text.strip().splitlines()[0] if item.text.strip() else "News"
        return first_line[:80] + ("…" if len(first_line) > 80 else "")

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return reverse("web:news", args=[item.council.slug]) + f"#news-{item.pk}"

    def item_guid(self, item):
        return f"{settings.HERALD_BASE_URL}/councils/{item.council.slug}/news/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.council.name
