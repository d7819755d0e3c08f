"""After a new version is adopted, nobody can submit a post until they acknowledge it (the service, which
the web pages and the API both call, and the web page)."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.core.errors import Conflict
from herald.people.services import policy_acknowledge
from herald.policy.services import policy_version_adopt
from herald.posts import services
from herald.posts.models import State
from tests.policy.helpers import new_version_text
from tests.posts.conftest import CLEAN, acked, channel, stubs  # noqa: F401  (fixtures)
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


def adopt(people):
    return policy_version_adopt(acting_user=people.clerk.user, council=people.council, text=new_version_text(),
                                adopted_on=dt.date(2026, 11, 10), minute_reference="Minute 26/112",
                                today=dt.date(2026, 11, 20))


def test_post_submit_needs_the_new_version_acknowledged(acked, channel):
    post = draft(acked.officer, CLEAN, [channel])
    adopt(acked)
    acked.officer.council.refresh_from_db()
    with pytest.raises(Conflict, match="acknowledge the current social media policy"):
        services.post_submit(acting_user=acked.officer.user, post=post)
    assert fresh(post).state == State.DRAFT
    policy_acknowledge(acting_user=acked.officer.user, representative=acked.officer)
    assert services.post_submit(acting_user=acked.officer.user, post=post).state == State.SCHEDULED


def test_the_submit_page_says_why(acked, channel, signed_in):
    post = draft(acked.officer, CLEAN, [channel])
    adopt(acked)
    response = signed_in(acked.officer).post(f"/posts/{post.pk}/submit")
    assert fresh(post).state == State.DRAFT
    follow = signed_in(acked.officer).get(response["Location"]) if response.status_code == 302 else response
    assert "acknowledge the current social media policy" in follow.content.decode()
