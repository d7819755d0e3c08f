"""Complaint fixtures: a post published through the real services (stub connector), a complaint about
it, and helpers that go through the real complaint services."""

from __future__ import annotations

import pytest

from herald.complaints import services
from herald.posts import services as post_services
from tests.posts.conftest import acked, make_channel, stubs, travel, worker  # noqa: F401  (fixtures)
from tests.posts.helpers import draft, fresh

TEXT = "The post about the Hub names my neighbour and says she owes rent. That is private and untrue."
IP = "203.0.113.7"


def submit(council, **overrides):
    data = {"name": "Rita Resident", "email": "rita@example.com", "about": "other", "text": TEXT,
            "about_detail": "", "ip_address": IP}
    data.update(overrides)
    return services.complaint_submit(council=council, **data)


@pytest.fixture
def published(acked, stubs, worker):
    """A post by the officer (who publishes directly), published on a stub Bluesky channel."""
    channel = make_channel(acked)
    post = draft(acked.officer, "The Hub opens late on Friday for the quiz night.", [channel])
    post_services.post_submit(acting_user=acked.officer.user, post=post)
    worker()
    post = fresh(post)
    assert post.state == "published", post.state
    return post


def complaint_about(post, **overrides):
    return submit(post.council, about="post", post_id=post.pk, **overrides).complaint
