"""Access to elections: the same NotFound for "missing" and "another council's"."""

from __future__ import annotations

from herald.core.errors import NotFound
from herald.elections.models import Election
from herald.people.access import representative_for_user
from herald.people.capabilities import Capability, capabilities_for


def access_election_by_id(user, election_id: int, *, capability: Capability = Capability.MANAGE_ELECTIONS) -> Election:
    rep = representative_for_user(user)
    if rep is None or capability not in capabilities_for(rep.roles):
        raise NotFound("Page not found.")
    try:
        return Election.objects.select_related("period", "created_by", "cancelled_by").get(
            pk=election_id, council=rep.council)
    except Election.DoesNotExist:
        raise NotFound("Page not found.") from None
