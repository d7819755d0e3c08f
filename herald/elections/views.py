"""The Elections register, the calendar of pre-election periods and the public .ics feed.

Thin views: parse -> access check -> service or selector -> render.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from herald.core import clock
from herald.core.errors import HeraldError
from herald.councils.models import Council
from herald.elections import services
from herald.elections.access import access_election_by_id
from herald.elections.errors import NeedsConfirmation
from herald.elections.forms import CancelForm, ElectionForm
from herald.elections.ics import calendar_filename, council_calendar
from herald.elections.models import Kind
from herald.elections.selectors import election_list, election_warnings, ordinary_polling_day_next, period_calendar
from herald.people.capabilities import Capability
from herald.web.views.base import apply_error, posted, staff_view


def _status(form, error) -> int:
    return 400 if (form is not None and form.errors) or error else 200


def _save(form, save):
    """Run the service with the form's data: (election, error, needs_confirmation)."""
    try:
        return save(**form.cleaned_data), None, False
    except NeedsConfirmation as exc:
        return None, apply_error(form, exc), True
    except HeraldError as exc:
        return None, apply_error(form, exc), False


def _form_page(request, form, error, needs_confirmation, **context):
    show_confirm = needs_confirmation or bool(form["confirm_not_thursday"].value())
    return render(request, "elections/form.html", {"form": form, "error": error, "show_confirm": show_confirm,
                                                   **context}, status=_status(form, error))


@staff_view(Capability.MANAGE_ELECTIONS)
def election_register(request):
    return render(request, "elections/list.html", {"elections": election_list(council=request.rep.council)})


@staff_view(Capability.VIEW_DASHBOARD)
def election_calendar(request):
    return render(request, "elections/calendar.html", {"calendar": period_calendar(council=request.rep.council)})


@staff_view(Capability.MANAGE_ELECTIONS)
def election_new(request):
    council = request.rep.council
    form = ElectionForm(posted(request), council=council, initial={
        "kind": Kind.LOCAL, "polling_day": ordinary_polling_day_next(council=council), "scope": "all"})
    error, needs_confirmation = None, False
    if request.method == "POST" and form.is_valid():
        election, error, needs_confirmation = _save(form, lambda **data: services.election_create(
            acting_user=request.user, council=council, **data))
        if election is not None:
            messages.success(request, f"{election} has been added to the register.")
            return redirect("elections:election", election.pk)
    return _form_page(request, form, error, needs_confirmation, heading="Add an election")


@staff_view(Capability.MANAGE_ELECTIONS)
def election_detail(request, election_pk: int):
    election = access_election_by_id(request.user, election_pk)
    return render(request, "elections/detail.html", {
        "election": election, "warnings": election_warnings(election=election), "now": clock.now(),
        "merged": election.period is not None and (election.period.starts_at, election.period.ends_at)
        != (election.period_starts_at, election.period_ends_at),
    })


@staff_view(Capability.MANAGE_ELECTIONS)
def election_edit(request, election_pk: int):
    election = access_election_by_id(request.user, election_pk)
    if election.cancelled:
        messages.error(request, "This election has been cancelled: it can no longer be changed.")
        return redirect("elections:election", election.pk)
    initial = {"kind": election.kind, "polling_day": election.polling_day, "notice_date": election.notice_date,
               "dissolution_date": election.dissolution_date, "area": election.area,
               "description": election.description, "candidates": "\n".join(election.candidates),
               "scope": "all" if election.all_channels else "chosen",
               "channels": [str(pk) for pk in election.channels.values_list("pk", flat=True)]}
    form = ElectionForm(posted(request), council=election.council, initial=initial)
    error, needs_confirmation = None, False
    if request.method == "POST" and form.is_valid():
        saved, error, needs_confirmation = _save(form, lambda **data: services.election_update(
            acting_user=request.user, election=election, **data))
        if saved is not None:
            messages.success(request, "The changes have been saved.")
            return redirect("elections:election", election.pk)
    return _form_page(request, form, error, needs_confirmation, election=election, heading=f"Change {election}")


@staff_view(Capability.MANAGE_ELECTIONS)
def election_cancel(request, election_pk: int):
    election = access_election_by_id(request.user, election_pk)
    form, error = CancelForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.election_cancel(acting_user=request.user, election=election, reason=form.cleaned_data["reason"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{election} has been cancelled.")
            return redirect("elections:election", election.pk)
    return render(request, "elections/cancel.html", {"form": form, "error": error, "election": election},
                  status=_status(form, error))


def council_elections_ics(request, slug: str):
    """Public: the council's pre-election periods as an iCalendar feed."""
    council = get_object_or_404(Council, slug=slug)
    response = HttpResponse(council_calendar(council=council), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{calendar_filename(council)}"'
    response["Cache-Control"] = "public, max-age=900"
    return response
