from __future__ import annotations

from herald.people.access import representative_for_user
from herald.people.capabilities import Capability, capabilities_for


def herald(request) -> dict:
    """The signed-in representative, their council and what they may do, for every template."""
    rep = representative_for_user(getattr(request, "user", None))
    caps = capabilities_for(rep.roles) if rep else frozenset()
    council = rep.council if rep else getattr(request, "council", None)
    return {"me": rep, "council": council, "can": {c.value: (c in caps) for c in Capability}}
