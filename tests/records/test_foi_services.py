"""FOI register services: due dates on the FOI calendar, responses, internal reviews, legal holds,
audit events and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.elections.timetable import foi_response_due
from herald.records import foi
from herald.records.events import EventType
from herald.records.holds import held_ids, is_on_hold
from herald.records.models import AuditEvent, FoiRequest, LegalHold
from herald.records.selectors import foi_request_counts, foi_request_list
from tests.records.test_foi_support import at, march_scope, month, open_request  # noqa: F401


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


# Each due date worked out by hand as well as by the calendar (FOIA s.10: the day of receipt is
# day 0; weekends, Christmas Day, Good Friday and bank holidays in any part of the UK do not count;
# Christmas Eve does).
@pytest.mark.parametrize("received, due", [
    # Fri 18 Dec 2026 -> 21, 22, 23, 24 Dec (Christmas Eve counts) = 4; 25 Dec Christmas Day; 26 Dec is a
    # Saturday so Boxing Day moves to Mon 28 Dec; 29, 30, 31 Dec = 7; 1 Jan New Year's Day; 2 Jan (Scotland)
    # falls on a Saturday so Mon 4 Jan is Scotland's substitute day; 5-8 Jan = 11; 11-15 Jan = 16;
    # 18-21 Jan = 20 -> Thursday 21 January 2027.
    ("2026-12-18", "2027-01-21"),
    # Wed 23 Dec 2026 -> 24 Dec = 1; 29-31 Dec = 4; 5-8 Jan = 8; 11-15 = 13; 18-22 = 18; 25, 26 Jan = 20.
    ("2026-12-23", "2027-01-26"),
    # Fri 27 Mar 2026 -> 30 Mar-2 Apr = 4; Good Friday 3 Apr and Easter Monday 6 Apr (England, NI) do not
    # count; 7-10 Apr = 8; 13-17 = 13; 20-24 = 18; 27, 28 Apr = 20 -> 28 April 2026.
    ("2026-03-27", "2026-04-28"),
    # Mon 2 Mar 2026 -> St Patrick's Day (Tue 17 Mar, Northern Ireland) does not count: 31 March 2026.
    ("2026-03-02", "2026-03-31"),
    # Mon 2 Nov 2026 -> St Andrew's Day (Mon 30 Nov, Scotland) does not count: 1 December 2026.
    ("2026-11-02", "2026-12-01"),
    # Mon 1 Jun 2026 -> 2-5 Jun = 4; 8-12 = 9; Mon 15 Jun 2026 is a one-off bank holiday in Scotland (FIFA
    # World Cup, in the pinned `holidays` package), so it does not count; 16-19 = 13; 22-26 = 18; 29, 30 Jun = 20.
    ("2026-06-01", "2026-06-30"),
    # An ordinary month: Mon 2 Feb 2026 + 20 working days = Mon 2 March 2026.
    ("2026-02-02", "2026-03-02"),
])
def test_due_dates_on_the_foi_calendar(received, due):
    assert foi_response_due(dt.date.fromisoformat(received)) == dt.date.fromisoformat(due)


def test_review_deadlines():
    # Answered Fri 18 Dec 2026: 40 working days later (as above, day 20 is 21 Jan; 20 more: 22 Jan ... 18 Feb).
    assert foi.review_ask_by(dt.date(2026, 12, 18)) == dt.date(2027, 2, 18)
    assert foi.review_due(dt.date(2026, 3, 27)) == dt.date(2026, 4, 28)


def test_open_numbers_and_audits(people, at):  # noqa: F811
    at(dt.datetime(2026, 12, 18, 10, 0, tzinfo=dt.timezone.utc))
    first = open_request(people, received_on=dt.date(2026, 12, 18))
    second = open_request(people, received_on=dt.date(2026, 12, 17))
    assert (first.reference, second.reference) == ("FOI-2026-0001", "FOI-2026-0002")
    assert first.due_on == dt.date(2027, 1, 21) and first.status == "open"
    event = AuditEvent.objects.get(event_type=EventType.FOI_REQUEST_OPENED, target_id=str(first.pk))
    assert event.data["due_on"] == "2027-01-21" and event.actor == people.clerk.user


@pytest.mark.parametrize("field, value, message", [
    ("requester_name", "  ", "Enter the requester's name"),
    ("requester_contact", "", "Enter how to reply"),
    ("request_text", "", "Enter what they asked for"),
    ("request_text", "x" * 10_001, "10,000 characters or fewer"),
    ("received_on", None, "Enter the date the request was received"),
    ("received_on", dt.date(2999, 1, 1), "cannot be in the future"),
    ("received_on", dt.date(1800, 1, 1), "more than 100 years ago"),
])
def test_open_refuses_bad_input(people, field, value, message):
    with pytest.raises(ValidationFailed) as exc:
        open_request(people, **{field: value})
    assert message in exc.value.message and exc.value.field == field
    assert not FoiRequest.objects.exists() and not AuditEvent.objects.filter(event_type=904).exists()


def test_only_the_clerk_may_open(people, other_people):
    for rep in (people.chair, people.officer, people.member):
        with pytest.raises(NotAllowed):
            foi.foi_request_open(acting_user=rep.user, council=people.council, requester_name="A",
                                 requester_contact="a@example.org", received_on=clock.today_in_london(),
                                 request_text="Posts")
    with pytest.raises(NotAllowed):  # another council's Clerk
        foi.foi_request_open(acting_user=other_people.clerk.user, council=people.council, requester_name="A",
                             requester_contact="a@example.org", received_on=clock.today_in_london(),
                             request_text="Posts")


def test_scope_places_holds_and_closing_releases_them(people, month):  # noqa: F811
    request = open_request(people)
    held = foi.foi_request_scope_set(acting_user=people.clerk.user, foi_request=request,
                                     scope=march_scope(people, channel=month["news"]))
    # Two posts and their two publications on Town news in March, and the complaint about one of them.
    assert held == 5
    assert is_on_hold(month["resident"]) and is_on_hold(month["plain"]) and is_on_hold(month["complaint"])
    assert not is_on_hold(month["april"])
    from herald.posts.models import Post

    assert {str(month["resident"].pk), str(month["plain"].pk)} <= held_ids(Post)
    # Setting the same scope again holds nothing twice.
    assert foi.foi_request_scope_set(acting_user=people.clerk.user, foi_request=request,
                                     scope=march_scope(people, channel=month["news"])) == 0
    event = AuditEvent.objects.filter(event_type=EventType.LEGAL_HOLD_PLACED).latest("seq")
    assert event.data["count"] == 5 and event.data["foi_request"] == request.reference

    foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="answered",
                            response_text="Attached.")
    foi.foi_request_close(acting_user=people.clerk.user, foi_request=request)
    assert not is_on_hold(month["plain"]) and not is_on_hold(month["complaint"])
    assert is_on_hold(month["resident"])  # still held by the open complaint about it (its own hold)
    assert LegalHold.objects.filter(foi_request=request, released_at__isnull=False).count() == 5
    assert AuditEvent.objects.filter(event_type=EventType.LEGAL_HOLD_RELEASED).latest("seq").data["count"] == 5


def test_a_complaint_hold_survives_the_request_closing(people, month):  # noqa: F811
    """The complaint about the resident's post holds it too: closing the FOI request releases only its own."""
    request = open_request(people)
    foi.foi_request_scope_set(acting_user=people.clerk.user, foi_request=request, scope=march_scope(people))
    foi.foi_request_close(acting_user=people.clerk.user, foi_request=request, note="Withdrawn by the requester.")
    assert is_on_hold(month["resident"])  # the open complaint's hold
    assert not is_on_hold(month["plain"])


