from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.api import services as api_services
from herald.api.forms import ApiTokenForm
from herald.api.selectors import access_api_token_by_id, api_token_list_for_council, api_token_list_for_user
from herald.core import clock
from herald.core.errors import HeraldError
from herald.people import services
from herald.people.access import has_capability
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import RecoveryCode, TotpDevice
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights
from herald.web.views.auth import CODES_KEY
from herald.web.views.base import apply_error, posted, staff_view

NEW_TOKEN_KEY = "herald_new_api_token"


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
        "api_tokens": api_token_list_for_user(user=request.user).filter(revoked_at__isnull=True)
        .exclude(expires_at__lte=clock.now()).count(),
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


# --- API tokens (herald.api; docs/api.md) ---

@staff_view(Capability.USE_API)
def api_tokens(request):
    now, others = clock.now(), None
    tokens = list(api_token_list_for_user(user=request.user))
    if has_capability(request.user, Capability.MANAGE_PEOPLE):
        others = list(api_token_list_for_council(council=request.rep.council, exclude_user=request.user))
    for token in tokens + (others or []):
        token.status = token.status_at(now)
    return render(request, "web/account/api_tokens.html", {"tokens": tokens, "others": others})


@staff_view(Capability.USE_API)
def api_token_new(request):
    form, error = ApiTokenForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_services.api_token_create(acting_user=request.user, representative=request.rep,
                                                          name=form.cleaned_data["name"],
                                                          expires_at=form.expires_at())
        except HeraldError as exc:
            error = apply_error(form, exc, rename={"expires_at": "expiry"})
        else:
            # Shown once, on the next page, then forgotten: Herald keeps only its hash.
            request.session[NEW_TOKEN_KEY] = {"pk": token.pk, "secret": secret}
            return redirect("api:api-token-created")
    return render(request, "web/account/api_token_new.html", {"form": form, "error": error},
                  status=400 if form.errors or error else 200)


@staff_view(Capability.USE_API)
def api_token_created(request):
    new = request.session.pop(NEW_TOKEN_KEY, None)
    if not new:
        return redirect("api:api-tokens")
    token = access_api_token_by_id(request.user, new["pk"])
    return render(request, "web/account/api_token_created.html", {"token": token, "secret": new["secret"]})


@staff_view(Capability.USE_API)
def api_token_revoke(request, token_pk: int):
    token = access_api_token_by_id(request.user, token_pk)
    if request.method == "POST":
        try:
            api_services.api_token_revoke(acting_user=request.user, token=token)
        except HeraldError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"The token “{token.name}” is revoked. It no longer works.")
        return redirect("api:api-tokens")
    return render(request, "web/account/api_token_revoke.html", {"token": token, "mine": token.user_id ==
                                                                 request.user.pk})
