"""Post pages: thin views over herald.posts services and selectors."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from herald.channels.models import Channel
from herald.core import clock
from herald.core.errors import HeraldError
from herald.core.spreadsheet import safe_cell
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import Representative
from herald.posts import services
from herald.posts.forms import (
    ArchiveFilterForm,
    AttachmentForm,
    DecisionForm,
    ExceptionForm,
    PersonalCheckForm,
    PostForm,
    ReasonForm,
    ScheduleForm,
)
from herald.posts.models import State, Verdict
from herald.posts import selectors
from herald.posts.screening import links_in, screening_check_personal
from herald.posts.services.attachments import ACCEPTED, human_size
from herald.posts.services.export import EXPORT_FIELDS
from herald.posts.selectors import (
    access_post_by_id,
    post_list_for_author,
    postable_channels,
    screening_latest,
)
from herald.web.views.base import apply_error, posted, staff_view

DECISIONS = {
    "approve": ("Approve", "Approve this post", "It is published at its scheduled time, or straight away.", False),
    "reject": ("Reject", "Reject this post", "The author is told your reason. A rejected post is not published.", True),
    "changes": ("Ask for changes", "Ask for changes", "The author is told what to change and can submit it again.",
                True),
    "override": ("Override the block", "Override the screening block",
                 "Screening blocks this post. Say why it may go forward anyway: the reason is kept in the archive.",
                 True),
}


def _status(form, error) -> int:
    return 400 if (form is not None and form.errors) or error else 200


@staff_view(Capability.DRAFT_POSTS)
def post_index(request):
    return render(request, "web/posts/list.html", {"posts": post_list_for_author(representative=request.rep)})


@staff_view(Capability.DRAFT_POSTS)
def post_new(request):
    form, error = PostForm(posted(request), channels=postable_channels(request.rep)), None
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create_draft(acting_user=request.user, council=request.rep.council,
                                              author=request.rep, text=form.cleaned_data["text"],
                                              channels=form.chosen_channels())
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The draft is saved and screened.")
            return redirect("posts:post", post.pk)
    return render(request, "web/posts/form.html", {"form": form, "error": error, "heading": "Write a post"},
                  status=_status(form, error))


def _detail_context(request, post) -> dict:
    run = screening_latest(post=post)
    mine = post.author_id == request.rep.pk
    attachments = list(selectors.attachment_list(post=post))
    return {
        "post": post, "run": run, "findings": list(run.findings.all()) if run else [], "mine": mine,
        "attachments": attachments, "links": links_in(post.text),
        "can_attach": mine and post.editable and len(attachments) < settings.HERALD_ATTACHMENTS_PER_POST,
        "channels": list(post.channels.all()), "publications": list(post.publications.select_related("channel")),
        "review": has_capability(request.user, Capability.REVIEW_POSTS) and not mine,
        "take_down": has_capability(request.user, Capability.TAKE_DOWN_POSTS)
        and post.state in (State.SCHEDULED, State.PUBLISHED, State.FAILED),
        "exception": has_capability(request.user, Capability.MANAGE_ELECTIONS)
        and post.state not in (State.REJECTED, State.PUBLISHED, State.REMOVED, State.FAILED),
        "blocked": post.verdict == Verdict.BLOCK and not post.override_current,
    }


@staff_view(Capability.DRAFT_POSTS)
def post_detail(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    return render(request, "web/posts/detail.html", _detail_context(request, post))


@staff_view(Capability.DRAFT_POSTS)
def post_edit(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    if post.author_id != request.rep.pk:
        raise Http404
    channels = list(postable_channels(request.rep))
    channels += [c for c in post.channels.all() if c not in channels]
    initial = {"text": post.text, "channels": list(post.channels.values_list("pk", flat=True))}
    form, error = PostForm(posted(request), channels=channels, initial=initial), None
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update_draft(acting_user=request.user, post=post, text=form.cleaned_data["text"],
                                       channels=form.chosen_channels())
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The changes are saved and screened again.")
            return redirect("posts:post", post.pk)
    return render(request, "web/posts/form.html", {"form": form, "error": error, "post": post,
                                                   "heading": "Change the post"}, status=_status(form, error))


@require_POST
@staff_view(Capability.DRAFT_POSTS)
def post_submit(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    if post.author_id != request.rep.pk:
        raise Http404
    try:
        post = services.post_submit(acting_user=request.user, post=post,
                                    request_override=request.POST.get("request_override") == "yes")
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The post is scheduled." if post.state == State.SCHEDULED
                         else "The post is submitted. The Clerk will review it.")
    return redirect("posts:post", post.pk)


@require_POST
@staff_view(Capability.DRAFT_POSTS)
def post_withdraw(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    if post.author_id != request.rep.pk:
        raise Http404
    try:
        services.post_withdraw(acting_user=request.user, post=post)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The post is back with you as a draft. Submit it again when it is ready.")
    return redirect("posts:post", post.pk)


@staff_view(Capability.DRAFT_POSTS)
def post_schedule(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    if post.author_id != request.rep.pk:
        raise Http404
    form, error = ScheduleForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.post_schedule(acting_user=request.user, post=post, when=form.cleaned_data["when"])
        except HeraldError as exc:
            error = apply_error(form, exc, rename={"scheduled_for": "day"})
        else:
            messages.success(request, "The time is saved.")
            return redirect("posts:post", post.pk)
    return render(request, "web/posts/schedule.html", {"form": form, "error": error, "post": post},
                  status=_status(form, error))


@staff_view(Capability.REVIEW_POSTS)
def post_review_queue(request):
    return render(request, "web/posts/review.html", {"items": selectors.review_queue(council=request.rep.council)})


@staff_view(Capability.REVIEW_POSTS)
def post_decide(request, post_pk: int, decision: str):
    post = access_post_by_id(request.user, post_pk)
    if decision not in DECISIONS:
        raise Http404
    button, heading, lede, needs_reason = DECISIONS[decision]
    form, error = DecisionForm(posted(request), initial={"version": post.version}), None
    form.fields["reason"].label = "Reason" if needs_reason else "Note for the author (optional)"
    if request.method == "POST" and form.is_valid():
        reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
        try:
            if decision == "approve":
                services.post_approve(acting_user=request.user, post=post, post_version=version, reason=reason)
            elif decision == "reject":
                services.post_reject(acting_user=request.user, post=post, reason=reason, post_version=version)
            elif decision == "changes":
                services.post_request_changes(acting_user=request.user, post=post, reason=reason,
                                              post_version=version)
            else:
                services.post_override_block(acting_user=request.user, post=post, reason=reason)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{heading}: done.")
            return redirect("posts:post", post.pk)
    context = _detail_context(request, post)
    context.update({"form": form, "error": error, "button": button, "heading": heading, "lede": lede})
    return render(request, "web/posts/decide.html", context, status=_status(form, error))


@staff_view(Capability.MANAGE_ELECTIONS)
def post_exception(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    form, error = ExceptionForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.post_confirm_exception(acting_user=request.user, post=post, **form.cleaned_data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The pre-election exception is confirmed and recorded.")
            return redirect("posts:post", post.pk)
    return render(request, "web/posts/exception.html", {"form": form, "error": error, "post": post},
                  status=_status(form, error))


@staff_view(Capability.TAKE_DOWN_POSTS)
def post_take_down(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    form, error = ReasonForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.post_take_down(acting_user=request.user, post=post, reason=form.cleaned_data["reason"])
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The post is taken down. The archive keeps its record.")
            return redirect("posts:post-history", post.pk)
    return render(request, "web/posts/take_down.html", {"form": form, "error": error, "post": post},
                  status=_status(form, error))


def _archive_filters(request):
    council = request.rep.council
    params = request.GET.copy()
    params.pop("format", None)
    form = ArchiveFilterForm(params or None, channels=Channel.objects.filter(council=council).order_by("name"),
                             authors=Representative.objects.filter(council=council).order_by("name"))
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {"channel": data["channel"], "author": data["author"], "date_from": data["date_from"],
                   "date_to": data["date_to"], "clause": data["clause"].strip(), "search": data["q"].strip()}
    return form, filters


ARCHIVE_PAGE = 50


@staff_view(Capability.VIEW_POST_ARCHIVE)
def post_archive(request):
    form, filters = _archive_filters(request)
    try:
        page = min(max(int(request.GET.get("page", "1")), 1), 10_000)
    except ValueError:
        page = 1
    start = (page - 1) * ARCHIVE_PAGE
    # One row more than a page says whether there is a next page, without counting the archive.
    rows = list(selectors.post_archive(council=request.rep.council, **filters)[start:start + ARCHIVE_PAGE + 1])
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "web/posts/archive.html", {
        "form": form, "posts": rows[:ARCHIVE_PAGE], "query": params.urlencode(), "page": page,
        "first": start + 1, "last": start + len(rows[:ARCHIVE_PAGE]), "has_next": len(rows) > ARCHIVE_PAGE}, status=400 if form.errors else 200)


class _Echo:
    def write(self, value):
        return value


@staff_view(Capability.VIEW_POST_ARCHIVE)
def post_archive_export(request):
    form, filters = _archive_filters(request)
    if form.errors:
        return post_archive(request)
    fmt = "json" if request.GET.get("format") == "json" else "csv"
    rows = services.post_archive_export(acting_user=request.user, council=request.rep.council, fmt=fmt,
                                        filters=filters)
    if fmt == "json":
        def body():
            yield "["
            for i, row in enumerate(rows):
                yield ("," if i else "") + json.dumps(row, ensure_ascii=False)
            yield "]\n"

        response = StreamingHttpResponse(body(), content_type="application/json")
    else:
        writer = csv.writer(_Echo())

        def body():
            yield writer.writerow(EXPORT_FIELDS)
            for row in rows:
                yield writer.writerow([safe_cell("; ".join(row[f]) if isinstance(row[f], list) else row[f])
                                       for f in EXPORT_FIELDS])

        response = StreamingHttpResponse(body(), content_type="text/csv; charset=utf-8")
    stamp = clock.today_in_london().isoformat()
    response["Content-Disposition"] = f'attachment; filename="posts-{request.rep.council.slug}-{stamp}.{fmt}"'
    return response


@staff_view(Capability.DRAFT_POSTS)
def post_history(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    return render(request, "web/posts/history.html", {"history": selectors.post_history(post=post), "post": post,
                                                      "now": clock.now()})


# ----- attached images ---------------------------------------------------------------------------


class UploadLimitHandler(FileUploadHandler):
    """Stops reading an uploaded file as soon as it passes the size limit, so nothing larger is
    ever written to disk; the view then says the file is too large."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.herald_upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def _own_post(request, post_pk: int):
    post = access_post_by_id(request.user, post_pk)
    if post.author_id != request.rep.pk:
        raise Http404
    return post