def test_respond_needs_an_exemption_for_anything_withheld(people):
    request = open_request(people)
    with pytest.raises(ValidationFailed) as exc:
        foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="partly_withheld",
                                response_text="Some attached.")
    assert exc.value.field == "exemption"
    with pytest.raises(ValidationFailed):
        foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="maybe",
                                response_text="x")
    with pytest.raises(ValidationFailed) as exc:
        foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="answered",
                                response_text="x", responded_on=request.received_on - dt.timedelta(days=1))
    assert "before the date the request was received" in exc.value.message
    done = foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="withheld",
                                   response_text="Refused.", exemption="s.40(2) personal information")
    assert done.status == "withheld" and done.exemption.startswith("s.40")
    with pytest.raises(Conflict):
        foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="answered",
                                response_text="Again")


def test_closing_an_unanswered_request_needs_a_note(people):
    request = open_request(people)
    with pytest.raises(ValidationFailed) as exc:
        foi.foi_request_close(acting_user=people.clerk.user, foi_request=request)
    assert exc.value.field == "note"
    closed = foi.foi_request_close(acting_user=people.clerk.user, foi_request=request, note="Withdrawn.")
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(Conflict):
        foi.foi_request_close(acting_user=people.clerk.user, foi_request=request, note="Again")


