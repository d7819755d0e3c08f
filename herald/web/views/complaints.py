"""Complaint pages: the public form and status page; the cases, decisions, actions, reviews and the
report for those who handle complaints; the page where the person complained about responds.
Thin views over herald.complaints services and selectors."""

from __future__ import annotations

import csv
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from herald.channels.selectors import public_channel_list
from herald.complaints import selectors, services
from herald.complaints.access import (
    access_case_as_subject,
    access_case_by_id,
    can_decide_appeal,
    can_handle,
    complaint_subject,
    may_list_cases,
)
from herald.complaints.forms import (
    AppealDecisionForm,
    AppealRecordForm,
    ComplaintForm,
    DecisionForm,
    EnforcementForm,
    MessageForm,
    NoteForm,
    OptionalMessageForm,
    ReportForm,
    ResponseForm,
    ReviewRequestForm,
    RouteForm,
    StatusForm,
)
from herald.complaints.models import CaseStatus, EnforcementKind, Outcome
from herald.complaints.services.enforcement import closable_channels
from herald.complaints.services.intake import complaint_post
from herald.core import clock
from herald.core.errors import HeraldError, NotAllowed, NotFound
from herald.councils.models import Council
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import Representative
from herald.policy.selectors import clause_list
from herald.posts.services.attachments import human_size
from herald.web.views.base import apply_error, client_ip, posted, staff_view
from herald.web.views.posts import UploadLimitHandler

SENT_KEY = "herald_complaint_sent"


def _status(form, error, code: int = 400) -> int:
    return code if (form is not None and form.errors) or error else 200


def _council(request, slug: str) -> Council:
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    return council


# --- public -------------------------------------------------------------------------------------

