"""Freedom of Information requests: the register, legal holds and export bundles (services).

Deadlines are pure functions over the FOI calendar (herald.elections.timetable): an answer is due
20 working days after receipt (FOIA 2000 s.10(1), working days as in s.10(6)); an internal review
may be asked for within 40 working days of the response and is answered within 20 (section 45
code of practice; DOMAIN.md section 3).

Every service: keyword-only, `acting_user` required (None only for the background tasks), one
transaction, its audit event written inside it. A request's scope (dates, channel, person,
words) finds the records it concerns; they are held (herald.records.holds) until it closes.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.councils.models import Council
from herald.elections.timetable import FOI, foi_response_due, working_days_after
from herald.elections.timetable.errors import InvalidTimetableInput, UnsupportedYearError
from herald.people.access import require_capability
from herald.people.capabilities import Capability
from herald.records import search
from herald.records.audit import audit_record
from herald.records.events import EventType
from herald.records.holds import legal_holds_place_for_foi, legal_holds_release_for_foi
from herald.records.models import (
    FOI_ACTIVE,
    FOI_RESPONDED,
    FoiExport,
    FoiExportStatus,
    FoiRequest,
    FoiReviewOutcome,
    FoiStatus,
)

log = logging.getLogger(__name__)

#: A scan or build that started longer ago than this is taken to have stopped (its worker died).
STALE_AFTER = dt.timedelta(hours=6)
REVIEW_ASK_WORKING_DAYS = 40
REVIEW_ANSWER_WORKING_DAYS = 20
MAX_TEXT = 10_000
RESPONSE_OUTCOMES = {FoiStatus.ANSWERED: "Answered in full", FoiStatus.PARTLY_WITHHELD: "Partly withheld",
                     FoiStatus.WITHHELD: "Withheld"}


# ----- deadlines (pure) --------------------------------------------------------------------------


def review_ask_by(responded_on: dt.date) -> dt.date:
    """Last day to ask for an internal review: 40 working days after the response (FOI calendar;
    FOIA s.45 code of practice para 5.4; DOMAIN.md section 3)."""
    return working_days_after(responded_on, REVIEW_ASK_WORKING_DAYS, FOI)


def review_due(requested_on: dt.date) -> dt.date:
    """An internal review is answered within 20 working days of the request for it (FOIA s.45 code
    of practice para 5.5; FOI calendar; DOMAIN.md section 3)."""
    return working_days_after(requested_on, REVIEW_ANSWER_WORKING_DAYS, FOI)


def _deadline(fn, day: dt.date, field: str) -> dt.date:
    try:
        return fn(day)
    except (UnsupportedYearError, InvalidTimetableInput) as exc:
        raise ValidationFailed(f"Herald cannot work out working days for that date: {exc}", field=field) from None


# ----- input -------------------------------------------------------------------------------------


def _clean(text: str, *, what: str, field: str, limit: int = MAX_TEXT, required: bool = True) -> str:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationFailed(f"Enter {what}.", field=field)
    if len(text) > limit:
        raise ValidationFailed(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer "
                               f"(it is {len(text):,}).", field=field)
    return text


def _past_date(day: dt.date | None, *, what: str, field: str, not_before: dt.date | None = None,
               before_what: str = "") -> dt.date:
    today = clock.today_in_london()
    if day is None:
        raise ValidationFailed(f"Enter the {what}.", field=field)
    if day > today:
        raise ValidationFailed(f"The {what} cannot be in the future: enter {clock.format_date(today)} or earlier.",
                               field=field)
    if day.year < today.year - search.MAX_YEARS_BACK:
        raise ValidationFailed(f"The {what} is more than {search.MAX_YEARS_BACK} years ago: check the year.",
                               field=field)
    if not_before is not None and day < not_before:
        raise ValidationFailed(f"The {what} cannot be before {before_what} ({clock.format_date(not_before)}).",
                               field=field)
    return day


def _manager(acting_user, council: Council):
    rep = require_capability(acting_user, Capability.MANAGE_FOI)
    if rep.council_id != council.pk:
        raise NotAllowed("You do not have permission to do this.")
    return rep


def _lock(foi_request: FoiRequest) -> FoiRequest:
    return FoiRequest.objects.select_for_update().select_related("council").get(pk=foi_request.pk)


def _place_holds(acting_user, foi_request: FoiRequest) -> int:
    scope = search.scope_from_request(foi_request)
    if scope == search.Scope():
        return 0  # no scope yet: nothing identified to hold
    return legal_holds_place_for_foi(acting_user=acting_user, foi_request=foi_request,
                                     targets=search.held_targets(council=foi_request.council, scope=scope),
                                     reason=f"Open FOI request {foi_request.reference}")


# ----- the register ------------------------------------------------------------------------------


def foi_request_open(*, acting_user, council: Council, requester_name: str, requester_contact: str,
                     received_on: dt.date | None, request_text: str, scope: search.Scope | None = None) -> FoiRequest:
    """Log a request. Due 20 working days after receipt (FOI calendar). With a scope, the records
    it concerns are held at once."""
    _manager(acting_user, council)
    name = _clean(requester_name, what="the requester's name", field="requester_name", limit=200)
    contact = _clean(requester_contact, what="how to reply to the requester (an email or postal address)",
                     field="requester_contact", limit=300)
    text = _clean(request_text, what="what they asked for", field="request_text")
    received_on = _past_date(received_on, what="date the request was received", field="received_on")
    due_on = _deadline(foi_response_due, received_on, "received_on")
    with transaction.atomic():
        locked = Council.objects.select_for_update().get(pk=council.pk)  # serialises numbering
        year = received_on.year
        number = (FoiRequest.objects.filter(council=locked, year=year).order_by("-number")
                  .values_list("number", flat=True).first() or 0) + 1
        foi_request = FoiRequest(council=locked, reference=f"FOI-{year}-{number:04d}", year=year, number=number,
                                 requester_name=name, requester_contact=contact, received_on=received_on,
                                 request_text=text, due_on=due_on, created_at=clock.now(), created_by=acting_user)
        if scope is not None:
            foi_request.scope_from, foi_request.scope_to = scope.date_from, scope.date_to
            foi_request.scope_channel, foi_request.scope_person = scope.channel, scope.person
            foi_request.scope_text = scope.text
        foi_request.full_clean(exclude=["council", "created_by", "scope_channel", "scope_person"])
        foi_request.save()
        audit_record(council=locked, actor=acting_user, event_type=EventType.FOI_REQUEST_OPENED, target=foi_request,
                     data={"reference": foi_request.reference, "received_on": received_on.isoformat(),
                           "due_on": due_on.isoformat(), "scope": scope.as_dict() if scope else None})
        held = _place_holds(acting_user, foi_request)
    foi_request.held_count = held
    return foi_request


def foi_request_scope_set(*, acting_user, foi_request: FoiRequest, scope: search.Scope) -> int:
    """Set what the request concerns (the search). The records found are held from now until the
    request closes (records held under an earlier scope stay held). Returns the holds placed."""
    _manager(acting_user, foi_request.council)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.status not in FOI_ACTIVE:
            raise Conflict(f"{foi_request.reference} is {foi_request.get_status_display().lower()}: its search "
                           "can only be changed while it is open or under internal review.")
        foi_request.scope_from, foi_request.scope_to = scope.date_from, scope.date_to
        foi_request.scope_channel, foi_request.scope_person, foi_request.scope_text = (scope.channel, scope.person,
                                                                                       scope.text)
        foi_request.save(update_fields=["scope_from", "scope_to", "scope_channel", "scope_person", "scope_text"])
        held = _place_holds(acting_user, foi_request)
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_REQUEST_SCOPE_SET,
                     target=foi_request, data={"scope": scope.as_dict(), "holds_placed": held})
    return held


def foi_request_respond(*, acting_user, foi_request: FoiRequest, outcome: str, response_text: str,
                        exemption: str = "", responded_on: dt.date | None = None) -> FoiRequest:
    """Record the response: answered in full, partly withheld or withheld (an exemption must be
    given for anything withheld, FOIA s.17)."""
    _manager(acting_user, foi_request.council)
    if outcome not in RESPONSE_OUTCOMES:
        raise ValidationFailed("Choose whether the information was given, partly withheld or withheld.",
                               field="outcome")
    text = _clean(response_text, what="the response sent", field="response_text")
    exemption = _clean(exemption, what="the exemption relied on", field="exemption", limit=2000,
                       required=outcome != FoiStatus.ANSWERED)
    responded_on = _past_date(responded_on or clock.today_in_london(), what="date of the response",
                              field="responded_on", not_before=foi_request.received_on,
                              before_what="the date the request was received")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.status != FoiStatus.OPEN:
            raise Conflict(f"{foi_request.reference} has already been answered.")
        foi_request.status, foi_request.response_text, foi_request.exemption = outcome, text, exemption
        foi_request.responded_on, foi_request.responded_by = responded_on, acting_user
        foi_request.save(update_fields=["status", "response_text", "exemption", "responded_on", "responded_by"])
        late = responded_on > foi_request.due_on
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_REQUEST_RESPONDED,
                     target=foi_request, data={"outcome": outcome, "exemption": exemption,
                                               "responded_on": responded_on.isoformat(), "late": late})
    return foi_request


def foi_request_close(*, acting_user, foi_request: FoiRequest, note: str = "") -> FoiRequest:
    """Close the request and release its legal holds. An open (unanswered) request can be closed
    only with a note saying why (for example, the requester withdrew it)."""
    _manager(acting_user, foi_request.council)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.status == FoiStatus.CLOSED:
            raise Conflict(f"{foi_request.reference} is already closed.")
        if foi_request.status == FoiStatus.UNDER_REVIEW:
            raise Conflict(f"{foi_request.reference} is under internal review: decide the review to close it.")
        note = _clean(note, what="why the request is closed without an answer", field="note", limit=2000,
                      required=foi_request.status == FoiStatus.OPEN)
        foi_request.status, foi_request.closed_at, foi_request.closed_by = FoiStatus.CLOSED, clock.now(), acting_user
        foi_request.save(update_fields=["status", "closed_at", "closed_by"])
        released = legal_holds_release_for_foi(acting_user=acting_user, foi_request=foi_request,
                                               reason=f"FOI request {foi_request.reference} closed")
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_REQUEST_CLOSED,
                     target=foi_request, data={"note": note, "holds_released": released})
    return foi_request


def foi_review_request(*, acting_user, foi_request: FoiRequest, requested_on: dt.date | None,
                       grounds: str) -> FoiRequest:
    """Record that the requester asked for an internal review (within 40 working days of the
    response). It is due 20 working days later; the request's records are held again."""
    _manager(acting_user, foi_request.council)
    grounds = _clean(grounds, what="the grounds for the review", field="grounds")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.responded_on is None:
            raise Conflict(f"{foi_request.reference} has not been answered yet: there is nothing to review.")
        if foi_request.status not in (*FOI_RESPONDED, FoiStatus.CLOSED) or foi_request.review_requested_on:
            raise Conflict(f"{foi_request.reference} already has an internal review.")
        requested_on = _past_date(requested_on, what="date the review was asked for", field="requested_on",
                                  not_before=foi_request.responded_on, before_what="the response")
        last_day = _deadline(review_ask_by, foi_request.responded_on, "requested_on")
        if requested_on > last_day:
            raise ValidationFailed(f"A review must be asked for within {REVIEW_ASK_WORKING_DAYS} working days of "
                                   f"the response: the last day was {clock.format_date(last_day)}.",
                                   field="requested_on")
        due = _deadline(review_due, requested_on, "requested_on")
        foi_request.status, foi_request.review_requested_on = FoiStatus.UNDER_REVIEW, requested_on
        foi_request.review_grounds, foi_request.review_due_on = grounds, due
        foi_request.save(update_fields=["status", "review_requested_on", "review_grounds", "review_due_on"])
        held = _place_holds(acting_user, foi_request)
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_REVIEW_REQUESTED,
                     target=foi_request, data={"requested_on": requested_on.isoformat(), "due_on": due.isoformat(),
                                               "holds_placed": held})
    return foi_request


