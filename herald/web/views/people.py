"""The people register: thin views over herald.people services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core import clock
from herald.core.errors import HeraldError
from herald.people import services
from herald.people.access import (
    access_interest_by_id,
    access_representative_by_id,
    access_suspension_by_id,
    can_manage_interests_of,
    has_capability,
)
from herald.people.capabilities import Capability
from herald.people.models import Kind, Role, TotpDevice
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights, representative_list
from herald.web.forms import InterestForm, ReasonForm, RepresentativeForm, SuspensionForm
from herald.web.views.base import apply_error, posted, staff_view


def _status(form, error) -> int:
    return 400 if (form is not None and form.errors) or error else 200


@staff_view(Capability.VIEW_PEOPLE)
def people_list(request):
    kind, role = request.GET.get("kind", ""), request.GET.get("role", "")
    show = request.GET.get("show", "active")
    active = {"active": True, "inactive": False}.get(show)
    people = representative_list(council=request.rep.council, kind=kind if kind in Kind.values else "",
                                 role=role if role in Role.values else "", active=active,
                                 search=request.GET.get("q", "")[:100])
    rows = [(p, publishing_rights(representative=p)) for p in people]
    return render(request, "web/people/list.html", {"rows": rows, "kinds": Kind.choices, "roles": Role.choices,
                                                    "filters": {"kind": kind, "role": role, "show": show,
                                                                "q": request.GET.get("q", "")[:100]}})


@staff_view(Capability.MANAGE_PEOPLE)
def person_new(request):
    form, error = RepresentativeForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            rep = services.representative_create(acting_user=request.user, council=request.rep.council, **form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{rep.name} has been added to the register.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/form.html", {"form": form, "error": error, "heading": "Add a representative"},
                  status=_status(form, error))


@staff_view()  # everyone may see their own record; others need VIEW_PEOPLE (checked by access_*)
def person_detail(request, pk: int):
    rep = access_representative_by_id(request.user, pk)
    return render(request, "web/people/detail.html", {
        "person": rep, "rights": publishing_rights(representative=rep),
        "suspensions": rep.suspensions.select_related("decided_by", "lifted_by"),
        "interests": rep.interests.filter(removed_at__isnull=True),
        "acknowledged": has_acknowledged_current_policy(representative=rep),
        "can_manage": has_capability(request.user, Capability.MANAGE_PEOPLE),
        "can_suspend": has_capability(request.user, Capability.SUSPEND_PUBLISHING),
        "can_interests": can_manage_interests_of(request.user, rep) and rep.kind == Kind.MEMBER,
        "now": clock.now(),
        "link": request.session.pop(f"herald_link_{rep.pk}", None),
        "has_two_factor": rep.user_id is not None and TotpDevice.objects.filter(user_id=rep.user_id).exists(),
    })


@staff_view(Capability.MANAGE_PEOPLE)
def person_edit(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_PEOPLE)
    initial = {"name": rep.name, "official_email": rep.official_email, "kind": rep.kind, "roles": rep.roles,
               "organisation": rep.organisation, "job_title": rep.job_title}
    form, error = RepresentativeForm(posted(request), initial=initial), None
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_update(acting_user=request.user, representative=rep, **form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The changes have been saved.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/form.html", {"form": form, "error": error, "person": rep,
                                                    "heading": f"Change {rep.name}"}, status=_status(form, error))


@staff_view(Capability.MANAGE_PEOPLE)
def person_deactivate(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_PEOPLE)
    form, error = ReasonForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_deactivate(acting_user=request.user, representative=rep, reason=form.cleaned_data["reason"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{rep.name} is no longer an active representative.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/reason.html", {
        "form": form, "error": error, "person": rep, "heading": f"Deactivate {rep.name}",
        "button": "Deactivate", "lede": "They will no longer be able to sign in or publish. Their records are kept."},
        status=_status(form, error))


@require_POST
@staff_view(Capability.MANAGE_PEOPLE)
def person_reactivate(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_PEOPLE)
    try:
        services.representative_reactivate(acting_user=request.user, representative=rep)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{rep.name} is active again.")
    return redirect("web:person", rep.pk)


@require_POST
@staff_view(Capability.MANAGE_PEOPLE)
def person_account(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_PEOPLE)
    try:
        _user, link = services.account_create(acting_user=request.user, representative=rep)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        request.session[f"herald_link_{rep.pk}"] = link
        messages.success(request, f"A sign-in account has been created for {rep.name}.")
    return redirect("web:person", rep.pk)


def _start_of_day(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.LONDON) if day else None


@require_POST
@staff_view(Capability.MANAGE_PEOPLE)
def person_two_factor_reset(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_PEOPLE)
    if rep.user is None:
        raise Http404
    try:
        services.two_factor_reset(acting_user=request.user, user=rep.user)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{rep.name} will set up two-factor sign-in again the next time they sign in.")
    return redirect("web:person", rep.pk)


@staff_view(Capability.SUSPEND_PUBLISHING)
def person_suspend(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.SUSPEND_PUBLISHING)
    form, error = SuspensionForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = _start_of_day(data["starts_on"]) if data["starts_on"] else clock.now()
        try:
            services.suspension_create(acting_user=request.user, representative=rep, starts_at=starts,
                                       ends_at=_start_of_day(data["ends_on"]), reason=data["reason"])
        except HeraldError as exc:
            error = apply_error(form, exc, rename={"ends_at": "ends_on", "starts_at": "starts_on"})
        else:
            messages.success(request, f"{rep.name}'s publishing rights are suspended.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/suspend.html", {"form": form, "error": error, "person": rep},
                  status=_status(form, error))


@staff_view(Capability.SUSPEND_PUBLISHING)
def suspension_lift(request, pk: int, suspension_pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.SUSPEND_PUBLISHING)
    suspension = access_suspension_by_id(request.user, rep, suspension_pk)
    form, error = ReasonForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.suspension_lift(acting_user=request.user, suspension=suspension, reason=form.cleaned_data["reason"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{rep.name}'s publishing rights are restored.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/reason.html", {
        "form": form, "error": error, "person": rep, "heading": f"Restore {rep.name}'s publishing rights",
        "button": "Lift suspension", "lede": f"Suspended because: {suspension.reason}"}, status=_status(form, error))


@staff_view()
def interest_new(request, pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_OWN_INTERESTS
                                      if request.rep.pk == pk else Capability.MANAGE_PEOPLE)
    if not can_manage_interests_of(request.user, rep):
        return render(request, "web/errors/403.html", status=403)
    form, error = InterestForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_register(acting_user=request.user, representative=rep, **form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The interest has been registered.")
            return redirect("web:person", rep.pk)
    return render(request, "web/people/interest.html", {"form": form, "error": error, "person": rep},
                  status=_status(form, error))


@require_POST
@staff_view()
def interest_remove(request, pk: int, interest_pk: int):
    rep = access_representative_by_id(request.user, pk, capability=Capability.MANAGE_OWN_INTERESTS
                                      if request.rep.pk == pk else Capability.MANAGE_PEOPLE)
    if not can_manage_interests_of(request.user, rep):
        return render(request, "web/errors/403.html", status=403)
    interest = access_interest_by_id(request.user, rep, interest_pk)
    try:
        services.interest_remove(acting_user=request.user, interest=interest)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The interest has been removed from the register.")
    return redirect("web:person", rep.pk)
