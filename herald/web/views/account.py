from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import HeraldError
from herald.people import services
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import RecoveryCode, TotpDevice
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights
from herald.web.views.auth import CODES_KEY
from herald.web.views.base import staff_view


@staff_view()
def account(request):
    rep = request.rep
    device = TotpDevice.objects.filter(user=request.user, confirmed_at__isnull=False).first()
    return render(request, "web/account/account.html", {
        "device": device,
        "codes_left": RecoveryCode.objects.filter(user=request.user, used_at__isnull=True).count(),
        "rights": publishing_rights(representative=rep),
        "acknowledged": has_acknowledged_current_policy(representative=rep),
        "capabilities": sorted(c.value for c in capabilities_for(rep.roles)),
    })


@staff_view()
def recovery_codes(request):
    codes = request.session.pop(CODES_KEY, None)
    if not codes:
        return redirect("web:account")
    return render(request, "web/account/recovery_codes.html", {"codes": codes})


@require_POST
@staff_view()
def recovery_codes_regenerate(request):
    try:
        request.session[CODES_KEY] = services.recovery_codes_generate(acting_user=request.user, user=request.user)
    except HeraldError as exc:
        messages.error(request, exc.message)
        return redirect("web:account")
    return redirect("web:recovery-codes")


@require_POST
@staff_view(Capability.ACKNOWLEDGE_POLICY)
def acknowledge_policy(request):
    try:
        services.policy_acknowledge(acting_user=request.user, representative=request.rep)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Thank you. You have acknowledged the current social media policy.")
    return redirect("web:dashboard")
