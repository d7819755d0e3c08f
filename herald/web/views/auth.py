"""Sign-in: password, then two-factor for Clerk and Chair; set-password links; sign-out."""

from __future__ import annotations

import time

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from herald.core.errors import HeraldError
from herald.people import services
from herald.people.access import needs_two_factor, representative_for_user
from herald.people.models import TotpDevice, User
from herald.people.services.accounts import sign_in_locked
from herald.web.forms import CodeForm, PasswordForm, SignInForm
from herald.web.views.base import TWO_FACTOR_SESSION_KEY, apply_error, client_ip, posted

PENDING_KEY, PENDING_AT, NEXT_KEY, CODES_KEY = "herald_pending_user", "herald_pending_at", "herald_next", "herald_new_codes"
PENDING_SECONDS = 600
LOCKED = {"message": "Too many attempts to sign in. Wait 15 minutes and try again.", "field": None}


def _next_url(request) -> str:
    target = request.session.pop(NEXT_KEY, "") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/dashboard"


def _complete(request, user: User):
    login(request, user)  # rotates the session key: no session fixation
    if needs_two_factor(user):
        request.session[TWO_FACTOR_SESSION_KEY] = True
    services.sign_in_record(email=user.email, ip_address=client_ip(request), succeeded=True, user=user)


def _pending_user(request) -> User | None:
    pk, at = request.session.get(PENDING_KEY), request.session.get(PENDING_AT, 0)
    if not pk or time.time() - at > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def sign_in(request):
    if request.user.is_authenticated and representative_for_user(request.user):
        return redirect("web:dashboard")
    form, error = SignInForm(posted(request)), None
    if request.method == "GET" and request.GET.get("next"):
        request.session[NEXT_KEY] = request.GET["next"]
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if sign_in_locked(email=email, ip_address=client_ip(request)):
            error = LOCKED
            known = User.objects.filter(email=email).first()
            services.sign_in_record(email=email, ip_address=client_ip(request), succeeded=False, user=known, locked_out=True)
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None or representative_for_user(user) is None:
                services.sign_in_record(email=email, ip_address=client_ip(request), succeeded=False)
                error = {"message": "The email address or password is not right.", "field": None}
            elif needs_two_factor(user):
                request.session.cycle_key()
                request.session[PENDING_KEY], request.session[PENDING_AT] = user.pk, time.time()
                confirmed = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
                return redirect("web:two-factor" if confirmed else "web:two-factor-setup")
            else:
                _complete(request, user)
                return redirect(_next_url(request))
    return render(request, "web/sign_in.html", {"form": form, "error": error}, status=400 if error or form.errors else 200)


def two_factor(request):
    user = _pending_user(request)
    if user is None:
        return redirect("web:sign-in")
    form, error = CodeForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        if sign_in_locked(email=user.email, ip_address=client_ip(request)):
            error = LOCKED
        elif services.two_factor_verify(user=user, code=form.cleaned_data["code"], ip_address=client_ip(request)):
            for key in (PENDING_KEY, PENDING_AT):
                request.session.pop(key, None)
            _complete(request, user)
            return redirect(_next_url(request))
        else:
            form.add_error("code", "The code is not right. Enter the 6-digit code from your authenticator app, "
                                   "or one of your recovery codes.")
    return render(request, "web/two_factor.html", {"form": form, "error": error}, status=400 if error or form.errors else 200)


def two_factor_setup(request):
    user = _pending_user(request)
    if user is None:
        return redirect("web:sign-in")
    try:
        device = services.two_factor_begin(acting_user=user, user=user)
    except HeraldError:
        return redirect("web:two-factor")
    form, error = CodeForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_confirm(acting_user=user, user=user, code=form.cleaned_data["code"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            for key in (PENDING_KEY, PENDING_AT):
                request.session.pop(key, None)
            _complete(request, user)
            request.session[CODES_KEY] = codes
            return redirect("web:recovery-codes")
    uri = f"otpauth://totp/Herald:{user.email}?secret={device.secret}&issuer=Herald"
    qr = mark_safe(segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff"))
    return render(request, "web/two_factor_setup.html", {"form": form, "error": error, "qr": qr,
                                                         "secret": device.secret}, status=400 if error or form.errors else 200)


def set_password(request, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "web/set_password_invalid.html", status=400)
    form, error = PasswordForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set(acting_user=user, user=user, password=form.cleaned_data["password"],
                                  confirm=form.cleaned_data["confirm"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            logout(request)
            messages.success(request, "Your password is set. You can now sign in.")
            return redirect("web:sign-in")
    return render(request, "web/set_password.html", {"form": form, "error": error, "person": user},
                  status=400 if error or form.errors else 200)


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.sign_out_record(user=request.user)
    logout(request)  # flushes the session
    return redirect("web:sign-in")
