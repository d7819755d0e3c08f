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
