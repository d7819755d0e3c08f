"""Template context: the pre-election period in force, for the banner shown to representatives.

Add "herald.elections.context.pre_election" to TEMPLATES' context_processors; the banner is
the template "elections/includes/period_banner.html".
"""

from __future__ import annotations

from herald.elections.selectors import period_current
from herald.people.access import representative_for_user


def pre_election(request) -> dict:
    rep = representative_for_user(getattr(request, "user", None))
    if rep is None:
        return {}
    return {"pre_election_period": period_current(council=rep.council)}
