"""Elections register services: the only write path for elections and pre-election periods.

Each service runs in one transaction: it checks the input, computes the election's period with
`herald.elections.timetable`, saves, rebuilds the council's merged `PreElectionPeriod` rows and
writes its audit event. Any failure leaves nothing saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.councils.models import Council
from herald.elections.errors import NeedsConfirmation
from herald.elections.models import START_LABEL, TIMETABLE_KIND, Election, Kind, PreElectionPeriod, Status
from herald.elections.timetable import (
    FIRST_SUPPORTED_YEAR,
    LAST_SUPPORTED_YEAR,
    ElectionPeriod,
    NoticeAfterPollError,
    TimetableError,
    UnsupportedYearError,
    election_period,
    long_date,
    merge_periods,
)
from herald.records.audit import audit_record
from herald.records.events import EventType

TRACKED = ("kind", "polling_day", "notice_date", "dissolution_date", "area", "description", "candidates",
           "all_channels", "period_starts_at", "period_ends_at")
MAX_CANDIDATES = 100
#: An entered notice (or dissolution) date more than this before polling day is almost surely a typo.
MAX_NOTICE_LEAD = dt.timedelta(days=366)
#: Kinds whose polling day is a Thursday by law or convention: another day needs confirmation.
THURSDAY_KINDS = (Kind.LOCAL, Kind.GENERAL)


def _json(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _snapshot(election: Election) -> dict:
    channels = [] if election.pk is None or election.all_channels else sorted(
        election.channels.values_list("pk", flat=True))
    return ({name: _json(getattr(election, name)) for name in TRACKED}
            | {"channels": channels, "start_is_computed": election.start_is_computed})


@dataclass(frozen=True)
class _Cleaned:
    kind: Kind
    polling_day: dt.date
    notice_date: dt.date | None
    dissolution_date: dt.date | None
    area: str
    description: str
    candidates: list[str]
    period: ElectionPeriod
    all_channels: bool
    channels: list


def _clean_channels(council: Council, channel_ids) -> tuple[bool, list]:
    """None means every official channel (also those added later); otherwise the official channels chosen."""
    from herald.channels.models import Channel

    if channel_ids is None:
        return True, []
    try:
        wanted = {int(pk) for pk in channel_ids}
    except (TypeError, ValueError):
        raise ValidationFailed("Select the channels from the list.", field="channels") from None
    if not wanted:
        raise ValidationFailed("Select at least one channel, or choose all official channels.", field="channels")
    found = [c for c in Channel.objects.filter(council=council, pk__in=wanted).order_by("name") if c.official]
    if len(found) != len(wanted):
        raise ValidationFailed("Select official channels of the council from the list.", field="channels")
    return False, found


def _clean_candidates(candidates: Iterable[str] | str) -> list[str]:
    if isinstance(candidates, str):
        candidates = candidates.splitlines()
    names: list[str] = []
    for raw in candidates or ():
        name = " ".join(str(raw).split())
        if not name or name.casefold() in (n.casefold() for n in names):
            continue
        if len(name) > 200:
            raise ValidationFailed("Each candidate's name must be 200 characters or fewer.", field="candidates")
        names.append(name)
    if len(names) > MAX_CANDIDATES:
        raise ValidationFailed(f"Enter at most {MAX_CANDIDATES} candidates.", field="candidates")
    return names


def _is_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _clean(*, council: Council, kind: str, polling_day: dt.date | None, notice_date: dt.date | None,
           dissolution_date: dt.date | None, area: str, description: str, candidates: Iterable[str] | str,
           confirm_not_thursday: bool, channel_ids=None, exclude_pk: int | None = None) -> _Cleaned:
    if kind not in Kind.values:
        raise ValidationFailed("Select the kind of election.", field="kind")
    kind = Kind(kind)
    if not _is_date(polling_day):
        raise ValidationFailed("Enter polling day.", field="polling_day")
    for name, value in (("notice_date", notice_date), ("dissolution_date", dissolution_date)):
        if value is not None and not _is_date(value):
            raise ValidationFailed("Enter a real date.", field=name)
    if dissolution_date is not None and kind != Kind.GENERAL:
        raise ValidationFailed("Only a UK Parliamentary general election has a dissolution date: leave it blank.",
                               field="dissolution_date")
    if notice_date is not None and kind == Kind.GENERAL:
        raise ValidationFailed("For a general election the pre-election period starts when Parliament is "
                               "dissolved: enter the dissolution date instead.", field="notice_date")
    start_field = "dissolution_date" if kind == Kind.GENERAL else "notice_date"
    start_date = dissolution_date if kind == Kind.GENERAL else notice_date
    area = " ".join((area or "").split())
    if len(area) > 200:
        raise ValidationFailed("The area must be 200 characters or fewer.", field="area")
    description = (description or "").strip()
    if len(description) > 2000:
        raise ValidationFailed("The description must be 2000 characters or fewer.", field="description")
    names = _clean_candidates(candidates)
    all_channels, channels = _clean_channels(council, channel_ids)

    if not FIRST_SUPPORTED_YEAR <= polling_day.year <= LAST_SUPPORTED_YEAR:
        raise UnsupportedYearError(
            f"Herald has bank holiday data for {FIRST_SUPPORTED_YEAR} to {LAST_SUPPORTED_YEAR} only, so it cannot "
            f"work out the timetable for a poll in {polling_day.year}. Check the year of polling day.",
            field="polling_day", details={"year": polling_day.year})
    if start_date is not None and start_date < polling_day - MAX_NOTICE_LEAD:
        raise ValidationFailed(
            f"The {START_LABEL[kind]} date ({long_date(start_date)}) is more than a year before polling day "
            f"({long_date(polling_day)}). Check the year.", field=start_field)
    try:
        period = election_period(polling_day, start_date, TIMETABLE_KIND[kind])
    except NoticeAfterPollError as exc:
        raise NoticeAfterPollError(exc.message, field=start_field, details=exc.details) from None
    except UnsupportedYearError as exc:
        # Counting back 25 working days can leave the supported years (a poll in early January 2007).
        raise UnsupportedYearError(
            f"{exc.message} Herald cannot work out the timetable for this polling day.", field="polling_day",
            details=exc.details) from None
    except TimetableError as exc:
        raise ValidationFailed(exc.message, field=exc.field or "polling_day", details=exc.details) from None

    if polling_day.weekday() != 3 and kind in THURSDAY_KINDS and not confirm_not_thursday:
        raise NeedsConfirmation(
            f"Polling day ({long_date(polling_day)}) is not a Thursday. A {kind.label.lower()} is held on a "
            "Thursday: check the date, or confirm that this polling day is right.", field="polling_day")

    clash = Election.objects.filter(council=council, kind=kind, polling_day=polling_day, area__iexact=area,
                                    status=Status.SCHEDULED).exclude(pk=exclude_pk)
    if clash.exists():
        raise Conflict("This election is already in the register.", field="polling_day")
    return _Cleaned(kind, polling_day, notice_date, dissolution_date, area, description, names, period,
                    all_channels, channels)


def _apply(election: Election, cleaned: _Cleaned) -> None:
    election.kind = cleaned.kind
    election.polling_day = cleaned.polling_day
    election.notice_date = cleaned.notice_date
    election.dissolution_date = cleaned.dissolution_date
    election.area = cleaned.area
    election.description = cleaned.description
    election.candidates = cleaned.candidates
    election.all_channels = cleaned.all_channels
    election.statutory_start = cleaned.period.statutory_start
    election.period_starts_at = cleaned.period.start_utc
    election.period_ends_at = cleaned.period.end_utc


def _lock_council(council: Council) -> None:
    """Serialise changes to one council's register (PostgreSQL row lock; SQLite writes are serial)."""
    Council.objects.select_for_update().filter(pk=council.pk).first()


