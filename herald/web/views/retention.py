"""The Clerk's retention page: the rules in force, the dry-run report, and running the rules now."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from herald.core.errors import HeraldError
from herald.people.capabilities import Capability
from herald.records.retention import retention_report, retention_run
from herald.web.views.base import posted, staff_view


class RunForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, purge and anonymise these records now. This cannot be undone.",
                                 error_messages={"required": "Confirm that the records should be purged and "
                                                             "anonymised now"})


@staff_view(Capability.MANAGE_RETENTION)
def retention_page(request):
    report = retention_report(council=request.rep.council)
    return render(request, "web/retention/report.html", {"report": report})


@staff_view(Capability.MANAGE_RETENTION)
def retention_run_now(request):
    report = retention_report(council=request.rep.council)
    form, error = RunForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            result = retention_run(acting_user=request.user, council=request.rep.council)
        except HeraldError as exc:
            error = {"message": exc.message, "field": None}
        else:
            held = f" {result.total_held} kept under a legal hold." if result.total_held else ""
            messages.success(request, f"The retention rules ran: {result.total_done} record"
                                      f"{'s' if result.total_done != 1 else ''} purged or anonymised.{held}")
            return redirect("web:retention")
    return render(request, "web/retention/run.html", {"report": report, "form": form, "error": error},
                  status=400 if form.errors or error else 200)
