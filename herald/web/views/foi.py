"""Freedom of Information pages: the register, a request (timeline, search, holds, exports), the
response and the internal review; the export bundle's progress, redactions and download.
Thin views over herald.records.foi (services), herald.records.selectors and herald.records.search."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from herald.channels.models import Channel
from herald.core.errors import Conflict, HeraldError
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import Representative
from herald.records import foi as services
from herald.records import search, selectors
from herald.records.export import CLASSES
from herald.records.models import FOI_ACTIVE, FOI_RESPONDED, FoiExportStatus, FoiReviewOutcome, FoiStatus
from herald.web.forms import DatePartsField
from herald.web.views.base import apply_error, posted, staff_view

TEXTAREA = forms.Textarea(attrs={"rows": 5})


# ----- forms (parse and shape input only; the services decide) ------------------------------------


class ScopeForm(forms.Form):
    date_from = DatePartsField(label="From", required=False, help_text="For example, 1 3 2026.")
    date_to = DatePartsField(label="To", required=False, help_text="For example, 31 3 2026.")
    channel = forms.ChoiceField(label="Channel", required=False)
    person = forms.ChoiceField(label="Person", required=False, help_text="Posts they wrote, decisions they made, "
                               "complaints about them and what they did in Herald.")
    text = forms.CharField(label="Words", required=False, max_length=200,
                           help_text="Words in a post, a complaint, a reason or an audit entry.")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.channels = {str(c.pk): c for c in Channel.objects.filter(council=council).order_by("name")}
        self.people = {str(r.pk): r for r in Representative.objects.filter(council=council).order_by("name")}
        self.fields["channel"].choices = [("", "Any channel")] + [(k, c.name) for k, c in self.channels.items()]
        self.fields["person"].choices = [("", "Anyone")] + [(k, r.name) for k, r in self.people.items()]

    def scope_args(self) -> dict:
        data = self.cleaned_data
        return {"date_from": data.get("date_from"), "date_to": data.get("date_to"),
                "channel": self.channels.get(data.get("channel") or ""),
                "person": self.people.get(data.get("person") or ""), "text": data.get("text", "")}


class RequestForm(forms.Form):
    requester_name = forms.CharField(label="Requester's name", max_length=200,
                                     error_messages={"required": "Enter the requester's name"})
    requester_contact = forms.CharField(label="Where to send the answer", max_length=300,
                                        help_text="An email or postal address, as they gave it.",
                                        error_messages={"required": "Enter where to send the answer"})
    received_on = DatePartsField(label="Date received", help_text="For example, 27 3 2026. The answer is due "
                                 "20 working days later.")
    request_text = forms.CharField(label="What they asked for", widget=TEXTAREA, max_length=10_000,
                                   error_messages={"required": "Enter what they asked for"})


class RespondForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=services.RESPONSE_OUTCOMES.items(),
                                error_messages={"required": "Choose the outcome"})
    response_text = forms.CharField(label="The response sent", widget=TEXTAREA, max_length=10_000,
                                    error_messages={"required": "Enter the response sent"})
    exemption = forms.CharField(label="Exemption relied on (if anything is withheld)", widget=TEXTAREA,
                                max_length=2000, required=False,
                                help_text="For example, section 40(2): personal information about third parties.")
    responded_on = DatePartsField(label="Date of the response", required=False, help_text="Leave blank for today.")


class CloseForm(forms.Form):
    note = forms.CharField(label="Why close it without an answer? (only if it was not answered)", widget=TEXTAREA,
                           max_length=2000, required=False, help_text="For example, the requester withdrew it.")


class ReviewRequestForm(forms.Form):
    requested_on = DatePartsField(label="Date the review was asked for")
    grounds = forms.CharField(label="Grounds for the review", widget=TEXTAREA, max_length=10_000,
                              error_messages={"required": "Enter the grounds for the review"})


class ReviewDecideForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=FoiReviewOutcome.choices,
                                error_messages={"required": "Choose the outcome"})
    notes = forms.CharField(label="Reasons", widget=TEXTAREA, max_length=10_000,
                            error_messages={"required": "Enter the reasons"})
    decided_on = DatePartsField(label="Date decided", required=False, help_text="Leave blank for today.")


# ----- helpers -----------------------------------------------------------------------------------


def _status(form, error) -> int:
    return 400 if (form is not None and form.errors) or error else 200


def _sections(counts: dict, preview: dict) -> list[tuple]:
    return [(kind, label, counts.get(kind, 0), preview.get(kind, [])) for kind, label in search.KINDS.items()]


def _scope_error(form, exc: HeraldError):
    rename = {"date_from": "date_from", "date_to": "date_to", "channel": "channel", "person": "person",
              "text": "text"}
    return apply_error(form, exc, rename)


def _request_context(request, foi_request) -> dict:
    scope = search.scope_from_request(foi_request)
    has_scope = scope != search.Scope()
    return {
        "foi": foi_request, "overdue": selectors.foi_overdue_reasons(foi_request),
        "manage": has_capability(request.user, Capability.MANAGE_FOI),
        "scope": scope, "has_scope": has_scope,
        "counts": search.search_counts(council=foi_request.council, scope=scope) if has_scope else None,
        "kinds": search.KINDS, "holds": selectors.foi_holds(foi_request=foi_request),
        "events": selectors.foi_events(foi_request=foi_request), "exports": list(foi_request.exports.all()[:10]),
        "is_active": foi_request.status in FOI_ACTIVE, "is_open": foi_request.status == FoiStatus.OPEN,
        "can_review": foi_request.status in (*FOI_RESPONDED, FoiStatus.CLOSED) and foi_request.responded_on
        and not foi_request.review_requested_on,
        "can_close": foi_request.status in (FoiStatus.OPEN, *FOI_RESPONDED),
        "review_ask_by": services.review_ask_by(foi_request.responded_on) if foi_request.responded_on else None,
    }


# ----- pages -------------------------------------------------------------------------------------


@staff_view(Capability.VIEW_FOI)
def foi_index(request):
    show = request.GET.get("show", "open")
    if show not in selectors.FOI_FILTERS:
        show = "open"
    rows = [(r, selectors.foi_overdue_reasons(r))
            for r in selectors.foi_request_list(council=request.rep.council, show=show)[:500]]
    return render(request, "web/foi/list.html", {"rows": rows, "show": show, "filters": selectors.FOI_FILTERS,
                                                 "counts": selectors.foi_request_counts(council=request.rep.council)})


@staff_view(Capability.MANAGE_FOI)
def foi_new(request):
    form, error = RequestForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            foi_request = services.foi_request_open(acting_user=request.user, council=request.rep.council,
                                                    **form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{foi_request.reference} is logged. The answer is due by "
                                      f"{foi_request.due_on.day} {foi_request.due_on:%B %Y}.")
            return redirect("web:foi-request", foi_request.pk)
    return render(request, "web/foi/new.html", {"form": form, "error": error}, status=_status(form, error))


@staff_view(Capability.VIEW_FOI)
def foi_detail(request, foi_pk: int):
    foi_request = selectors.access_foi_request_by_id(request.user, foi_pk)
    context = _request_context(request, foi_request)
    if context["has_scope"]:
        preview = search.search_preview(council=foi_request.council, scope=context["scope"], per_kind=5)
        context["sections"] = _sections(context["counts"], preview)
    return render(request, "web/foi/detail.html", context)


@staff_view(Capability.MANAGE_FOI)
def foi_search(request, foi_pk: int):
    """GET: try a search (results preview); POST: use it for the request (its records are held)."""
    foi_request = selectors.access_foi_request_by_id(request.user, foi_pk)
    council = foi_request.council
    data = request.POST if request.method == "POST" else (request.GET if "date_from_0" in request.GET else None)
    initial = {"date_from": foi_request.scope_from, "date_to": foi_request.scope_to,
               "channel": str(foi_request.scope_channel_id or ""), "person": str(foi_request.scope_person_id or ""),
               "text": foi_request.scope_text}
    form, error, scope, counts, preview = ScopeForm(data, council=council, initial=initial), None, None, None, None
    if data is not None and form.is_valid():
        try:
            scope = search.scope_check(council=council, **form.scope_args())
            if request.method == "POST":
                held = services.foi_request_scope_set(acting_user=request.user, foi_request=foi_request, scope=scope)
                messages.success(request, f"The search is saved for {foi_request.reference}. "
                                          f"{held:,} more record{'s' if held != 1 else ''} held.")
                return redirect("web:foi-request", foi_request.pk)
            counts = search.search_counts(council=council, scope=scope)
            preview = search.search_preview(council=council, scope=scope, per_kind=5)
        except HeraldError as exc:
            error, scope = _scope_error(form, exc), None
    return render(request, "web/foi/search.html",
                  {"foi": foi_request, "form": form, "error": error, "scope": scope, "counts": counts,
                   "sections": _sections(counts, preview) if counts is not None else None,
                   "total": sum(counts.values()) if counts is not None else 0},
                  status=_status(form, error))


def _form_page(request, foi_pk: int, form_class, call, *, heading: str, button: str, lede: str = "",
               success: str = "", warning: bool = False):
    foi_request = selectors.access_foi_request_by_id(request.user, foi_pk)
    form, error = form_class(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            call(foi_request, form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("web:foi-request", foi_request.pk)
    return render(request, "web/foi/form.html", {"foi": foi_request, "form": form, "error": error,
                                                 "heading": heading, "button": button, "lede": lede,
                                                 "warning": warning}, status=_status(form, error))


@staff_view(Capability.MANAGE_FOI)
def foi_respond(request, foi_pk: int):
    return _form_page(request, foi_pk, RespondForm,
                      lambda r, d: services.foi_request_respond(acting_user=request.user, foi_request=r, **d),
                      heading="Record the response", button="Record the response",
                      lede="Record what was sent. Name the exemption for anything withheld (FOIA section 17).",
                      success="The response is recorded.")


@staff_view(Capability.MANAGE_FOI)
def foi_close(request, foi_pk: int):
    return _form_page(request, foi_pk, CloseForm,
                      lambda r, d: services.foi_request_close(acting_user=request.user, foi_request=r, **d),
                      heading="Close the request", button="Close the request", warning=True,
                      lede="Closing releases the legal holds on the records this request concerns.",
                      success="The request is closed and its legal holds are released.")


@staff_view(Capability.MANAGE_FOI)
def foi_review(request, foi_pk: int):
    return _form_page(request, foi_pk, ReviewRequestForm,
                      lambda r, d: services.foi_review_request(acting_user=request.user, foi_request=r, **d),
                      heading="Record a request for an internal review", button="Record the request",
                      lede="A review can be asked for within 40 working days of the response; it is due "
                           "20 working days after it is asked for.",
                      success="The internal review is recorded.")


@staff_view(Capability.MANAGE_FOI)
def foi_review_decide(request, foi_pk: int):
    return _form_page(request, foi_pk, ReviewDecideForm,
                      lambda r, d: services.foi_review_decide(acting_user=request.user, foi_request=r, **d),
                      heading="Decide the internal review", button="Record the decision",
                      lede="The request then closes and its legal holds are released.",
                      success="The review is decided and the request is closed.")


# ----- exports -----------------------------------------------------------------------------------


@require_POST
@staff_view(Capability.MANAGE_FOI)
def foi_export_start(request, foi_pk: int):
    foi_request = selectors.access_foi_request_by_id(request.user, foi_pk)
    try:
        export = services.foi_export_start(acting_user=request.user, foi_request=foi_request)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("web:foi-request", foi_request.pk)
    return redirect("web:foi-export", foi_request.pk, export.pk)


@staff_view(Capability.VIEW_FOI)
def foi_export(request, foi_pk: int, export_pk: int):
    """Progress while the task runs, the redaction classes to confirm, then the download. The page
    reloads itself (meta refresh: no script under the CSP) only when the user asks for it (`?auto=1`),
    with a link to stop: an automatic refresh the user did not choose fails WCAG 2.2.1."""
    export = selectors.access_foi_export_by_id(request.user, foi_pk, export_pk)
    manage = has_capability(request.user, Capability.MANAGE_FOI)
    error = None
    if request.method == "POST":
        if not manage:
            return render(request, "web/errors/403.html", status=403)
        decisions = {cls: request.POST.get(f"decision-{cls}", "") for cls in export.classes}
        try:
            services.foi_export_confirm(acting_user=request.user, export=export, decisions=decisions)
        except HeraldError as exc:
            error = {"message": exc.message, "field": None}
        else:  # keep updating automatically if the user had asked for it
            auto = "?auto=1" if request.GET.get("auto") == "1" else ""
            return redirect(reverse("web:foi-export", args=[foi_pk, export.pk]) + auto)
    running = export.status in (FoiExportStatus.SCANNING, FoiExportStatus.BUILDING)
    classes = [(cls, entry, request.POST.get(f"decision-{cls}", "") if request.method == "POST" else "")
               for cls, entry in export.classes.items()]
    return render(request, "web/foi/export.html",
                  {"foi": export.request, "export": export, "manage": manage, "running": running,
                   "auto": request.GET.get("auto") == "1",
                   "classes": classes, "error": error,
                   "count_rows": [(label, (export.counts or {}).get(kind, 0)) for kind, label in search.KINDS.items()],
                   "decision_rows": [(CLASSES.get(cls, cls), choice) for cls, choice in export.decisions.items()]},
                  status=400 if error else 200)


@staff_view(Capability.VIEW_FOI)
def foi_export_download(request, foi_pk: int, export_pk: int):
    export = selectors.access_foi_export_by_id(request.user, foi_pk, export_pk)
    try:
        path = services.foi_export_download(acting_user=request.user, export=export)
    except Conflict:
        raise Http404 from None
    return FileResponse(open(path, "rb"), as_attachment=True, filename=export.file_name,
                        content_type="application/zip")
