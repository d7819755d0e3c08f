"""Handling a case: acknowledge, notes, routing and referrals, telling the person complained about
and their response, the decision, and closing when the review window has passed."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from herald.complaints import notify
from herald.complaints.access import HANDLER_CAPABILITY, complaint_subject, handles_complaints, require_handler
from herald.complaints.models import (
    ActionKind,
    Case,
    CaseFile,
    CaseStatus,
    Decision,
    Handler,
    Outcome,
    Route,
    Visibility,
    case_file_path,
    case_file_storage,
)
from herald.complaints.services.common import add_action, clean_note, deadline, lock_case, london_date, release_holds
from herald.complaints.services.files import prepare_case_file
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.people.access import representative_for_user
from herald.people.capabilities import capabilities_for
from herald.people.models import Representative
from herald.records.audit import audit_record
from herald.records.events import EventType

REFERRAL_TEXT = {
    Route.MONITORING_OFFICER: "The complaint is about a Member's conduct under the Code of Conduct. It has been "
                              "referred to the Monitoring Officer, who deals with such complaints.",
    Route.EMPLOYMENT: "The complaint is about a member of staff. It is being dealt with as an employment matter "
                      "under the council's Disciplinary Policy, which is confidential.",
}


def _require_open(case: Case) -> None:
    if case.status != CaseStatus.OPEN:
        raise Conflict(f"This case is {case.get_status_display().lower()}: it can no longer be changed this way.")


@transaction.atomic
def case_acknowledge(*, acting_user, case: Case, message: str = "") -> Case:
    """The handler acknowledges the complaint (within the policy's working days); the complainant is told."""
    case = lock_case(case)
    require_handler(acting_user, case)
    if case.acknowledged_at is not None:
        raise Conflict("This complaint has already been acknowledged.")
    message = clean_note(message, what="the message", field="message") if (message or "").strip() else ""
    case.acknowledged_at = clock.now()
    case.save(update_fields=["acknowledged_at"])
    text = f"Your complaint was acknowledged. We aim to respond by {clock.format_date(case.respond_by)}."
    add_action(case, kind=ActionKind.ACKNOWLEDGED, visibility=Visibility.PUBLIC, by=acting_user,
               text=f"{text} {message}".strip())
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_ACKNOWLEDGED,
                 target=case.complaint,
                 data={"case": case.pk, "late": london_date(case.acknowledged_at) > case.acknowledge_by})
    notify.tell_complainant(case.complaint, "Your complaint is acknowledged", [t for t in (text, message) if t])
    return case


def case_add_note(*, acting_user, case: Case, text: str, visibility: str = Visibility.STAFF, upload=None) -> Case:
    """A note on the case's timeline, with an optional file (PDF, image or plain text; kept as
    sent, for staff only). The file is checked before anything is written, and deleted again if
    the note cannot be saved: nothing is half-written. A public note is emailed to the complainant."""
    if visibility not in Visibility.values:
        raise ValidationFailed("Choose who may see the note.", field="visibility")
    text = clean_note(text)
    prepared = prepare_case_file(upload) if upload is not None else None
    storage = case_file_storage()
    stored = storage.save(case_file_path(CaseFile(council_id=case.council_id), prepared.filename),
                          ContentFile(prepared.data)) if prepared else None
    try:
        with transaction.atomic():
            case = lock_case(case)
            require_handler(acting_user, case)
            if case.complaint.anonymised_at is not None:
                raise Conflict("This complaint was anonymised under the retention rules: nothing more can be added "
                               "to it.")
            action = add_action(case, kind=ActionKind.NOTE, visibility=visibility, by=acting_user, text=text)
            data = {"case": case.pk, "visibility": visibility}
            if prepared:
                item = CaseFile.objects.create(council_id=case.council_id, case=case, action=action, file=stored,
                                               filename=prepared.filename, media_type=prepared.media_type,
                                               size=len(prepared.data), sha256=prepared.sha256,
                                               uploaded_by=acting_user, uploaded_at=action.at)
                # Not the file's name: it may name people, and the audit trail outlives the complaint.
                data["file"] = {"id": item.pk, "media_type": prepared.media_type, "size": len(prepared.data),
                                "sha256": prepared.sha256}
            audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_NOTE_ADDED,
                         target=case.complaint, data=data)
            if visibility == Visibility.PUBLIC:
                notify.tell_complainant(case.complaint, "News about your complaint", [text])
    except BaseException:
        if stored:
            storage.delete(stored)
        raise
    return case