def _periods_rebuild(*, council: Council) -> None:
    """Rebuild the council's PreElectionPeriod rows: one per group of overlapping or touching elections.

    Rows are kept where they still cover one of the same elections (so their ids, and calendar
    UIDs, stay stable); a row whose span moves gets a higher `sequence`; rows left covering no
    scheduled election are deleted. Rule: issue 4, "overlapping periods (merged)".
    """
    scheduled = list(Election.objects.filter(council=council, status=Status.SCHEDULED).order_by("pk"))
    pieces = {}
    for election in scheduled:
        piece = ElectionPeriod(kind=TIMETABLE_KIND[Kind(election.kind)], poll=election.polling_day,
                               start=election.period_starts_at, end=election.period_ends_at,
                               statutory_start=election.statutory_start, start_is_computed=election.start_is_computed)
        pieces[id(piece)] = (piece, election)
    existing = {p.pk: p for p in PreElectionPeriod.objects.select_for_update().filter(council=council)}
    kept: set[int] = set()
    for span in merge_periods(piece for piece, _ in pieces.values()):
        members = [pieces[id(piece)][1] for piece in span.periods]
        reusable = sorted({e.period_id for e in members if e.period_id in existing and e.period_id not in kept})
        start, end = span.start.astimezone(dt.UTC), span.end.astimezone(dt.UTC)
        if reusable:
            row = existing[reusable[0]]
            if (row.starts_at, row.ends_at) != (start, end):
                row.starts_at, row.ends_at, row.sequence = start, end, row.sequence + 1
                row.full_clean()
                row.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
        else:
            row = PreElectionPeriod(council=council, starts_at=start, ends_at=end)
            row.full_clean()
            row.save()
        kept.add(row.pk)
        for election in members:
            if election.period_id != row.pk:
                election.period = row
                election.save(update_fields=["period"])
    for election in Election.objects.filter(council=council, period__isnull=False).exclude(status=Status.SCHEDULED):
        election.period = None
        election.save(update_fields=["period"])
    PreElectionPeriod.objects.filter(council=council).exclude(pk__in=kept).delete()