def foi_review_decide(*, acting_user, foi_request: FoiRequest, outcome: str, notes: str,
                      decided_on: dt.date | None = None) -> FoiRequest:
    """Decide the internal review; the request closes and its holds are released (the requester
    may then complain to the Information Commissioner)."""
    _manager(acting_user, foi_request.council)
    if outcome not in FoiReviewOutcome.values:
        raise ValidationFailed("Choose the outcome of the review.", field="outcome")
    notes = _clean(notes, what="the reasons for the review's outcome", field="notes")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.status != FoiStatus.UNDER_REVIEW:
            raise Conflict(f"{foi_request.reference} is not under internal review.")
        decided_on = _past_date(decided_on or clock.today_in_london(), what="date of the review decision",
                                field="decided_on", not_before=foi_request.review_requested_on,
                                before_what="the date the review was asked for")
        foi_request.review_outcome, foi_request.review_notes = outcome, notes
        foi_request.review_decided_on, foi_request.review_decided_by = decided_on, acting_user
        foi_request.status, foi_request.closed_at, foi_request.closed_by = FoiStatus.CLOSED, clock.now(), acting_user
        foi_request.save(update_fields=["review_outcome", "review_notes", "review_decided_on", "review_decided_by",
                                        "status", "closed_at", "closed_by"])
        released = legal_holds_release_for_foi(acting_user=acting_user, foi_request=foi_request,
                                               reason=f"FOI request {foi_request.reference}: internal review decided")
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_REVIEW_DECIDED,
                     target=foi_request, data={"outcome": outcome, "decided_on": decided_on.isoformat(),
                                               "late": decided_on > foi_request.review_due_on,
                                               "holds_released": released})
    return foi_request