def _attachment_page(request, post, form, error, **extra):
    context = {"form": form, "error": error, "post": post, "accepted": ACCEPTED,
               "max_size": human_size(settings.HERALD_UPLOAD_MAX_BYTES), **extra}
    return render(request, "web/posts/attachment_form.html", context, status=_status(form, error))


@csrf_exempt
def post_attachment_new(request, post_pk: int):
    # The size limit must be in place before anything reads the request body (CSRF checks do).
    request.upload_handlers.insert(0, UploadLimitHandler(request, limit=settings.HERALD_UPLOAD_MAX_BYTES))
    return _post_attachment_new(request, post_pk)


@csrf_protect
@staff_view(Capability.DRAFT_POSTS)
def _post_attachment_new(request, post_pk: int):
    post = _own_post(request, post_pk)
    form, error = AttachmentForm(posted(request), request.FILES if request.method == "POST" else None), None
    if request.method == "POST":
        valid = form.is_valid()
        if getattr(request, "herald_upload_too_large", False):
            form.add_error("file", f"The file is larger than {human_size(settings.HERALD_UPLOAD_MAX_BYTES)}. "
                                   "Choose a smaller image, or make this one smaller.")
        elif valid:
            try:
                services.attachment_add(acting_user=request.user, post=post, upload=form.cleaned_data.get("file"),
                                        **form.details())
            except HeraldError as exc:
                error = apply_error(form, exc)
            else:
                messages.success(request, "The image is attached and the post is screened again.")
                return redirect("posts:post", post.pk)
    return _attachment_page(request, post, form, error, heading="Add an image", with_file=True)


