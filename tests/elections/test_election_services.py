"""Elections register services: periods computed and merged, bad input refused, nothing half-saved, audited."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from herald.core.errors import Conflict, ValidationFailed
from herald.elections import selectors, services
from herald.elections.errors import NeedsConfirmation
from herald.elections.models import Election, PreElectionPeriod
from herald.elections.timetable import NoticeAfterPollError, UnsupportedYearError
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.models import AuditEvent

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def add(people, **kwargs) -> Election:
    kwargs.setdefault("kind", "local")
    return services.election_create(acting_user=people.clerk.user, council=people.council, **kwargs)


def counts() -> tuple[int, int, int]:
    return Election.objects.count(), PreElectionPeriod.objects.count(), AuditEvent.objects.count()


def test_local_election_uses_the_statutory_latest_notice_when_none_is_entered(people):
    election = add(people, polling_day=dt.date(2027, 5, 6), area="Whole council")
    assert election.start_is_computed and election.statutory_start == dt.date(2027, 3, 31)
    assert election.period_starts_at == london(2027, 3, 31, 0, 0)
    assert election.period_ends_at == london(2027, 5, 6, 22, 0)
    period = PreElectionPeriod.objects.get()
    assert (period.council, period.starts_at, period.ends_at) == (people.council, london(2027, 3, 31), london(2027, 5, 6, 22))
    assert list(period.elections.all()) == [election]


def test_entered_notice_date_starts_the_period(people):
    election = add(people, polling_day=dt.date(2027, 5, 6), notice_date=dt.date(2027, 3, 19))
    assert not election.start_is_computed
    assert PreElectionPeriod.objects.get().starts_at == london(2027, 3, 19)
    assert selectors.election_warnings(election=election) == []


def test_general_election_starts_at_dissolution(people):
    computed = add(people, kind="general", polling_day=dt.date(2029, 8, 16))
    # 25 UK working days before: 6 August (Scotland) and 12 July (Northern Ireland) do not count.
    assert computed.statutory_start == dt.date(2029, 7, 10)
    entered = add(people, kind="general", polling_day=dt.date(2024, 7, 4), dissolution_date=dt.date(2024, 5, 30))
    assert entered.period_starts_at == london(2024, 5, 30)


def test_referendum_period_is_28_days(people):
    election = add(people, kind="referendum", polling_day=dt.date(2026, 6, 11))
    assert election.period_starts_at == london(2026, 5, 14)


def test_period_across_the_spring_clock_change_is_stored_in_utc(people):
    add(people, polling_day=dt.date(2030, 5, 2))
    period = PreElectionPeriod.objects.get()
    assert period.starts_at == dt.datetime(2030, 3, 26, 0, 0, tzinfo=UTC)   # GMT
    assert period.ends_at == dt.datetime(2030, 5, 2, 21, 0, tzinfo=UTC)     # 10pm BST


def test_overlapping_periods_are_merged_and_split_again_on_cancel(people):
    local = add(people, polling_day=dt.date(2027, 5, 6))
    by = add(people, kind="by_election", polling_day=dt.date(2027, 5, 20), notice_date=dt.date(2027, 4, 14),
             area="Stalbridge East ward")
    later = add(people, kind="by_election", polling_day=dt.date(2027, 10, 14), area="Stalbridge West ward")
    periods = selectors.period_list(council=people.council)
    assert [(p.starts_at, p.ends_at) for p in periods] == [
        (london(2027, 3, 31), london(2027, 5, 20, 22)),
        (later.period_starts_at, london(2027, 10, 14, 22)),
    ]
    assert {e.pk for e in periods[0].elections.all()} == {local.pk, by.pk}
    merged_id, sequence = periods[0].pk, periods[0].sequence
    assert sequence == 1  # created for the local election, then moved when the by-election joined

    services.election_cancel(acting_user=people.clerk.user, election=by, reason="Uncontested")
    periods = selectors.period_list(council=people.council)
    assert [(p.starts_at, p.ends_at) for p in periods][0] == (london(2027, 3, 31), london(2027, 5, 6, 22))
    assert periods[0].pk == merged_id and periods[0].sequence == sequence + 1  # same UID for calendars
    by.refresh_from_db()
    assert by.period is None and by.cancelled and by.cancel_reason == "Uncontested"


def test_periods_that_touch_are_merged(people):
    first = add(people, kind="by_election", polling_day=dt.date(2027, 7, 15), notice_date=dt.date(2027, 6, 10))
    add(people, kind="by_election", polling_day=dt.date(2027, 8, 12), notice_date=dt.date(2027, 7, 15))
    assert PreElectionPeriod.objects.count() == 1
    assert PreElectionPeriod.objects.get().starts_at == first.period_starts_at


def test_changing_the_notice_date_moves_the_period_and_is_audited(people):
    election = add(people, polling_day=dt.date(2027, 5, 6))
    services.election_update(acting_user=people.clerk.user, election=election, kind="local",
                             polling_day=dt.date(2027, 5, 6), notice_date=dt.date(2027, 3, 22),
                             candidates="Ann Smith\nBob Jones\n\nann smith")
    election.refresh_from_db()
    assert election.candidates == ["Ann Smith", "Bob Jones"]
    assert PreElectionPeriod.objects.get().starts_at == london(2027, 3, 22)
    event = AuditEvent.objects.filter(event_type=EventType.ELECTION_CHANGED).get()
    assert event.data["before"]["notice_date"] is None and event.data["after"]["notice_date"] == "2027-03-22"
    assert event.data["after"]["start_is_computed"] is False
    assert event.actor == people.clerk.user and event.council == people.council


def test_saving_without_a_change_writes_no_event(people):
    election = add(people, polling_day=dt.date(2027, 5, 6))
    before = counts()
    services.election_update(acting_user=people.clerk.user, election=election, kind="local",
                             polling_day=dt.date(2027, 5, 6))
    assert counts() == before


def test_every_change_is_audited_in_the_councils_chain(people):
    election = add(people, polling_day=dt.date(2027, 5, 6), candidates=["Ann Smith"])
    services.election_cancel(acting_user=people.clerk.user, election=election, reason="Order of the court")
    events = list(AuditEvent.objects.filter(council=people.council, event_type__in=[601, 602, 603]).order_by("seq"))
    assert [e.event_type for e in events] == [EventType.ELECTION_ADDED, EventType.ELECTION_CANCELLED]
    assert events[0].data["after"]["candidates"] == ["Ann Smith"]
    assert events[0].data["merged_period"]["from"].startswith("2027-03-30T23:00")
    assert events[1].data == {"reason": "Order of the court"}
    assert events[0].target_label == "Scheduled local election, Thursday 6 May 2027"
    assert audit_verify(council=people.council) is None


@pytest.mark.parametrize(("kwargs", "error", "field", "message"), [
    ({"polling_day": dt.date(2027, 5, 6), "notice_date": dt.date(2027, 5, 7)}, NoticeAfterPollError, "notice_date",
     "after polling day"),
    ({"kind": "general", "polling_day": dt.date(2029, 8, 16), "dissolution_date": dt.date(2029, 8, 17)},
     NoticeAfterPollError, "dissolution_date", "after polling day"),
    ({"polling_day": dt.date(2101, 5, 5)}, UnsupportedYearError, "polling_day", "2007 to 2100"),
    ({"polling_day": dt.date(2006, 5, 4)}, UnsupportedYearError, "polling_day", "2007 to 2100"),
    ({"kind": "by_election", "polling_day": dt.date(2007, 1, 11)}, UnsupportedYearError, "polling_day",
     "cannot work out the timetable"),
    ({"polling_day": dt.date(2027, 5, 6), "notice_date": dt.date(2026, 3, 31)}, ValidationFailed, "notice_date",
     "more than a year before"),
    ({"kind": "mayoral", "polling_day": dt.date(2027, 5, 6)}, ValidationFailed, "kind", "Select the kind"),
    ({"polling_day": None}, ValidationFailed, "polling_day", "Enter polling day"),
    ({"polling_day": dt.date(2027, 5, 6), "dissolution_date": dt.date(2027, 4, 1)}, ValidationFailed,
     "dissolution_date", "Only a UK Parliamentary general election"),
    ({"kind": "general", "polling_day": dt.date(2029, 8, 16), "notice_date": dt.date(2029, 7, 1)}, ValidationFailed,
     "notice_date", "enter the dissolution date"),
    ({"polling_day": dt.date(2027, 5, 6), "area": "x" * 201}, ValidationFailed, "area", "200 characters"),
    ({"polling_day": dt.date(2027, 5, 6), "candidates": ["x" * 201]}, ValidationFailed, "candidates", "200 characters"),
    ({"polling_day": dt.date(2027, 5, 4)}, NeedsConfirmation, "polling_day", "is not a Thursday"),
    ({"kind": "general", "polling_day": dt.date(2029, 8, 15)}, NeedsConfirmation, "polling_day", "not a Thursday"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(people, kwargs, error, field, message):
    before = counts()
    with pytest.raises(error, match=message) as raised:
        add(people, **kwargs)
    assert raised.value.field == field
    assert counts() == before


def test_scheduled_local_poll_not_on_a_thursday_needs_confirmation(people):
    with pytest.raises(NeedsConfirmation):
        add(people, polling_day=dt.date(2027, 5, 4))
    election = add(people, polling_day=dt.date(2027, 5, 4), confirm_not_thursday=True)
    warnings = selectors.election_warnings(election=election)
    assert any("is not a Thursday" in w for w in warnings)
    assert any("first Thursday in May (Thursday 6 May 2027)" in w for w in warnings)
    # Changing something else later does not ask again.
    services.election_update(acting_user=people.clerk.user, election=election, kind="local",
                             polling_day=dt.date(2027, 5, 4), area="Whole council")


def test_by_election_on_another_day_is_allowed_with_a_warning(people):
    election = add(people, kind="by_election", polling_day=dt.date(2027, 7, 13))
    assert election.pk and "is not a Thursday" in selectors.election_warnings(election=election)[0]


def test_notice_later_than_the_statutory_date_is_warned(people):
    election = add(people, polling_day=dt.date(2027, 5, 6), notice_date=dt.date(2027, 4, 6))
    assert "later than the latest date allowed by law (Wednesday 31 March 2027)" in \
        selectors.election_warnings(election=election)[0]


def test_the_same_election_twice_is_a_conflict(people):
    add(people, polling_day=dt.date(2027, 5, 6), area="Whole council")
    with pytest.raises(Conflict):
        add(people, polling_day=dt.date(2027, 5, 6), area="whole council")


def test_a_failure_after_saving_leaves_nothing_half_saved(people, monkeypatch):
    add(people, polling_day=dt.date(2027, 5, 6))
    before = counts()
    period_before = list(PreElectionPeriod.objects.values_list("pk", "starts_at", "ends_at", "sequence"))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        add(people, kind="by_election", polling_day=dt.date(2027, 5, 20), area="East ward")
    assert counts() == before
    assert list(PreElectionPeriod.objects.values_list("pk", "starts_at", "ends_at", "sequence")) == period_before


def test_cancelled_and_held_elections_cannot_be_cancelled_or_changed(people):
    held = add(people, polling_day=dt.date(2023, 5, 4))
    with pytest.raises(Conflict, match="already been held"):
        services.election_cancel(acting_user=people.clerk.user, election=held, reason="Oops")
    coming = add(people, polling_day=dt.date(2099, 5, 7))
    with pytest.raises(ValidationFailed, match="Enter why"):
        services.election_cancel(acting_user=people.clerk.user, election=coming, reason="  ")
    services.election_cancel(acting_user=people.clerk.user, election=coming, reason="Abolished")
    with pytest.raises(Conflict, match="already been cancelled"):
        services.election_cancel(acting_user=people.clerk.user, election=coming, reason="Again")
    with pytest.raises(Conflict, match="cancelled"):
        services.election_update(acting_user=people.clerk.user, election=coming, kind="local",
                                 polling_day=dt.date(2099, 5, 7))


def test_councils_are_isolated(people, other_people):
    ours = add(people, polling_day=dt.date(2027, 5, 6))
    theirs = services.election_create(acting_user=other_people.clerk.user, council=other_people.council,
                                      kind="by_election", polling_day=dt.date(2027, 5, 20), area="Milborne ward")
    # The same dates in both councils are not merged across councils.
    assert [p.elections.get() for p in selectors.period_list(council=people.council)] == [ours]
    assert [p.elections.get() for p in selectors.period_list(council=other_people.council)] == [theirs]
    assert selectors.election_list(council=other_people.council) == [theirs]
    at = london(2027, 5, 10, 12)
    assert selectors.period_current(council=people.council, at=at) is None
    assert selectors.period_current(council=other_people.council, at=at).elections.get() == theirs
    assert not AuditEvent.objects.filter(council=people.council, target_id=str(theirs.pk),
                                         event_type=EventType.ELECTION_ADDED).exists()


def test_current_and_next_period(people):
    add(people, polling_day=dt.date(2027, 5, 6))
    add(people, kind="by_election", polling_day=dt.date(2027, 10, 14))
    council = people.council
    assert selectors.period_current(council=council, at=london(2027, 3, 30, 23, 59)) is None
    assert selectors.period_next(council=council, at=london(2027, 3, 30, 23, 59)).starts_at == london(2027, 3, 31)
    current = selectors.period_current(council=council, at=london(2027, 3, 31))
    assert current is not None and current.ends_at == london(2027, 5, 6, 22)
    assert selectors.period_current(council=council, at=london(2027, 5, 6, 21, 59)) == current
    assert selectors.period_current(council=council, at=london(2027, 5, 6, 22)) is None  # close of poll is outside
    status = selectors.period_status(council=council, at=london(2027, 4, 1))
    assert status.summary == ("A pre-election period is in force: pre-election rules apply until "
                              "10pm on Thursday 6 May 2027 (UK time), closing all official channels.")
    status = selectors.period_status(council=council, at=london(2027, 5, 7))
    assert status.current is None and "The next starts at the start of" in status.summary
    calendar = selectors.period_calendar(council=council, at=london(2027, 4, 1))
    assert calendar.current == current and len(calendar.upcoming) == 1 and calendar.past == []


@pytest.mark.parametrize(("today", "registered", "expected"), [
    (dt.date(2026, 11, 25), None, dt.date(2027, 5, 6)),
    (dt.date(2027, 3, 1), None, dt.date(2027, 5, 6)),
    (dt.date(2027, 5, 6), None, dt.date(2028, 5, 4)),
    (dt.date(2026, 11, 25), dt.date(2023, 5, 4), dt.date(2027, 5, 6)),
    (dt.date(2026, 11, 25), dt.date(2019, 5, 2), dt.date(2027, 5, 6)),
    (dt.date(2026, 11, 25), dt.date(2027, 5, 6), dt.date(2031, 5, 1)),
])
def test_suggested_polling_day_is_the_first_thursday_in_may_of_the_next_election_year(people, today, registered,
                                                                                      expected):
    if registered:
        add(people, polling_day=registered)
    assert selectors.ordinary_polling_day_next(council=people.council, today=today) == expected