@transaction.atomic
def case_route(*, acting_user, case: Case, route: str, representative: Representative | None = None,
               note: str = "") -> Case:
    """Record the route (council procedure, Monitoring Officer for a Member's conduct, employment
    matter for staff) and link the representative concerned. A complaint that turns out to concern
    a complaints handler goes to the Chair."""
    case = lock_case(case)
    require_handler(acting_user, case)
    _require_open(case)
    if route not in Route.values:
        raise ValidationFailed("Choose how the complaint is dealt with.", field="route")
    complaint = case.complaint
    if representative is not None and representative.council_id != case.council_id:
        raise ValidationFailed("Choose someone from the council's register.", field="representative")
    note = clean_note(note, what="the note", field="note") if (note or "").strip() else ""
    before = {"route": case.route, "representative": complaint.representative_id, "handler": case.handler}
    if representative is not None and representative.pk != complaint.representative_id:
        complaint.representative = representative
        complaint.save(update_fields=["representative"])
        from herald.records.holds import legal_hold_place

        legal_hold_place(acting_user=acting_user, council=case.council, target=representative, complaint=complaint,
                         reason=f"Open complaint {complaint.reference}")
    subject = complaint_subject(complaint)
    if route == Route.MONITORING_OFFICER and (subject is None or subject.kind != "member"):
        raise ValidationFailed("Only a complaint about an Elected Member's conduct goes to the Monitoring Officer. "
                               "Choose the Member concerned.", field="representative")
    if route == Route.EMPLOYMENT and (subject is None or subject.kind != "employee"):
        raise ValidationFailed("Only a complaint about a member of staff is an employment matter. Choose the "
                               "employee concerned.", field="representative")
    handler = case.handler
    if subject is not None and handles_complaints(subject) and case.handler == Handler.CLERK:
        handler = Handler.CHAIR
        capability = HANDLER_CAPABILITY[handler]
        chair = next((r for r in Representative.objects.filter(council=case.council, active=True).order_by("pk")
                      if capability in capabilities_for(r.roles) and r.pk != subject.pk), None)
        case.handler, case.assigned_to = handler, chair
    changed_route = route != case.route
    case.route = route
    case.save(update_fields=["route", "handler", "assigned_to"])
    after = {"route": case.route, "representative": complaint.representative_id, "handler": case.handler}
    if after == before and not note:
        raise Conflict("Nothing changed.")
    lines = [f"Route: {Route(route).label}."]
    if subject is not None:
        lines.append(f"About: {subject.name}.")
    if handler != before["handler"]:
        lines.append(f"It concerns someone who handles complaints, so {Handler(handler).label.lower()} handles it.")
    add_action(case, kind=ActionKind.ROUTED, visibility=Visibility.STAFF, by=acting_user,
               text=" ".join(lines + ([note] if note else [])))
    if changed_route and route in REFERRAL_TEXT:
        add_action(case, kind=ActionKind.REFERRED, visibility=Visibility.PUBLIC, by=acting_user,
                   text=REFERRAL_TEXT[route])
        audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_REFERRED,
                     target=complaint, data={"case": case.pk, "route": route,
                                             "representative": subject.pk if subject else None})
        notify.tell_complainant(complaint, "Your complaint has been referred", [REFERRAL_TEXT[route]])
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_ROUTED, target=complaint,
                 before=before, after=after, data={"case": case.pk})
    if handler != before["handler"] and case.assigned_to is not None:
        notify.tell_handlers(case, "A complaint for you to handle", [
            "This complaint concerns someone who handles complaints, so it comes to you."],
            [case.assigned_to.official_email])
    return case


@transaction.atomic
def case_tell_subject(*, acting_user, case: Case, message: str) -> Case:
    """Tell the person complained about, with a link to respond. The complainant's name and contact
    details are left out when they asked for confidentiality."""
    case = lock_case(case)
    require_handler(acting_user, case)
    _require_open(case)
    subject = complaint_subject(case.complaint)
    if subject is None:
        raise Conflict("The complaint is not linked to a representative yet. Choose who it is about first "
                       "(Route or assign).")
    message = clean_note(message, what="the message", field="message")
    now = clock.now()
    case.subject_told_at = now
    case.save(update_fields=["subject_told_at"])
    add_action(case, kind=ActionKind.SUBJECT_TOLD, visibility=Visibility.STAFF, by=acting_user,
               text=f"{subject.name} was told about the complaint: {message}")
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_SUBJECT_TOLD,
                 target=case.complaint, data={"case": case.pk, "representative": subject.pk})
    complaint = case.complaint
    who = "a member of the public who asked us to keep their name confidential" if complaint.confidential \
        else complaint.name
    notify.tell_representative(subject, f"A complaint about you: {complaint.reference}", [
        f"{case.council.name} has received a complaint that concerns you, from {who}.",
        message,
        f"Read it and respond (signed in to Herald): {notify.case_url(case)}respond",
        f"We aim to decide it by {clock.format_date(case.respond_by)}."])
    return case


@transaction.atomic
def case_record_response(*, acting_user, case: Case, text: str) -> Case:
    """The response of the person complained about: from them (signed in), or recorded by the handler."""
    case = lock_case(case)
    rep = representative_for_user(acting_user)
    subject = complaint_subject(case.complaint)
    by_subject = rep is not None and subject is not None and rep.pk == subject.pk
    if not by_subject:
        require_handler(acting_user, case)
    elif case.subject_told_at is None:
        raise NotAllowed("You have not been asked to respond to this complaint.")
    _require_open(case)
    if subject is None:
        raise Conflict("The complaint is not linked to a representative yet.")
    text = clean_note(text, what="the response")
    case.subject_responded_at = clock.now()
    case.save(update_fields=["subject_responded_at"])
    add_action(case, kind=ActionKind.SUBJECT_RESPONDED, visibility=Visibility.STAFF, by=acting_user,
               text=(f"Response from {subject.name}: " if by_subject else f"Response from {subject.name} "
                     "(recorded by the handler): ") + text)
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_SUBJECT_RESPONDED,
                 target=case.complaint, data={"case": case.pk, "representative": subject.pk, "by_subject": by_subject})
    if by_subject and case.assigned_to is not None:
        notify.tell_handlers(case, "Response to a complaint", [f"{subject.name} has responded."],
                             [case.assigned_to.official_email])
    return case