@staff_view(Capability.DRAFT_POSTS)
def post_attachment_edit(request, post_pk: int, attachment_pk: int):
    post = _own_post(request, post_pk)
    attachment = selectors.access_attachment_by_id(request.user, post.pk, attachment_pk)
    if attachment.removed_at is not None:
        raise Http404
    form = AttachmentForm(posted(request), with_file=False, initial=AttachmentForm.initial_for(attachment))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_update(acting_user=request.user, attachment=attachment, **form.details())
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The image's details are saved and the post is screened again.")
            return redirect("posts:post", post.pk)
    return _attachment_page(request, post, form, error, heading="Change the image's details", with_file=False,
                            attachment=attachment)


@staff_view(Capability.DRAFT_POSTS)
def post_attachment_remove(request, post_pk: int, attachment_pk: int):
    post = _own_post(request, post_pk)
    attachment = selectors.access_attachment_by_id(request.user, post.pk, attachment_pk)
    if attachment.removed_at is not None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.attachment_remove(acting_user=request.user, attachment=attachment)
        except HeraldError as exc:
            error = {"message": exc.message, "field": None}
        else:
            messages.success(request, "The image is removed and the post is screened again.")
            return redirect("posts:post", post.pk)
    return render(request, "web/posts/attachment_remove.html", {"post": post, "attachment": attachment,
                                                                "error": error}, status=400 if error else 200)


@staff_view(Capability.DRAFT_POSTS)
def post_attachment_file(request, post_pk: int, attachment_pk: int):
    """The image itself, for whoever may read the post: never by a public address."""
    attachment = selectors.access_attachment_by_id(request.user, post_pk, attachment_pk)
    if not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.media_type, filename=attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=600"
    return response


# ----- the personal-capacity assistant --------------------------------------------------------------


@staff_view(Capability.CHECK_PERSONAL_POSTS)
def post_check_personal(request):
    """Screen text meant for the representative's own account. Nothing is stored or audited."""
    form, error, result = PersonalCheckForm(posted(request)), None, None
    if request.method == "POST" and form.is_valid():
        try:
            result = screening_check_personal(acting_user=request.user, text=form.cleaned_data["text"])
        except HeraldError as exc:
            error = apply_error(form, exc)
    context = {"form": form, "error": error, "result": result, "run": result,
               "findings": list(result.findings) if result else [], "member": request.rep.kind == "member"}
    return render(request, "web/posts/check_personal.html", context, status=_status(form, error))
