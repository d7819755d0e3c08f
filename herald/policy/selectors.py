from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from herald.core import clock
from herald.councils.models import Council
from herald.policy.models import Clause, PolicyVersion


def policy_current(*, council: Council) -> PolicyVersion | None:
    return council.active_policy


def clause_list(*, version: PolicyVersion) -> list[Clause]:
    return list(version.clauses.all())


@dataclass(frozen=True)
class ReviewStatus:
    due: dt.date
    overdue: bool
    days: int  # days overdue (positive) or days until due (negative or zero)

    @property
    def summary(self) -> str:
        if self.overdue:
            return f"The policy review was due on {clock.format_date(self.due)}. It is overdue."
        return f"The next policy review is due on {clock.format_date(self.due)}."


def policy_review_status(*, council: Council, today: dt.date | None = None) -> ReviewStatus | None:
    version = council.active_policy
    if version is None:
        return None
    today = today or clock.today_in_london()
    return ReviewStatus(due=version.review_due, overdue=version.review_due < today, days=(today - version.review_due).days)


def council_settings(*, council: Council) -> dict:
    """The council's settings from its current policy version (defaults when none is loaded)."""
    from herald.policy.document import DEFAULT_SETTINGS

    return council.active_policy.settings if council.active_policy else DEFAULT_SETTINGS


# --- the review cycle ---------------------------------------------------------------------------

def version_list(*, council: Council) -> list[PolicyVersion]:
    """Every version of the council's policy, newest first."""
    return list(PolicyVersion.objects.filter(council=council).select_related("adopted_by", "loaded_by")
                .order_by("-number"))


def access_version_by_number(user, number: int) -> PolicyVersion:
    """A version of the user's own council's policy; NotFound for anything else."""
    from herald.core.errors import NotFound
    from herald.people.access import representative_for_user

    rep = representative_for_user(user)
    version = (PolicyVersion.objects.filter(council_id=rep.council_id, number=number)
               .select_related("council", "adopted_by").first() if rep is not None else None)
    if version is None:
        raise NotFound("Page not found.")
    return version


def version_previous(*, version: PolicyVersion) -> PolicyVersion | None:
    return (PolicyVersion.objects.filter(council_id=version.council_id, number__lt=version.number)
            .order_by("-number").first())


def version_diff(*, version: PolicyVersion):
    """What the version changed against the one before it (everything is added for the first)."""
    from herald.policy.diff import policy_diff

    previous = version_previous(version=version)
    return policy_diff(clause_list(version=previous) if previous else [], clause_list(version=version),
                       old_settings=previous.settings if previous else None, new_settings=version.settings,
                       old_title=previous.title if previous else "", new_title=version.title)


def document_diff(*, council: Council, document):
    """What adopting a parsed policy document would change against the council's current version."""
    from herald.policy.diff import policy_diff

    current = council.active_policy
    return policy_diff(clause_list(version=current) if current else [], document.clauses,
                       old_settings=current.settings if current else None, new_settings=document.settings,
                       old_title=current.title if current else "", new_title=document.title)


REVIEW_FILTERS = {"open": "Open", "closed": "Closed", "all": "All"}


def review_item_list(*, council: Council, show: str = "open") -> list:
    from herald.policy.models import PolicyReviewItem

    qs = (PolicyReviewItem.objects.filter(council=council)
          .select_related("policy_version", "closed_by_version").prefetch_related("complaints"))
    if show == "open":
        qs = qs.filter(closed_at__isnull=True)
    elif show == "closed":
        qs = qs.filter(closed_at__isnull=False)
    return list(qs.order_by("-opened_at", "-pk"))


def access_review_item_by_id(user, item_id: int):
    """A review item of the user's own council; NotFound for anything else (missing or not theirs)."""
    from herald.core.errors import NotFound
    from herald.people.access import representative_for_user
    from herald.policy.models import PolicyReviewItem

    rep = representative_for_user(user)
    item = (PolicyReviewItem.objects.filter(council_id=rep.council_id, pk=item_id)
            .select_related("council", "policy_version", "closed_by_version", "closed_by")
            .prefetch_related("complaints").first() if rep is not None else None)
    if item is None:
        raise NotFound("Page not found.")
    return item


@dataclass(frozen=True)
class ReviewOverview:
    status: ReviewStatus | None
    open_items: int
    scheduled_open: bool
    version: PolicyVersion | None
    acknowledged: int
    representatives: int


def review_overview(*, council: Council, today: dt.date | None = None) -> ReviewOverview:
    """The policy review at a glance (the Clerk's dashboard and the policy area)."""
    from herald.people.models import PolicyAcknowledgement, Representative
    from herald.policy.models import PolicyReviewItem, ReviewSource

    open_items = PolicyReviewItem.objects.filter(council=council, closed_at__isnull=True)
    version = council.active_policy
    acknowledged = (PolicyAcknowledgement.objects.filter(council=council, policy_version=version,
                                                         representative__active=True).count() if version else 0)
    return ReviewOverview(
        status=policy_review_status(council=council, today=today), open_items=open_items.count(),
        scheduled_open=open_items.filter(source=ReviewSource.SCHEDULED).exists(), version=version,
        acknowledged=acknowledged, representatives=Representative.objects.filter(council=council, active=True).count())
