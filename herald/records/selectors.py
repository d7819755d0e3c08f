from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from herald.core import clock
from herald.councils.models import Council
from herald.records.models import AuditEvent


def audit_event_list(*, council: Council, event_type: int | None = None, actor: str = "", target: str = "",
                     date_from: dt.date | None = None, date_to: dt.date | None = None) -> QuerySet[AuditEvent]:
    """A council's audit events, newest first, filtered. Dates are whole days in London time."""
    qs = AuditEvent.objects.filter(council=council)
    if event_type:
        qs = qs.filter(event_type=event_type)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if target:
        qs = qs.filter(Q(target_label__icontains=target) | Q(target_id=target))
    if date_from:
        qs = qs.filter(created_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=clock.LONDON))
    if date_to:
        qs = qs.filter(created_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=clock.LONDON))
    return qs.order_by("-seq")


# ----- Freedom of Information requests ----------------------------------------------------------

FOI_FILTERS = {"open": "Open", "overdue": "Overdue", "closed": "Answered or closed", "all": "All"}


def _foi_overdue_q(today: dt.date) -> Q:
    from herald.records.models import FoiStatus

    return (Q(status=FoiStatus.OPEN, due_on__lt=today)
            | Q(status=FoiStatus.UNDER_REVIEW, review_due_on__lt=today))


def foi_request_counts(*, council: Council, today: dt.date | None = None) -> dict[str, int]:
    """{"open": requests still owed an answer (open or under internal review), "overdue": those past
    their due date (20 working days, FOI calendar)}. The dashboard shows these."""
    from herald.records.models import FOI_ACTIVE, FoiRequest

    today = today or clock.today_in_london()
    active = FoiRequest.objects.filter(council=council, status__in=FOI_ACTIVE)
    return {"open": active.count(), "overdue": active.filter(_foi_overdue_q(today)).count()}


def foi_request_list(*, council: Council, show: str = "open", today: dt.date | None = None):
    """The register, filtered: open (owed an answer), overdue, closed (answered or closed), all.
    Soonest due first for open and overdue; newest first otherwise."""
    from herald.records.models import FOI_ACTIVE, FoiRequest

    today = today or clock.today_in_london()
    qs = FoiRequest.objects.filter(council=council)
    if show == "open":
        return qs.filter(status__in=FOI_ACTIVE).order_by("due_on", "pk")
    if show == "overdue":
        return qs.filter(status__in=FOI_ACTIVE).filter(_foi_overdue_q(today)).order_by("due_on", "pk")
    if show == "closed":
        return qs.exclude(status__in=FOI_ACTIVE).order_by("-received_on", "-pk")
    return qs.order_by("-received_on", "-pk")


def foi_overdue_reasons(foi_request, today: dt.date | None = None) -> list[str]:
    """Why a request is overdue, in words (empty when it is not)."""
    from herald.records.models import FoiStatus

    today = today or clock.today_in_london()
    if foi_request.status == FoiStatus.OPEN and today > foi_request.due_on:
        return [f"not answered by {clock.format_date(foi_request.due_on)}"]
    if (foi_request.status == FoiStatus.UNDER_REVIEW and foi_request.review_due_on
            and today > foi_request.review_due_on):
        return [f"internal review not decided by {clock.format_date(foi_request.review_due_on)}"]
    return []


def access_foi_request_by_id(user, foi_pk: int):
    """A request of the user's council they may read (VIEW_FOI or MANAGE_FOI); NotFound for anything
    else, missing or another council's alike."""
    from herald.core.errors import NotFound
    from herald.people.access import representative_for_user
    from herald.people.capabilities import Capability, capabilities_for
    from herald.records.models import FoiRequest

    rep = representative_for_user(user)
    if rep is None or not {Capability.VIEW_FOI, Capability.MANAGE_FOI} & capabilities_for(rep.roles):
        raise NotFound("Page not found.")
    found = (FoiRequest.objects.select_related("council", "scope_channel", "scope_person")
             .filter(pk=foi_pk, council=rep.council).first())
    if found is None:
        raise NotFound("Page not found.")
    return found


def access_foi_export_by_id(user, foi_pk: int, export_pk: int):
    from herald.core.errors import NotFound
    from herald.records.models import FoiExport

    foi_request = access_foi_request_by_id(user, foi_pk)
    export = FoiExport.objects.filter(pk=export_pk, request=foi_request).first()
    if export is None:
        raise NotFound("Page not found.")
    return export


def foi_holds(*, foi_request) -> dict[str, int]:
    """Holds in force for the request, counted per kind of record."""
    from django.db.models import Count

    from herald.records.models import LegalHold

    rows = (LegalHold.objects.filter(foi_request=foi_request, released_at__isnull=True)
            .values("target_type__model").annotate(n=Count("pk")))
    return {r["target_type__model"]: r["n"] for r in rows}


def foi_events(*, foi_request) -> QuerySet[AuditEvent]:
    """The request's timeline: audit events about it, oldest first."""
    return AuditEvent.objects.filter(council=foi_request.council, target_type="records.foirequest",
                                     target_id=str(foi_request.pk)).select_related("actor").order_by("seq")
