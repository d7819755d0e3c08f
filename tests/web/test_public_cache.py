"""Public pages are shared briefly by visitors who send no cookies (HERALD_PUBLIC_CACHE_SECONDS):
a change shows within those seconds; anyone with a cookie, and anyone signed in, gets a fresh page;
a signed-in page is never handed to anyone else."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from herald.channels.connect import connector_for
from herald.channels.models import Channel
from herald.channels.services import channel_decide, channel_propose
from herald.connectors.base import Publishable

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(people, settings):
    settings.HERALD_PUBLIC_CACHE_SECONDS = 5
    cache.clear()
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              name="Town news", platform="newsfeed", kind="blog", use="council_service",
                              purpose="News from the council.", audience="general", logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")

    def publish(text: str) -> None:
        with connector_for(Channel.objects.get(pk=channel.pk)) as feed:
            feed.publish(Publishable(text=text), idempotency_key=f"news-{abs(hash(text))}")

    yield publish
    cache.clear()


@pytest.mark.parametrize("path", ["/councils/stalbridge/news", "/councils/stalbridge/news.atom"])
def test_visitors_without_cookies_share_the_page_for_a_few_seconds(news, path):
    news("The Hub is closed on Monday.")
    first = Client().get(path)
    assert first.status_code == 200 and "max-age=5" in first["Cache-Control"]
    news("The library opens late on Thursday.")
    assert "library opens late" not in Client().get(path).content.decode()  # the kept copy
    fresh = Client()
    fresh.cookies["herald_seen"] = "1"  # any cookie: a fresh page
    assert "library opens late" in fresh.get(path).content.decode()
    cache.clear()  # (the seconds have passed)
    assert "library opens late" in Client().get(path).content.decode()


def test_signed_in_pages_are_fresh_and_never_shared(news, people, signed_in):
    news("The Hub is closed on Monday.")
    member = signed_in(people.member)
    page = member.get("/councils/stalbridge/news")
    assert "Sign out" in page.content.decode() and page["Cache-Control"] == "no-store"
    anonymous = Client().get("/councils/stalbridge/news").content.decode()
    assert "Sign out" not in anonymous and people.member.name not in anonymous
    news("The library opens late on Thursday.")
    assert "library opens late" in member.get("/councils/stalbridge/news").content.decode()


def test_turned_off_with_zero(news, settings):
    settings.HERALD_PUBLIC_CACHE_SECONDS = 0
    news("The Hub is closed on Monday.")
    Client().get("/councils/stalbridge/")
    news("The library opens late on Thursday.")
    assert "library opens late" in Client().get("/councils/stalbridge/news").content.decode()


def test_the_complaint_form_is_never_shared(news):
    first = Client().get("/councils/stalbridge/complaints/new")
    second = Client().get("/councils/stalbridge/complaints/new")
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