# ----- export bundles ----------------------------------------------------------------------------


def _enqueue(task, export_id: int) -> None:
    transaction.on_commit(lambda: task.enqueue(export_id))


def foi_export_start(*, acting_user, foi_request: FoiRequest) -> FoiExport:
    """Start an export of the request's records: a background task first looks for personal data
    (classes for the Clerk to confirm)."""
    from herald.records.tasks import foi_export_scan_run

    _manager(acting_user, foi_request.council)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        running = foi_request.exports.filter(status__in=[FoiExportStatus.SCANNING, FoiExportStatus.BUILDING])
        if running.filter(started_at__gte=clock.now() - STALE_AFTER).exists():
            raise Conflict("An export of this request is already running: wait for it to finish.")
        for stale in running:  # its worker stopped long ago: it will never finish
            stale.status, stale.finished_at = FoiExportStatus.FAILED, clock.now()
            stale.error = "The export stopped before it finished. Nothing was written: it was started again."
            stale.save(update_fields=["status", "finished_at", "error"])
            audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_EXPORT_FAILED,
                         target=foi_request, data={"export": stale.pk, "error": stale.error})
        scope = search.scope_from_request(foi_request)
        total = sum(search.search_counts(council=foi_request.council, scope=scope).values())
        export = FoiExport.objects.create(council=foi_request.council, request=foi_request, scope=scope.as_dict(),
                                          total=total, started_at=clock.now(), started_by=acting_user)
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.FOI_EXPORT_STARTED,
                     target=foi_request, data={"export": export.pk, "records": total, "scope": scope.as_dict()})
        _enqueue(foi_export_scan_run, export.pk)
    return export


