"""The few central access functions. Every view and API route goes through them.

"Missing" and "not allowed" give the same NotFound, so nobody can probe another council.
"""

from __future__ import annotations

from herald.core.errors import NotAllowed, NotFound
from herald.councils.models import Council
from herald.people.capabilities import TWO_FACTOR_ROLES, Capability, capabilities_for
from herald.people.models import RegisteredInterest, Representative, Suspension


def representative_for_user(user) -> Representative | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    rep = getattr(user, "representative", None)
    if rep is None or not rep.active:
        return None
    return rep


def council_for_user(user) -> Council | None:
    rep = representative_for_user(user)
    return rep.council if rep else None


def has_capability(user, capability: Capability) -> bool:
    rep = representative_for_user(user)
    return rep is not None and capability in capabilities_for(rep.roles)


def require_capability(user, capability: Capability) -> Representative:
    rep = representative_for_user(user)
    if rep is None or capability not in capabilities_for(rep.roles):
        raise NotAllowed("You do not have permission to do this.")
    return rep


def needs_two_factor(user) -> bool:
    rep = representative_for_user(user)
    return rep is not None and bool(TWO_FACTOR_ROLES & set(rep.roles))


def access_representative_by_id(user, representative_id: int, *, capability: Capability = Capability.VIEW_PEOPLE) -> Representative:
    rep = representative_for_user(user)
    if rep is not None and rep.pk == representative_id and capability in (Capability.VIEW_PEOPLE, Capability.MANAGE_OWN_INTERESTS):
        return rep  # everyone may see their own record
    if rep is None or capability not in capabilities_for(rep.roles):
        raise NotFound("Page not found.")
    try:
        return Representative.objects.select_related("user").get(pk=representative_id, council=rep.council)
    except Representative.DoesNotExist:
        raise NotFound("Page not found.") from None


def access_suspension_by_id(user, representative: Representative, suspension_id: int) -> Suspension:
    require_capability(user, Capability.SUSPEND_PUBLISHING)
    try:
        return Suspension.objects.get(pk=suspension_id, representative=representative, council=representative.council)
    except Suspension.DoesNotExist:
        raise NotFound("Page not found.") from None


def access_interest_by_id(user, representative: Representative, interest_id: int) -> RegisteredInterest:
    try:
        return RegisteredInterest.objects.get(pk=interest_id, representative=representative, council=representative.council)
    except RegisteredInterest.DoesNotExist:
        raise NotFound("Page not found.") from None


def can_manage_interests_of(user, representative: Representative) -> bool:
    me = representative_for_user(user)
    if me is None or me.council_id != representative.council_id:
        return False
    caps = capabilities_for(me.roles)
    return Capability.MANAGE_PEOPLE in caps or (me.pk == representative.pk and Capability.MANAGE_OWN_INTERESTS in caps)
