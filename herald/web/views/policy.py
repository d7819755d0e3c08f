"""The policy area for the Clerk: review status, review items, version history, adopting a new version
(upload or paste the YAML, see the clause-by-clause difference, confirm the decision). Thin views over
herald.policy services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from herald.core import clock
from herald.core.errors import HeraldError, ValidationFailed
from herald.people.capabilities import Capability
from herald.policy import selectors, services
from herald.policy.forms import AdoptForm, CloseItemForm, PolicyUploadForm, ReviewItemForm
from herald.policy.models import ReviewSource
from herald.web.views.base import apply_error, posted, staff_view


def _status(form, error) -> int:
    return 400 if (form is not None and form.errors) or error else 200


@staff_view(Capability.MANAGE_POLICY)
def policy_overview(request):
    council = request.rep.council
    show = request.GET.get("show", "open")
    if show not in selectors.REVIEW_FILTERS:
        show = "open"
    return render(request, "web/policy/overview.html", {
        "overview": selectors.review_overview(council=council),
        "items": selectors.review_item_list(council=council, show=show),
        "show": show, "filters": selectors.REVIEW_FILTERS,
        "versions": selectors.version_list(council=council),
    })


@staff_view(Capability.ACKNOWLEDGE_POLICY)
def policy_version(request, number: int):
    version = selectors.access_version_by_number(request.user, number)
    return render(request, "web/policy/version.html", {
        "version": version, "previous": selectors.version_previous(version=version),
        "diff": selectors.version_diff(version=version),
        "closed_items": list(version.closed_review_items.all()),
    })


@staff_view(Capability.ACKNOWLEDGE_POLICY)
def policy_yaml(request, number: int):
    version = selectors.access_version_by_number(request.user, number)
    response = HttpResponse(version.source_yaml, content_type="text/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{version.council.slug}-policy-v{version.number}.yaml"'
    return response


def _compare_context(request, document, form) -> dict:
    council = request.rep.council
    current = council.active_policy
    months = document.settings.get("review_interval_months", 12)
    return {"document": document, "diff": selectors.document_diff(council=council, document=document),
            "current": current, "form": form, "same": current is not None and current.content_hash == document.content_hash,
            "review_due_hint": f"Leave blank for {months} months after the decision (for a decision today: "
                               f"{clock.format_date(services.add_months(clock.today_in_london(), months))})."}


@staff_view(Capability.MANAGE_POLICY)
def policy_adopt(request):
    """Step 1: the YAML. A valid document goes on to the comparison; errors name the line."""
    council = request.rep.council
    form, error = PolicyUploadForm(posted(request), request.FILES or None), None
    if request.method == "POST" and form.is_valid():
        try:
            document = services.policy_document_check(text=form.cleaned_data["text"])
        except ValidationFailed as exc:
            error = apply_error(form, exc)
        else:
            open_items = selectors.review_item_list(council=council, show="open")
            adopt = AdoptForm(items=open_items, initial={
                "text": document.source_text, "expected_version": council.active_policy.number
                if council.active_policy else 0,
                "close_items": [i.pk for i in open_items if i.source == ReviewSource.SCHEDULED]})
            return render(request, "web/policy/compare.html", _compare_context(request, document, adopt))
    return render(request, "web/policy/adopt.html", {"form": form, "error": error}, status=_status(form, error))


@staff_view(Capability.MANAGE_POLICY)
def policy_adopt_confirm(request):
    """Step 2: the council's decision; adopting makes the new version current."""
    council = request.rep.council
    if request.method != "POST" or not request.POST.get("text", "").strip():
        return redirect("web:policy-adopt")
    try:
        document = services.policy_document_check(text=request.POST["text"])
    except ValidationFailed as exc:
        upload = PolicyUploadForm(initial={"text": request.POST["text"]})
        return render(request, "web/policy/adopt.html", {"form": upload, "error": {"message": exc.message}},
                      status=400)
    form = AdoptForm(request.POST, items=selectors.review_item_list(council=council, show="open"))
    error = None
    if form.is_valid():
        d = form.cleaned_data
        try:
            version = services.policy_version_adopt(
                acting_user=request.user, council=council, text=d["text"], adopted_on=d["adopted_on"],
                minute_reference=d["minute_reference"], decision=d["decision"], review_due=d["review_due"],
                close_items=d["close_items"], expected_version=d["expected_version"])
        except HeraldError as exc:
            error = apply_error(form, exc, rename={"text": ""})
        else:
            messages.success(request, f"Version {version.number} is adopted and now in force. Every representative "
                                      f"has been asked to acknowledge it before they next publish.")
            return redirect("web:policy-version", version.number)
    context = _compare_context(request, document, form)
    context["error"] = error
    return render(request, "web/policy/compare.html", context, status=_status(form, error))


def _clauses(council):
    version = council.active_policy
    return selectors.clause_list(version=version) if version else []


@staff_view(Capability.MANAGE_POLICY)
def review_item_new(request):
    council = request.rep.council
    form, error = ReviewItemForm(posted(request), clauses=_clauses(council)), None
    if request.method == "POST" and form.is_valid():
        try:
            item = services.policy_review_item_create(acting_user=request.user, council=council,
                                                      clauses=form.cleaned_data["clauses"],
                                                      notes=form.cleaned_data["notes"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The review item is open.")
            return redirect("web:policy-review-item", item.pk)
    return render(request, "web/policy/item_form.html", {"form": form, "error": error},
                  status=_status(form, error))


@staff_view(Capability.MANAGE_POLICY)
def review_item(request, item_pk: int):
    item = selectors.access_review_item_by_id(request.user, item_pk)
    form = ReviewItemForm(posted(request), clauses=_clauses(item.council),
                          initial={"clauses": item.clauses, "notes": item.notes})
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_review_item_update(acting_user=request.user, item=item,
                                               clauses=form.cleaned_data["clauses"], notes=form.cleaned_data["notes"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The review item is saved.")
            return redirect("web:policy-review-item", item.pk)
    return render(request, "web/policy/item.html", {"item": item, "form": form, "error": error},
                  status=_status(form, error))


@staff_view(Capability.MANAGE_POLICY)
def review_item_close(request, item_pk: int):
    item = selectors.access_review_item_by_id(request.user, item_pk)
    if item.closed_at is not None:
        messages.error(request, "This review item is already closed.")
        return redirect("web:policy-review-item", item.pk)
    form, error = CloseItemForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_review_item_close(acting_user=request.user, item=item,
                                              outcome=form.cleaned_data["outcome"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The review item is closed.")
            return redirect("web:policy-review-item", item.pk)
    return render(request, "web/policy/item_close.html", {"item": item, "form": form, "error": error},
                  status=_status(form, error))