def foi_export_confirm(*, acting_user, export: FoiExport, decisions: dict[str, str]) -> FoiExport:
    """The Clerk's decision for every class of personal data found (redact or release); then the
    bundle is built in the background."""
    from herald.records.tasks import foi_export_build_run

    _manager(acting_user, export.council)
    with transaction.atomic():
        export = FoiExport.objects.select_for_update().select_related("request").get(pk=export.pk)
        if export.status != FoiExportStatus.CONFIRMING:
            raise Conflict("This export is not waiting for redactions to be confirmed.")
        clean: dict[str, str] = {}
        missing = []
        for cls, entry in export.classes.items():
            choice = (decisions or {}).get(cls)
            if choice not in ("redact", "release"):
                missing.append(entry.get("label", cls))
            else:
                clean[cls] = choice
        if missing:
            raise ValidationFailed("Choose whether to redact or release: " + "; ".join(missing) + ".",
                                   field="decisions")
        export.decisions, export.confirmed_at, export.confirmed_by = clean, clock.now(), acting_user
        export.status, export.processed = FoiExportStatus.BUILDING, 0
        export.save(update_fields=["decisions", "confirmed_at", "confirmed_by", "status", "processed"])
        audit_record(council=export.council, actor=acting_user, event_type=EventType.FOI_REDACTIONS_CONFIRMED,
                     target=export.request, data={"export": export.pk, "decisions": clean,
                                                  "found": {c: e.get("count", 0) for c, e in export.classes.items()}})
        _enqueue(foi_export_build_run, export.pk)
    return export


def _progress(export_id: int, done: int) -> None:
    """Progress shown on the request page (bookkeeping only: no state change, not audited)."""
    FoiExport.objects.filter(pk=export_id).update(processed=done)


def _fail(export: FoiExport, message: str) -> None:
    with transaction.atomic():
        locked = FoiExport.objects.select_for_update().get(pk=export.pk)
        locked.status, locked.error, locked.finished_at = FoiExportStatus.FAILED, message, clock.now()
        locked.save(update_fields=["status", "error", "finished_at"])
        audit_record(council=export.council, actor=export.confirmed_by or export.started_by,
                     event_type=EventType.FOI_EXPORT_FAILED, target=export.request,
                     data={"export": export.pk, "error": message})


