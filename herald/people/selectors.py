from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from herald.core import clock
from herald.councils.models import Council
from herald.people.models import PolicyAcknowledgement, Representative, Suspension


def representative_list(*, council: Council, kind: str = "", role: str = "", active: bool | None = True,
                        search: str = "") -> list[Representative]:
    qs: QuerySet[Representative] = Representative.objects.filter(council=council).select_related("user")
    if kind:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(active=active)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(official_email__icontains=search))
    reps = list(qs)
    return [r for r in reps if role in r.roles] if role else reps


def suspension_current(*, representative: Representative, at: dt.datetime | None = None) -> Suspension | None:
    at = at or clock.now()
    return (Suspension.objects.filter(representative=representative, starts_at__lte=at, lifted_at__isnull=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at)).order_by("-starts_at").first())


@dataclass(frozen=True)
class PublishingRights:
    active: bool
    suspension: Suspension | None

    @property
    def label(self) -> str:
        if self.active:
            return "Active"
        if self.suspension and self.suspension.ends_at:
            return f"Suspended until {clock.format_datetime(self.suspension.ends_at)}"
        return "Suspended"


def publishing_rights(*, representative: Representative, at: dt.datetime | None = None) -> PublishingRights:
    """Whether the representative may publish now. Suspensions end on time by themselves."""
    if not representative.active:
        return PublishingRights(False, None)
    suspension = suspension_current(representative=representative, at=at)
    return PublishingRights(suspension is None, suspension)


def has_acknowledged_current_policy(*, representative: Representative) -> bool:
    version_id = representative.council.active_policy_id
    return version_id is not None and PolicyAcknowledgement.objects.filter(
        representative=representative, policy_version_id=version_id).exists()