def test_internal_review_window_and_due_date(people, month, at):  # noqa: F811
    at(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc))
    request = open_request(people, received_on=dt.date(2026, 3, 2))
    foi.foi_request_scope_set(acting_user=people.clerk.user, foi_request=request, scope=march_scope(people))
    at(dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.timezone.utc))
    foi.foi_request_respond(acting_user=people.clerk.user, foi_request=request, outcome="answered",
                            response_text="Attached.", responded_on=dt.date(2026, 3, 27))
    foi.foi_request_close(acting_user=people.clerk.user, foi_request=request)
    assert not is_on_hold(month["plain"])
    at(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.timezone.utc))
    # 40 working days after Fri 27 Mar 2026 (Easter does not count): 28 Apr is day 20; 4 May is a bank
    # holiday, 25 May too: the last day is Thursday 28 May 2026.
    with pytest.raises(ValidationFailed) as exc:
        foi.foi_review_request(acting_user=people.clerk.user, foi_request=request, requested_on=dt.date(2026, 5, 29),
                               grounds="Not everything was sent.")
    assert "28 May 2026" in exc.value.message
    reviewed = foi.foi_review_request(acting_user=people.clerk.user, foi_request=request,
                                      requested_on=dt.date(2026, 5, 28), grounds="Not everything was sent.")
    # 20 working days after Thu 28 May 2026: 29 May, 1-12 Jun = 11; Mon 15 Jun 2026 is a one-off bank holiday
    # in Scotland (proclaimed; in the pinned `holidays` package) so it does not count; 16-19 Jun = 15;
    # 22-26 Jun = 20 -> Friday 26 June 2026.
    assert reviewed.status == "under_review" and reviewed.review_due_on == dt.date(2026, 6, 26)
    assert is_on_hold(month["plain"])  # held again while the review is open
    assert foi_request_counts(council=people.council) == {"open": 1, "overdue": 0}
    with pytest.raises(Conflict):
        foi.foi_review_request(acting_user=people.clerk.user, foi_request=reviewed, requested_on=dt.date(2026, 5, 28),
                               grounds="Again")
    with pytest.raises(ValidationFailed):
        foi.foi_review_decide(acting_user=people.clerk.user, foi_request=reviewed, outcome="whatever", notes="x")
    decided = foi.foi_review_decide(acting_user=people.clerk.user, foi_request=reviewed, outcome="upheld",
                                    notes="All was sent.")
    assert decided.status == "closed" and not is_on_hold(month["plain"])
    assert AuditEvent.objects.filter(event_type=EventType.FOI_REVIEW_DECIDED, target_id=str(request.pk)).exists()


def test_a_review_needs_a_response_first(people):
    request = open_request(people)
    with pytest.raises(Conflict):
        foi.foi_review_request(acting_user=people.clerk.user, foi_request=request,
                               requested_on=clock.today_in_london(), grounds="Why?")


def test_counts_and_register_filters(people, other_people, at):  # noqa: F811
    at(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc))
    late = open_request(people, received_on=dt.date(2026, 3, 2))  # due 31 March 2026
    answered = open_request(people, received_on=dt.date(2026, 3, 2))
    foi.foi_request_respond(acting_user=people.clerk.user, foi_request=answered, outcome="answered",
                            response_text="Sent.")
    open_request(other_people, received_on=dt.date(2026, 3, 2))
    at(dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.timezone.utc))
    fresh = open_request(people, received_on=dt.date(2026, 4, 1))
    assert foi_request_counts(council=people.council) == {"open": 2, "overdue": 1}
    assert foi_request_counts(council=people.council, today=dt.date(2026, 3, 31)) == {"open": 2, "overdue": 0}
    assert list(foi_request_list(council=people.council, show="overdue")) == [late]
    assert list(foi_request_list(council=people.council, show="open")) == [late, fresh]
    assert list(foi_request_list(council=people.council, show="closed")) == [answered]
    assert foi_request_counts(council=other_people.council) == {"open": 1, "overdue": 1}