def _merged(election: Election) -> dict | None:
    election.refresh_from_db(fields=["period"])
    if election.period is None:
        return None
    return {"period": election.period.pk, "from": _json(election.period.starts_at),
            "until": _json(election.period.ends_at)}


@transaction.atomic
def election_create(*, acting_user, council: Council, kind: str, polling_day: dt.date,
                    notice_date: dt.date | None = None, dissolution_date: dt.date | None = None, area: str = "",
                    description: str = "", candidates: Iterable[str] | str = (),
                    confirm_not_thursday: bool = False, channel_ids=None) -> Election:
    """Add an election to the register and rebuild the council's pre-election periods."""
    _lock_council(council)
    cleaned = _clean(council=council, kind=kind, polling_day=polling_day, notice_date=notice_date,
                     dissolution_date=dissolution_date, area=area, description=description, candidates=candidates,
                     confirm_not_thursday=confirm_not_thursday, channel_ids=channel_ids)
    election = Election(council=council, created_by=acting_user if getattr(acting_user, "pk", None) else None)
    _apply(election, cleaned)
    election.full_clean(exclude=["period", "created_by", "cancelled_by"])
    election.save()
    election.channels.set(cleaned.channels)
    _periods_rebuild(council=council)
    audit_record(council=council, actor=acting_user, event_type=EventType.ELECTION_ADDED, target=election,
                 after=_snapshot(election), data={"merged_period": _merged(election)})
    return election


@transaction.atomic
def election_update(*, acting_user, election: Election, kind: str, polling_day: dt.date,
                    notice_date: dt.date | None = None, dissolution_date: dt.date | None = None, area: str = "",
                    description: str = "", candidates: Iterable[str] | str = (),
                    confirm_not_thursday: bool = False, channel_ids=None) -> Election:
    """Change an election (e.g. enter the notice date once published) and rebuild the periods."""
    _lock_council(election.council)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status == Status.CANCELLED:
        raise Conflict("This election has been cancelled: it can no longer be changed.")
    before = _snapshot(election)
    cleaned = _clean(council=election.council, kind=kind, polling_day=polling_day, notice_date=notice_date,
                     dissolution_date=dissolution_date, area=area, description=description, candidates=candidates,
                     confirm_not_thursday=confirm_not_thursday or (
                         polling_day == election.polling_day and kind == election.kind),
                     channel_ids=channel_ids, exclude_pk=election.pk)
    _apply(election, cleaned)
    election.full_clean(exclude=["period", "created_by", "cancelled_by"])
    after = _snapshot(election) | {"channels": sorted(c.pk for c in cleaned.channels)}
    if after == before:
        return election
    election.save(update_fields=[*TRACKED[:8], "statutory_start", "period_starts_at", "period_ends_at",
                                 "updated_at"])
    election.channels.set(cleaned.channels)
    _periods_rebuild(council=election.council)
    audit_record(council=election.council, actor=acting_user, event_type=EventType.ELECTION_CHANGED, target=election,
                 before={k: v for k, v in before.items() if after[k] != v},
                 after={k: v for k, v in after.items() if before[k] != v},
                 data={"merged_period": _merged(election)})
    return election


@transaction.atomic
def election_cancel(*, acting_user, election: Election, reason: str) -> Election:
    """Cancel an election that has not yet been held; its period stops applying at once."""
    _lock_council(election.council)
    election = Election.objects.select_for_update().get(pk=election.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter why the election is cancelled.", field="reason")
    if len(reason) > 2000:
        raise ValidationFailed("The reason must be 2000 characters or fewer.", field="reason")
    if election.status == Status.CANCELLED:
        raise Conflict("This election has already been cancelled.")
    if election.period_ends_at <= clock.now():
        raise Conflict("This election has already been held: it stays in the register.")
    election.status, election.cancelled_at = Status.CANCELLED, clock.now()
    election.cancelled_by = acting_user if getattr(acting_user, "pk", None) else None
    election.cancel_reason = reason
    election.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    _periods_rebuild(council=election.council)
    audit_record(council=election.council, actor=acting_user, event_type=EventType.ELECTION_CANCELLED,
                 target=election, data={"reason": reason})
    return election