def foi_export_scan(*, export_id: int) -> str:
    """Background task: find the classes of personal data in the records in scope."""
    from herald.records.export import Finder, Scan, scan_record

    export = FoiExport.objects.select_related("request", "council", "request__council",
                                              "request__scope_channel", "request__scope_person").get(pk=export_id)
    if export.status != FoiExportStatus.SCANNING:
        return f"export {export_id} is {export.status}: nothing to do"
    try:
        scope = search.scope_from_dict(export.council, export.scope)
        finder, scan, done = Finder(export.council), Scan(), 0
        for record in search.search_records(council=export.council, scope=scope):
            scan_record(finder, record, scan)
            done += 1
            if done % 500 == 0:
                _progress(export.pk, done)
    except Exception:
        log.exception("FOI export %s: scan failed", export_id)
        _fail(export, "Looking for personal data failed. Nothing was exported: start the export again.")
        return "failed"
    with transaction.atomic():
        locked = FoiExport.objects.select_for_update().get(pk=export.pk)
        locked.classes, locked.total, locked.processed = scan.classes, done, done
        locked.status = FoiExportStatus.CONFIRMING
        locked.save(update_fields=["classes", "total", "processed", "status"])
    return f"{done} records scanned, {len(scan.classes)} classes of personal data"


def foi_export_build(*, export_id: int) -> str:
    """Background task: write the redacted bundle. Nothing is downloadable unless all of it was
    written (the file is renamed into place at the end; a failure leaves no file)."""
    from herald.records.export import Finder, export_path, redact_record, write_bundle

    export = FoiExport.objects.select_related("request", "council", "request__council", "confirmed_by",
                                              "request__scope_channel", "request__scope_person").get(pk=export_id)
    if export.status != FoiExportStatus.BUILDING:
        return f"export {export_id} is {export.status}: nothing to do"
    name = f"{export.request.reference}-export-{export.pk}.zip"
    path = export_path(name)
    try:
        scope = search.scope_from_dict(export.council, export.scope)
        finder = Finder(export.council)
        records = (redact_record(finder, r, export.decisions)
                   for r in search.search_records(council=export.council, scope=scope))
        info = write_bundle(path=path, foi_request=export.request, scope=scope, records=records,
                            decisions=export.decisions, classes=export.classes, kinds=search.KINDS,
                            progress=lambda n: _progress(export.pk, n))
    except Exception:
        log.exception("FOI export %s: build failed", export_id)
        if path.exists():
            path.unlink()
        _fail(export, "Building the bundle failed. Nothing was written: start the export again.")
        return "failed"
    try:
        with transaction.atomic():
            locked = FoiExport.objects.select_for_update().get(pk=export.pk)
            locked.status, locked.file_name, locked.size, locked.sha256 = (FoiExportStatus.READY, name, info.size,
                                                                           info.sha256)
            locked.counts, locked.finished_at = info.counts, clock.now()
            locked.total = locked.processed = sum(info.counts.values())
            locked.save(update_fields=["status", "file_name", "size", "sha256", "counts", "finished_at", "total",
                                       "processed"])
            audit_record(council=export.council, actor=export.confirmed_by, event_type=EventType.FOI_EXPORT_BUILT,
                         target=export.request, data={"export": export.pk, "records": info.counts,
                                                      "size": info.size, "sha256": info.sha256,
                                                      "decisions": export.decisions})
    except Exception:
        path.unlink(missing_ok=True)  # the row never said "ready": no half-recorded bundle either
        raise
    return f"{sum(info.counts.values())} records exported"


def foi_export_download(*, acting_user, export: FoiExport):
    """The path of a ready bundle, for someone who may read FOI requests; the download is audited."""
    from herald.records.export import export_path

    rep = require_capability(acting_user, Capability.VIEW_FOI)
    if rep.council_id != export.council_id:
        raise NotAllowed("You do not have permission to do this.")
    if export.status != FoiExportStatus.READY:
        raise Conflict("This bundle is not ready to download.")
    path = export_path(export.file_name)
    if not path.exists():
        raise Conflict("The bundle's file is missing from the server: build the export again.")
    with transaction.atomic():
        audit_record(council=export.council, actor=acting_user, event_type=EventType.FOI_EXPORT_DOWNLOADED,
                     target=export.request, data={"export": export.pk, "sha256": export.sha256})
    return path
