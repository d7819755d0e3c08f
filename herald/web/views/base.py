"""Shared view helpers: the staff decorator (sign-in, two-factor, capability) and error handling."""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect, render

from herald.core.errors import HeraldError, NotAllowed, NotFound
from herald.people.access import needs_two_factor, representative_for_user
from herald.people.capabilities import Capability, capabilities_for

log = logging.getLogger(__name__)
TWO_FACTOR_SESSION_KEY = "herald_2fa_verified"


def staff_view(capability: Capability | None = None):
    """Signed-in, active representatives only; two-factor checked for Clerk and Chair; then the capability.

    Sets request.rep (the signed-in representative). Anonymous people go to sign in; a missing
    capability is a 403 page. Object access inside the view uses access_*_by_id (404 for
    anything outside the user's council).
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect(f"/sign-in?{urlencode({'next': request.get_full_path()})}")
            rep = representative_for_user(user)
            if rep is None or (needs_two_factor(user) and not request.session.get(TWO_FACTOR_SESSION_KEY)):
                logout(request)
                return redirect("web:sign-in")
            if capability is not None and capability not in capabilities_for(rep.roles):
                return render(request, "web/errors/403.html", status=403)
            request.rep = rep
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None
            except NotAllowed as exc:
                return render(request, "web/errors/403.html", {"reason": exc.message}, status=403)

        return wrapper

    return decorate


def apply_error(form, exc: HeraldError, rename: dict[str, str] | None = None) -> dict | None:
    """Show a service error on its form field when it has one; otherwise return it for the summary."""
    field = (rename or {}).get(exc.field, exc.field)
    if field and form is not None and field in form.fields:
        form.add_error(field, exc.message)
        return None
    return {"message": exc.message, "field": None}


def posted(request):
    """The submitted data for a form on POST (even when empty), None on GET."""
    return request.POST if request.method == "POST" else None


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")
