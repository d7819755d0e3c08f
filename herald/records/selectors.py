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
