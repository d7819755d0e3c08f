"""Reads of complaints: case lists, overdue cases, timelines, the public status page, the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from herald.complaints.access import can_see
from herald.complaints.models import Case, CaseAction, CaseFile, CaseStatus, Complaint, EnforcementKind, Visibility
from herald.core import clock
from herald.core.errors import NotFound
from herald.councils.models import Council
from herald.elections.timetable import COMPLAINTS, working_days_between
from herald.people.access import representative_for_user
from herald.policy.models import PolicyReviewItem

FILTERS = {"open": "Open", "overdue": "Overdue", "closed": "Decided or closed", "all": "All"}
NOT_FOUND = ("We could not find a complaint with that reference and email address. Check both and try again: "
             "the reference looks like STC-2026-0042.")


def overdue_reasons(case: Case, today: dt.date | None = None) -> list[str]:
    """Why an open case is overdue (empty when it is not)."""
    today = today or clock.today_in_london()
    reasons = []
    if case.status == CaseStatus.OPEN:
        if case.acknowledged_at is None and today > case.acknowledge_by:
            reasons.append(f"not acknowledged by {clock.format_date(case.acknowledge_by)}")
        if today > case.respond_by:
            reasons.append(f"not decided by {clock.format_date(case.respond_by)}")
    return reasons


def _visible(user, qs) -> list[Case]:
    rep = representative_for_user(user)
    if rep is None:
        return []
    cases = qs.filter(council=rep.council).select_related(
        "complaint", "complaint__post__author", "complaint__channel__owner", "complaint__representative",
        "assigned_to", "decision")
    return [c for c in cases if can_see(rep, c)]


def case_list(*, user, show: str = "open", today: dt.date | None = None) -> list[Case]:
    qs = Case.objects.all()
    if show in ("open", "overdue"):
        qs = qs.filter(status__in=[CaseStatus.OPEN, CaseStatus.APPEALED])
    elif show == "closed":
        qs = qs.filter(status__in=[CaseStatus.DECIDED, CaseStatus.CLOSED])
    cases = _visible(user, qs.order_by("opened_at", "pk"))
    if show == "overdue":
        cases = [c for c in cases if overdue_reasons(c, today)]
    return cases


def overdue_count(*, user, today: dt.date | None = None) -> int:
    return len(case_list(user=user, show="overdue", today=today))


def timeline(*, case: Case, public_only: bool = False) -> list[CaseAction]:
    """The case's actions in order; for staff, each with `case_file` (the file added with it, or None)."""
    if public_only:
        return list(case.actions.select_related("by").filter(visibility=Visibility.PUBLIC))
    actions = list(case.actions.select_related("by"))
    files = {f.action_id: f for f in CaseFile.objects.filter(case=case, deleted_at__isnull=True)}
    for action in actions:
        action.case_file = files.get(action.pk)
    return actions


def case_file(*, case: Case, file_id: int) -> CaseFile:
    """A file of this case that is still kept; NotFound otherwise (also for another case's file)."""
    found = CaseFile.objects.filter(case=case, pk=file_id, deleted_at__isnull=True).exclude(file="").first()
    if found is None:
        raise NotFound("Page not found.")
    return found


def complaint_lookup(*, council: Council, reference: str, email: str) -> Complaint:
    """The complaint with this reference and email address. The same NotFound whether the
    reference or the email is wrong, so nobody learns whether a reference exists."""
    reference = " ".join((reference or "").split()).upper()
    email = (email or "").strip().lower()
    if not reference or not email or len(reference) > 30 or len(email) > 254:
        raise NotFound(NOT_FOUND)
    complaint = (Complaint.objects.select_related("case", "council")
                 .filter(council=council, reference=reference, email=email).first())
    if complaint is None:
        raise NotFound(NOT_FOUND)
    return complaint


def open_review_items(*, council: Council) -> list[PolicyReviewItem]:
    return list(PolicyReviewItem.objects.filter(council=council, closed_at__isnull=True).prefetch_related("complaints"))


def review_items(*, council: Council) -> list[PolicyReviewItem]:
    return list(PolicyReviewItem.objects.filter(council=council).prefetch_related("complaints"))


@dataclass(frozen=True)
class ReportRow:
    case: Case
    working_days: int
    in_time: bool
    final: str
    actions: list[str]

    def as_dict(self) -> dict:
        complaint = self.case.complaint
        return {"reference": complaint.reference, "received": complaint.received_at.astimezone(clock.LONDON).date(),
                "about": complaint.get_about_display(), "route": self.case.get_route_display(),
                "decided": self.case.decided_at.astimezone(clock.LONDON).date(),
                "working_days": self.working_days, "within_target": "yes" if self.in_time else "no",
                "outcome": self.final, "actions": "; ".join(self.actions)}


REPORT_FIELDS = ("reference", "received", "about", "route", "decided", "working_days", "within_target", "outcome",
                 "actions")


def settled_report(*, council: Council, date_from: dt.date, date_to: dt.date) -> list[ReportRow]:
    """Complaints decided between the two dates (London days, inclusive), for the Clerk's report to
    the next council meeting. No complainant's name or contact details: the report is public."""
    start = dt.datetime.combine(date_from, dt.time(), tzinfo=clock.LONDON)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON)
    cases = (Case.objects.filter(council=council, decided_at__gte=start, decided_at__lt=end)
             .select_related("complaint", "decision").prefetch_related("enforcement_actions")
             .order_by("decided_at", "pk"))
    rows = []
    for case in cases:
        received = case.complaint.received_at.astimezone(clock.LONDON).date()
        decided = case.decided_at.astimezone(clock.LONDON).date()
        final = case.decision.get_outcome_display()
        appeal = getattr(case, "appeal", None)
        if appeal is not None:
            final += f"; review: {appeal.get_outcome_display().lower()}" if appeal.decided_at else "; under review"
        actions = [EnforcementKind(a.kind).label + (" (reversed)" if a.reversed_at else "")
                   for a in case.enforcement_actions.all()]
        rows.append(ReportRow(case, working_days_between(received, decided, COMPLAINTS),
                              decided <= case.respond_by, final, actions))
    return rows


def reference_search(*, user, q: str) -> list[Case]:
    q = (q or "").strip()
    if not q:
        return []
    return _visible(user, Case.objects.filter(Q(complaint__reference__icontains=q)))


# --- the Clerk's dashboard charts (aggregates of every case: no names, nothing confidential) ---------

def outcome_counts(*, council: Council, since: dt.datetime) -> list[tuple[str, int]]:
    """(outcome label, cases decided since `since`), in the order of the outcomes."""
    from django.db.models import Count

    from herald.complaints.models import Decision, Outcome

    found = dict(Decision.objects.filter(council=council, decided_at__gte=since).values_list("outcome")
                 .annotate(n=Count("pk")).order_by())
    return [(label, found.get(value, 0)) for value, label in Outcome.choices]


def resolution_working_days(*, council: Council, since: dt.datetime) -> list[int]:
    """For each case decided since `since`: working days from receipt to decision (as in the report)."""
    rows = (Case.objects.filter(council=council, decided_at__gte=since)
            .values_list("complaint__received_at", "decided_at"))
    return [working_days_between(received.astimezone(clock.LONDON).date(), decided.astimezone(clock.LONDON).date(),
                                 COMPLAINTS) for received, decided in rows]
