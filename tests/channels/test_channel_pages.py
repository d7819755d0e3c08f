"""Channel pages: staff forms, public channel pages, the council news page and its Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from herald.channels.connect import connector_for
from herald.channels.models import Channel, NewsItem
from herald.channels.services import channel_decide, channel_propose
from herald.connectors.base import Publishable
from herald.records.models import AuditEvent

ATOM = "{http://www.w3.org/2005/Atom}"


def _news_channel(people, name="Town news"):
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              name=name, platform="newsfeed", kind="blog", use="council_service",
                              purpose="News from the council <b>today</b>", audience="general", handle="",
                              account_email="", service_url="", logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    return channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")


def test_propose_form_bad_input_keeps_what_was_typed(people, signed_in):
    before = (Channel.objects.count(), AuditEvent.objects.count())
    response = signed_in(people.member).post("/channels/new", {"name": "Youth forum", "platform": "other",
                                                                "purpose": "", "owner": people.member.pk})
    body = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in body
    assert "Say what the channel is for" in body and 'value="Youth forum"' in body
    assert (Channel.objects.count(), AuditEvent.objects.count()) == before


def test_public_channel_page_shows_purpose_people_and_complaints(client, people):
    channel = _news_channel(people)
    body = client.get(f"/councils/stalbridge/channels/{channel.pk}").content.decode()
    assert "Feedback and complaints" in body and 'id="feedback-and-complaints"' in body
    assert people.officer.name in body
    assert "&lt;b&gt;today&lt;/b&gt;" in body  # escaped
    assert "Town news" in client.get("/councils/stalbridge/channels/").content.decode()


def test_proposed_and_other_councils_channels_are_not_public(client, people, other_people):
    proposed = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                               name="Not yet", platform="newsfeed", kind="blog", use="council_service",
                               purpose="x", audience="general", logo_use="no_logo")
    assert client.get(f"/councils/stalbridge/channels/{proposed.pk}").status_code == 404
    channel = _news_channel(people)
    assert client.get(f"/councils/milborne/channels/{channel.pk}").status_code == 404
    assert client.get("/councils/nowhere/channels/").status_code == 404


def test_news_page_and_atom_feed(client, people):
    channel = _news_channel(people)
    with connector_for(channel) as feed:
        first = feed.publish(Publishable(text="Bin collections move to Friday this week.\nThank you."),
                             idempotency_key="p1")
        feed.publish(Publishable(text="Bin collections move to Friday this week.\nThank you."), idempotency_key="p1")
        second = feed.publish(Publishable(text="Road closure: Station Road, 3 to 5 June <script>x</script>"),
                              idempotency_key="p2")
        feed.delete(second)
    assert NewsItem.objects.count() == 2
    page = client.get("/councils/stalbridge/news").content.decode()
    assert "Bin collections move to Friday" in page and "Road closure" not in page
    response = client.get("/councils/stalbridge/news.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "Bin collections move to Friday this week."
    for tag in ("id", "updated", "link", "author"):
        assert entry.find(f"{ATOM}{tag}") is not None, tag
    assert first.url.endswith(f"/councils/stalbridge/news#news-{first.remote_id}")


@pytest.mark.parametrize("path", ["/councils/stalbridge/news", "/councils/stalbridge/news.atom"])
def test_news_of_an_unknown_council_is_not_found(client, people, path):
    assert client.get(path.replace("stalbridge", "nowhere")).status_code == 404


def test_public_pages_say_when_pre_election_rules_apply(client, people):
    import datetime as dt

    from herald.core import clock
    from herald.elections.services import election_create

    channel = _news_channel(people)
    assert "Pre-election rules apply" not in client.get(f"/councils/stalbridge/channels/{channel.pk}").content.decode()
    today = clock.today_in_london()
    poll = today + dt.timedelta(days=(3 - today.weekday()) % 7 + 7)  # a Thursday 1-2 weeks ahead
    election_create(acting_user=people.clerk.user, council=people.council, kind="by_election", polling_day=poll,
                    notice_date=today - dt.timedelta(days=3), area="Stalbridge ward", candidates=[])
    for path in (f"/councils/stalbridge/channels/{channel.pk}", "/councils/stalbridge/news"):
        assert "Pre-election rules apply until" in client.get(path).content.decode(), path