@transaction.atomic
def case_decide(*, acting_user, case: Case, outcome: str, reasons: str, clauses: list[str] | None = None) -> Decision:
    """Upheld, partly upheld or not upheld, with reasons, sent to the complainant. Opens (or links
    to) a policy review item for the clauses concerned (review.complaint). The review window opens."""
    from herald.policy.services import policy_review_item_raise

    case = lock_case(case)
    require_handler(acting_user, case)
    _require_open(case)
    if outcome not in Outcome.values:
        raise ValidationFailed("Choose the outcome.", field="outcome")
    reasons = clean_note(reasons, what="the reasons", field="reasons")
    clauses = sorted(set(clauses or [])) or [_default_clause(case)]
    now = clock.now()
    decision = Decision.objects.create(council=case.council, case=case, outcome=outcome, reasons=reasons,
                                       clauses=clauses, decided_by=acting_user, decided_at=now)
    case.status, case.decided_at = CaseStatus.DECIDED, now
    case.appeal_by = deadline(case.council, london_date(now), "appeal_window_working_days")
    if case.acknowledged_at is None:
        case.acknowledged_at = now
    case.save(update_fields=["status", "decided_at", "appeal_by", "acknowledged_at"])
    label = Outcome(outcome).label
    add_action(case, kind=ActionKind.DECIDED, visibility=Visibility.PUBLIC, by=acting_user,
               text=f"Outcome: {label}. Reasons: {reasons}")
    result = policy_review_item_raise(acting_user=acting_user, council=case.council, clauses=clauses,
                                      complaint=case.complaint,
                                      notes=f"Complaint {case.complaint.reference}: {label.lower()}.")
    add_action(case, kind=ActionKind.POLICY_REVIEW, visibility=Visibility.INTERNAL, by=acting_user,
               text=("Opened" if result.created else "Linked to") +
                    f" policy review item {result.item.pk} for {', '.join(result.item.clauses)}.")
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_DECIDED,
                 target=case.complaint, data={"case": case.pk, "outcome": outcome, "reasons": reasons,
                                              "clauses": clauses, "appeal_by": case.appeal_by,
                                              "late": london_date(now) > case.respond_by})
    notify.tell_complainant(case.complaint, "The outcome of your complaint", [
        f"We have decided your complaint. Outcome: {label}.", f"Our reasons: {reasons}",
        f"If you are not satisfied, you can ask for one internal review of this decision until "
        f"{clock.format_date(case.appeal_by)}, on the status page. That review is the last stage of the "
        "council's procedure."])
    _schedule_close(case)
    return decision


def _default_clause(case: Case) -> str:
    version = case.council.active_policy
    known = set(version.clauses.values_list("clause_id", flat=True)) if version else set()
    return "review.complaint" if "review.complaint" in known or not known else "purpose"


def _close_moment(case: Case) -> dt.datetime:
    day_after = case.appeal_by + dt.timedelta(days=1)
    return dt.datetime.combine(day_after, dt.time(0, 5), tzinfo=clock.LONDON)


def _schedule_close(case: Case) -> None:
    from herald.complaints.tasks import case_close_due_run

    case_id, at = case.pk, _close_moment(case)
    transaction.on_commit(lambda: case_close_due_run.using(run_after=at).enqueue(case_id))


def case_close(case: Case, acting_user, reason: str) -> Case:
    """Close a case (inside the caller's transaction): legal holds are released."""
    case.status, case.closed_at = CaseStatus.CLOSED, clock.now()
    case.save(update_fields=["status", "closed_at"])
    add_action(case, kind=ActionKind.CLOSED, visibility=Visibility.PUBLIC, by=acting_user, text=reason)
    release_holds(case, acting_user, f"complaint {case.complaint.reference} closed")
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_CLOSED,
                 target=case.complaint, data={"case": case.pk, "reason": reason})
    return case


def cases_close_due(*, case_id: int | None = None) -> int:
    """Close decided cases whose review window has passed with no review asked for (run by a task
    at the window's end; safe to run any time). Returns how many were closed."""
    today = clock.today_in_london()
    due = Case.objects.filter(status=CaseStatus.DECIDED, appeal_by__lt=today)
    if case_id is not None:
        due = due.filter(pk=case_id)
    closed = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            case = lock_case(Case(pk=pk))
            if case.status != CaseStatus.DECIDED or case.appeal_by >= today:
                continue
            case_close(case, None, "The time to ask for a review has passed. The case is closed.")
            closed += 1
    return closed
