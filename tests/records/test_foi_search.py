"""The FOI search: one search across posts, publications, removals, screening decisions, complaints
and audit events, by date range, channel, person and words; impossible date ranges refused."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.core.errors import ValidationFailed
from herald.records import search
from tests.records.test_foi_support import at, march_scope, month  # noqa: F401


def ids(scope, council, kind):
    return {r["id"] for r in search.search_records(council=council, scope=scope, kinds=[kind])}


def test_a_month_finds_every_kind_of_record(people, month):  # noqa: F811
    counts = search.search_counts(council=people.council, scope=march_scope(people))
    assert counts["post"] == 2 and counts["publication"] == 2 and counts["complaint"] == 1
    assert counts["screening"] == 2  # each post screened once on submission
    assert counts["approval"] >= 1  # the resident's post needed the Clerk's approval
    assert counts["audit_event"] > 5
    assert counts["takedown"] == 0
    assert ids(march_scope(people), people.council, "post") == {month["resident"].pk, month["plain"].pk}


def test_channel_person_and_words_filter(people, month):  # noqa: F811
    council = people.council
    other = march_scope(people, channel=month["other"])
    assert search.search_counts(council=council, scope=other)["post"] == 0  # the April post is outside March
    by_member = march_scope(people, person=people.member)
    assert ids(by_member, council, "post") == {month["plain"].pk}
    assert ids(by_member, council, "publication") == {month["plain"].publications.get().pk}
    words = march_scope(people, text="dog")
    assert ids(words, council, "post") == {month["resident"].pk}
    assert ids(march_scope(people, text="07700"), council, "complaint") == {month["complaint"].pk}
    assert search.search_counts(council=council, scope=march_scope(people, text="zebra crossing"))["post"] == 0
    # Audit events about the Town news channel and its posts.
    news_events = list(search.search_records(council=council, scope=march_scope(people, channel=month["news"]),
                                             kinds=["audit_event"]))
    assert news_events and all(r["details"]["target_type"] in ("channels.channel", "posts.post") for r in news_events)
    # The person filter takes what they did in Herald as well as what is about them.
    member_events = list(search.search_records(council=council, scope=by_member, kinds=["audit_event"]))
    assert any("Cllr Member" in r["person"] for r in member_events)


def test_takedowns_are_found(people, month, at):  # noqa: F811
    from herald.posts.services import post_take_down

    at(dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.timezone.utc))
    post_take_down(acting_user=people.clerk.user, post=month["resident"], reason="Personal data of a resident.")
    records = list(search.search_records(council=people.council, scope=march_scope(people), kinds=["takedown"]))
    assert len(records) == 1 and records[0]["text"] == "Personal data of a resident."
    assert records[0]["channel"] == "Town news"


def test_another_councils_records_are_never_found(people, other_people, month):  # noqa: F811
    counts = search.search_counts(council=other_people.council, scope=search.Scope(
        date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31)))
    assert counts["post"] == counts["complaint"] == counts["publication"] == 0
    with pytest.raises(ValidationFailed):
        search.scope_check(council=other_people.council, date_from=None, date_to=None, channel=month["news"])
    with pytest.raises(ValidationFailed):
        search.scope_check(council=other_people.council, date_from=None, date_to=None, person=people.member)


TODAY = dt.date(2026, 5, 20)


@pytest.mark.parametrize("date_from, date_to, field, message", [
    (dt.date(2026, 3, 31), dt.date(2026, 3, 1), "date_to", "is before the start date"),
    (dt.date(2026, 6, 1), None, "date_from", "The start date is in the future"),
    (None, dt.date(2030, 1, 1), "date_to", "too far in the future"),
    (dt.date(1900, 1, 1), None, "date_from", "more than 100 years ago"),
    (None, dt.date(1800, 12, 31), "date_to", "more than 100 years ago"),
])
def test_impossible_date_ranges_are_refused_plainly(people, date_from, date_to, field, message):
    with pytest.raises(ValidationFailed) as exc:
        search.scope_check(council=people.council, date_from=date_from, date_to=date_to, today=TODAY)
    assert message in exc.value.message and exc.value.field == field


def test_good_ranges_pass_and_describe_themselves(people):
    scope = search.scope_check(council=people.council, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 1),
                               text="  bins   collection ", today=TODAY)
    assert scope.text == "bins collection"
    assert scope.describe() == "from 1 March 2026 to 1 March 2026, mentioning “bins collection”"
    assert search.scope_check(council=people.council, date_from=None, date_to=dt.date(2026, 6, 30),
                              today=TODAY).date_to == dt.date(2026, 6, 30)  # the rest of this month is fine
    with pytest.raises(ValidationFailed):
        search.scope_check(council=people.council, date_from=None, date_to=None, text="x" * 201, today=TODAY)