def complaint_new(request, slug: str):
    council = _council(request, slug)
    channels = list(public_channel_list(council=council).order_by("name"))
    initial, post = {"confidential": "no"}, None
    if request.method == "GET":
        post = complaint_post(council=council, post_id=request.GET.get("post"))
        if post is not None:
            initial.update(about="post", post=str(post.pk))
        channel_id = request.GET.get("channel", "")
        if channel_id.isdigit() and any(c.pk == int(channel_id) for c in channels):
            initial.update(about="channel", channel=int(channel_id))
    form, error, code = ComplaintForm(posted(request), channels=channels, initial=initial), None, 400
    if request.method == "POST":
        post = complaint_post(council=council, post_id=request.POST.get("post"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.complaint_submit(
                council=council, name=data["name"], email=data["email"], phone=data["phone"],
                confidential=data["confidential"] == "yes", about=data["about"], about_detail=data["about_detail"],
                about_clerk=data["about_clerk"], post_id=data["post"] or None, channel_id=data["channel"],
                text=data["text"], ip_address=client_ip(request), honeypot=data["website"])
        except NotAllowed as exc:  # too many from this address
            error, code = {"message": exc.message, "field": None}, 429
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            request.session[SENT_KEY] = {"reference": result.complaint.reference, "duplicate": not result.created}
            return redirect("complaints:complaint-sent", council.slug)
    return render(request, "web/complaints/new.html", {"form": form, "error": error, "post": post,
                                                        "channels": channels}, status=_status(form, error, code))


def complaint_sent(request, slug: str):
    council = _council(request, slug)
    sent = request.session.get(SENT_KEY)
    if not sent:
        return redirect("complaints:complaint-status", council.slug)
    return render(request, "web/complaints/sent.html", {"sent": sent})


def _status_context(complaint) -> dict:
    case = complaint.case
    return {"complaint": complaint, "case": case, "timeline": selectors.timeline(case=case, public_only=True),
            "decision": getattr(case, "decision", None) if case.decided_at else None,
            "can_ask_review": case.status == CaseStatus.DECIDED and not hasattr(case, "appeal")
            and clock.today_in_london() <= case.appeal_by}


def complaint_status(request, slug: str):
    """Reference and email address in, the public part of the timeline out (POST: never in a URL)."""
    council = _council(request, slug)
    form, error, context = StatusForm(posted(request)), None, {}
    if request.method == "POST" and form.is_valid():
        try:
            complaint = selectors.complaint_lookup(council=council, **form.cleaned_data)
        except NotFound as exc:
            error = {"message": exc.message, "field": None}
        else:
            context = _status_context(complaint)
            context["review_form"] = ReviewRequestForm(initial=form.cleaned_data)
    return render(request, "web/complaints/status.html", {"form": form, "error": error, **context},
                  status=_status(form, error, 404 if error else 400))


@require_POST
def complaint_review_request(request, slug: str):
    council = _council(request, slug)
    form, error, context = ReviewRequestForm(request.POST), None, {}
    status_form = StatusForm(request.POST)
    if status_form.is_valid():
        try:
            complaint = selectors.complaint_lookup(council=council, **status_form.cleaned_data)
        except NotFound as exc:
            return render(request, "web/complaints/status.html",
                          {"form": status_form, "error": {"message": exc.message, "field": None}}, status=404)
        if form.is_valid():
            try:
                services.appeal_request(case=complaint.case, grounds=form.cleaned_data["grounds"])
            except HeraldError as exc:
                error = apply_error(form, exc)
            else:
                messages.success(request, "Your request for a review is received. We will email you the outcome.")
        complaint.case.refresh_from_db()
        context = _status_context(complaint)
    return render(request, "web/complaints/status.html",
                  {"form": status_form, "review_form": form, "review_error": error, **context},
                  status=400 if form.errors or error or not status_form.is_valid() else 200)


# --- staff --------------------------------------------------------------------------------------

@staff_view()
def case_index(request):
    if not may_list_cases(request.user):
        raise NotAllowed("You do not have permission to see complaints.")
    show = request.GET.get("show", "open")
    if show not in selectors.FILTERS:
        show = "open"
    cases = selectors.case_list(user=request.user, show=show)
    today = clock.today_in_london()
    rows = [(c, selectors.overdue_reasons(c, today)) for c in cases]
    return render(request, "web/complaints/cases.html", {"rows": rows, "show": show, "filters": selectors.FILTERS})


def _case_context(request, case) -> dict:
    rep = request.rep
    complaint = case.complaint
    handler = can_handle(rep, case)
    decided = case.decided_at is not None
    outcome = case.decision.outcome if decided else None
    return {
        "case": case, "complaint": complaint, "subject": complaint_subject(complaint),
        "timeline": selectors.timeline(case=case), "overdue": selectors.overdue_reasons(case),
        "decision": case.decision if decided else None, "appeal": getattr(case, "appeal", None),
        "actions": list(case.enforcement_actions.select_related("post", "channel", "representative")),
        "review_items": [i for i in selectors.open_review_items(council=case.council)],
        "handler": handler, "is_open": case.status == CaseStatus.OPEN,
        "can_enforce": handler and case.status == CaseStatus.DECIDED and outcome != Outcome.NOT_UPHELD,
        "enforcement_kinds": EnforcementKind.choices,
        "can_decide_appeal": case.status == CaseStatus.APPEALED and can_decide_appeal(rep, case),
        "can_record_appeal": handler and case.status == CaseStatus.DECIDED and not hasattr(case, "appeal"),
        "post_link": complaint.post_id and has_capability(request.user, Capability.VIEW_POST_ARCHIVE),
    }


@staff_view()
def case_detail(request, case_pk: int):
    case = access_case_by_id(request.user, case_pk)
    return render(request, "web/complaints/case.html", _case_context(request, case))


def _handled_case(request, case_pk: int):
    case = access_case_by_id(request.user, case_pk)
    if not can_handle(request.rep, case):
        raise NotAllowed("Only the person handling this complaint can do this.")
    return case


def _case_form(request, case, *, form, template_context: dict, run, success: str, rename=None):
    error = None
    valid = request.method == "POST" and form.is_valid()
    if getattr(request, "herald_upload_too_large", False):  # said even when other fields need fixing too
        form.add_error("file", f"The file is larger than {human_size(settings.HERALD_CASE_FILE_MAX_BYTES)}. "
                               "Choose a smaller file, or make this one smaller.")
        valid = False
    if valid:
        try:
            run(form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc, rename)
        else:
            messages.success(request, success)
            return redirect("complaints:complaint-case", case.pk)
    context = {"case": case, "complaint": case.complaint, "form": form, "error": error, **template_context}
    return render(request, "web/complaints/case_form.html", context, status=_status(form, error))


@staff_view()
def case_acknowledge(request, case_pk: int):
    case = _handled_case(request, case_pk)
    return _case_form(request, case, form=OptionalMessageForm(posted(request)),
                      template_context={"heading": "Acknowledge the complaint", "button": "Acknowledge",
                                        "lede": f"The complainant is emailed that their complaint is acknowledged and "
                                                f"that you aim to respond by {clock.format_date(case.respond_by)}."},
                      run=lambda d: services.case_acknowledge(acting_user=request.user, case=case,
                                                              message=d["message"]),
                      success="The complaint is acknowledged.")


@csrf_exempt
def case_note(request, case_pk: int):
    # The size limit must be in place before anything reads the request body (CSRF checks do).
    request.upload_handlers.insert(0, UploadLimitHandler(request, limit=settings.HERALD_CASE_FILE_MAX_BYTES))
    return _case_note(request, case_pk)


@csrf_protect
@staff_view()
def _case_note(request, case_pk: int):
    case = _handled_case(request, case_pk)
    form = NoteForm(posted(request), request.FILES if request.method == "POST" else None,
                    initial={"visibility": "staff"})
    return _case_form(request, case, form=form,
                      template_context={"heading": "Add a note", "button": "Add the note",
                                        "lede": "A public note is also emailed to the complainant."},
                      run=lambda d: services.case_add_note(acting_user=request.user, case=case, text=d["text"],
                                                           visibility=d["visibility"], upload=d.get("file")),
                      success="The note is added.")


@staff_view()
def case_file(request, case_pk: int, file_pk: int):
    """A file on the case, for whoever may see the case: downloaded, never shown in the page."""
    case = access_case_by_id(request.user, case_pk)
    item = selectors.case_file(case=case, file_id=file_pk)
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=item.media_type, as_attachment=True, filename=item.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view()
def case_route(request, case_pk: int):
    case = _handled_case(request, case_pk)
    people = Representative.objects.filter(council=case.council, active=True).order_by("name")
    form = RouteForm(posted(request), people=people,
                     initial={"route": case.route, "representative": case.complaint.representative_id})

    def run(d):
        rep = next((p for p in people if p.pk == d["representative"]), None)
        services.case_route(acting_user=request.user, case=case, route=d["route"], representative=rep, note=d["note"])

    return _case_form(request, case, form=form, run=run, success="The route is recorded.",
                      template_context={"heading": "Route or assign", "button": "Save",
                                        "lede": "A Member's conduct under the Code of Conduct goes to the Monitoring "
                                                "Officer; a member of staff's conduct is an employment matter. A "
                                                "complaint about someone who handles complaints goes to the Chair."})


@staff_view()
def case_tell(request, case_pk: int):
    case = _handled_case(request, case_pk)
    subject = complaint_subject(case.complaint)
    lede = (f"{subject.name} is emailed your message and a link to read the complaint and respond. "
            + ("The complainant asked for confidentiality: their name and contact details are not shown."
               if case.complaint.confidential else "")) if subject else \
        "Choose who the complaint is about first (Route or assign)."
    return _case_form(request, case, form=MessageForm(posted(request)),
                      template_context={"heading": "Tell the person complained about", "button": "Send",
                                        "lede": lede},
                      run=lambda d: services.case_tell_subject(acting_user=request.user, case=case,
                                                               message=d["message"]),
                      success="They have been told.")


@staff_view()
def case_response(request, case_pk: int):
    case = _handled_case(request, case_pk)
    return _case_form(request, case, form=ResponseForm(posted(request)),
                      template_context={"heading": "Record a response", "button": "Record the response",
                                        "lede": "A response from the person complained about that reached you by "
                                                "email, letter or in person."},
                      run=lambda d: services.case_record_response(acting_user=request.user, case=case, text=d["text"]),
                      success="The response is recorded.")


@staff_view()
def case_decide(request, case_pk: int):
    case = _handled_case(request, case_pk)
    version = case.council.active_policy
    clauses = clause_list(version=version) if version else []
    initial = {}
    if case.complaint.post_id:
        from herald.posts.selectors import screening_latest

        run = screening_latest(post=case.complaint.post)
        initial["clauses"] = sorted({f.clause_id for f in run.findings.all()}) if run else []
    form = DecisionForm(posted(request), clauses=clauses, initial=initial)
    return _case_form(request, case, form=form, template_context={
        "heading": "Decide the complaint", "button": "Send the decision",
        "lede": "The complainant is emailed the outcome and your reasons, and told they may ask for one review."},
        run=lambda d: services.case_decide(acting_user=request.user, case=case, outcome=d["outcome"],
                                           reasons=d["reasons"], clauses=d["clauses"]),
        success="The decision is sent.")


@staff_view()
def case_enforce(request, case_pk: int, kind: str):
    case = _handled_case(request, case_pk)
    if kind not in EnforcementKind.values:
        raise Http404
    channels = closable_channels(case)
    form = EnforcementForm(posted(request), kind=kind, channels=channels)

    def run(d):
        until = d.get("until")
        channel = next((c for c in channels if c.pk == d.get("channel")), None)
        services.enforcement_take(acting_user=request.user, case=case, kind=kind, reason=d["reason"], channel=channel,
                                  until=dt.datetime.combine(until, dt.time.min, tzinfo=clock.LONDON) if until else None)

    subject = complaint_subject(case.complaint)
    ledes = {
        EnforcementKind.REMOVAL: "Herald deletes the post from every platform it is on. Its record is kept (and held "
                                 "while the case is open).",
        EnforcementKind.SUSPENSION: f"{subject.name if subject else 'The representative'} cannot publish until the "
                                    "date you give, and is told why and until when. The suspension ends by itself.",
        EnforcementKind.CLOSURE: "The channel is closed (policy enforce.closure).",
        EnforcementKind.REFERRAL_DISCIPLINARY: "Record that the matter is referred under the Disciplinary Policy.",
        EnforcementKind.REFERRAL_MONITORING_OFFICER: "Record that the matter is referred to the Monitoring Officer.",
    }
    return _case_form(request, case, form=form, run=run, rename={"until": "until", "ends_at": "until"},
                      success="Done: the action is recorded on the case.",
                      template_context={"heading": EnforcementKind(kind).label, "button": EnforcementKind(kind).label,
                                        "lede": ledes[kind], "warning": True})


@staff_view()
def case_appeal(request, case_pk: int):
    case = _handled_case(request, case_pk)
    return _case_form(request, case, form=AppealRecordForm(posted(request)),
                      template_context={"heading": "Record a request for a review", "button": "Record the request",
                                        "lede": "A request that reached you by email or post. Someone other than "
                                                "the first decider decides the review."},
                      run=lambda d: services.appeal_request(acting_user=request.user, case=case, grounds=d["grounds"]),
                      success="The request for a review is recorded.")


@staff_view()
def case_appeal_decide(request, case_pk: int):
    case = access_case_by_id(request.user, case_pk)
    if case.status != CaseStatus.APPEALED:
        messages.error(request, "No review is waiting for a decision on this case.")
        return redirect("complaints:complaint-case", case.pk)
    if not can_decide_appeal(request.rep, case):
        raise NotAllowed("You made the first decision or cannot decide this review: someone else must.")
    return _case_form(request, case, form=AppealDecisionForm(posted(request)),
                      template_context={"heading": "Decide the review", "button": "Send the review decision",
                                        "lede": "Overturning the decision lifts suspensions and reopens closed "
                                                "channels; a removed post is not re-published automatically.",
                                        "appeal": case.appeal},
                      run=lambda d: services.appeal_decide(acting_user=request.user, case=case, outcome=d["outcome"],
                                                           reasons=d["reasons"]),
                      success="The review is decided and the case closed.")


@staff_view(Capability.HANDLE_COMPLAINTS)
def case_report(request):
    council = request.rep.council
    params = request.GET.copy()
    fmt = params.pop("format", [""])[0]
    form = ReportForm(params or None)
    today = clock.today_in_london()
    date_from, date_to = today - dt.timedelta(days=30), today
    if form.is_bound and form.is_valid():
        date_from = form.cleaned_data["date_from"] or date_from
        date_to = form.cleaned_data["date_to"] or date_to
    if form.errors:
        return render(request, "web/complaints/report.html", {"form": form, "rows": []}, status=400)
    if fmt == "csv":
        rows = services.complaints_report_export(acting_user=request.user, council=council, date_from=date_from,
                                                 date_to=date_to)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="complaints-{council.slug}-{date_from.isoformat()}-'
                                           f'{date_to.isoformat()}.csv"')
        writer = csv.writer(response)
        writer.writerow(selectors.REPORT_FIELDS)
        for row in rows:
            writer.writerow([_csv_safe(row[f]) for f in selectors.REPORT_FIELDS])
        return response
    rows = selectors.settled_report(council=council, date_from=date_from, date_to=date_to)
    query = f"date_from_0={date_from.day}&date_from_1={date_from.month}&date_from_2={date_from.year}" \
            f"&date_to_0={date_to.day}&date_to_1={date_to.month}&date_to_2={date_to.year}"
    return render(request, "web/complaints/report.html", {"form": form, "rows": rows, "date_from": date_from,
                                                          "date_to": date_to, "query": query})


def _csv_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: prefix them (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@staff_view(Capability.HANDLE_COMPLAINTS)
def policy_review_items(request):
    return render(request, "web/complaints/policy_review.html",
                  {"items": selectors.review_items(council=request.rep.council)})


# --- the person complained about -----------------------------------------------------------------

@staff_view()
def case_respond(request, case_pk: int):
    case = access_case_as_subject(request.user, case_pk)
    form, error = ResponseForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_record_response(acting_user=request.user, case=case, text=form.cleaned_data["text"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "Your response is sent to the person handling the complaint.")
            return redirect("complaints:complaint-respond", case.pk)
    return render(request, "web/complaints/respond.html", {"case": case, "complaint": case.complaint, "form": form,
                                                           "error": error}, status=_status(form, error))
