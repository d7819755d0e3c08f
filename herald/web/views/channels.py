"""Channel register pages: thin views over herald.channels services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.channels import services
from herald.channels.connect import CREDENTIAL_FIELDS, public_page_url
from herald.channels.models import Status
from herald.channels.selectors import access_channel_by_id, channel_list, latest_check, reapproval_due
from herald.channels.services import TRANSITIONS
from herald.core.errors import HeraldError
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import Representative
from herald.web.forms import ChannelForm, CredentialsForm, ReasonForm
from herald.web.views.base import apply_error, posted, staff_view

ACTION_WORDS = {
    "approve": ("Approve", "Approve this channel", "It can then be set up and made active."),
    "reject": ("Reject", "Reject this channel", "The person who proposed it is shown your reason."),
    "activate": ("Make active", "Make this channel active", "Representatives can then publish on it."),
    "suspend": ("Suspend", "Suspend this channel", "Nothing can be published on it until it is reopened."),
    "close": ("Close", "Require this channel to close", "The Clerk may require closure (enforce.closure)."),
    "reopen": ("Reopen", "Reopen this channel", "It becomes active again."),
}


def _people(council):
    return Representative.objects.filter(council=council, active=True).order_by("name")


def _resolve_people(council, cleaned):
    people = {p.pk: p for p in _people(council)}
    owner = people.get(cleaned.pop("owner"))
    reps = [people[pk] for pk in cleaned.pop("representatives") if pk in people]
    return owner, reps


@staff_view()
def channel_index(request):
    return render(request, "web/channels/list.html", {"channels": channel_list(council=request.rep.council),
                                                      "statuses": Status})


@staff_view(Capability.PROPOSE_CHANNELS)
def channel_new(request):
    council = request.rep.council
    form = ChannelForm(posted(request), people=_people(council),
                       initial={"owner": request.rep.pk, "use": "council_service", "audience": "general",
                                "representatives": [request.rep.pk]})
    error = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner, reps = _resolve_people(council, data)
        try:
            channel = services.channel_propose(acting_user=request.user, council=council, owner=owner,
                                               representatives=reps, **data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The channel has been proposed. The Clerk will decide on it."
                             if channel.status == Status.PROPOSED else "The channel has been registered.")
            return redirect("web:channel", channel.pk)
    return render(request, "web/channels/form.html", {"form": form, "error": error, "heading": "Propose a channel"},
                  status=400 if form.errors or error else 200)


@staff_view()
def channel_detail(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    manage = has_capability(request.user, Capability.MANAGE_CHANNELS)
    actions = [a for a, (sources, *_rest) in TRANSITIONS.items() if channel.status in sources] if manage else []
    return render(request, "web/channels/detail.html", {
        "channel": channel, "manage": manage, "actions": [(a, ACTION_WORDS[a][0]) for a in actions],
        "check": latest_check(channel=channel), "reapproval": reapproval_due(channel=channel),
        "people": channel.representatives.all(), "public_url": public_page_url(channel),
        "needs_credentials": bool(CREDENTIAL_FIELDS[channel.platform]),
        "has_credentials": bool(channel.credentials),
    })


@staff_view(Capability.MANAGE_CHANNELS)
def channel_edit(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    council = channel.council
    initial = {f: getattr(channel, f) for f in services.DETAILS}
    initial.update(owner=channel.owner_id, representatives=list(channel.representatives.values_list("pk", flat=True)))
    form, error = ChannelForm(posted(request), people=_people(council), initial=initial), None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner, reps = _resolve_people(council, data)
        try:
            services.channel_update(acting_user=request.user, channel=channel, owner=owner, representatives=reps, **data)
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, "The changes have been saved.")
            return redirect("web:channel", channel.pk)
    return render(request, "web/channels/form.html", {"form": form, "error": error, "channel": channel,
                                                      "heading": f"Change {channel.name}"},
                  status=400 if form.errors or error else 200)


@staff_view(Capability.MANAGE_CHANNELS)
def channel_decide(request, channel_pk: int, action: str):
    channel = access_channel_by_id(request.user, channel_pk)
    if action not in TRANSITIONS:
        raise Http404
    button, heading, lede = ACTION_WORDS[action]
    needs_reason = TRANSITIONS[action][3]
    form, error = ReasonForm(posted(request)), None
    if not needs_reason:
        form.fields["reason"].required = False
        form.fields["reason"].label = "Note (optional)"
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_decide(acting_user=request.user, channel=channel, action=action,
                                    reason=form.cleaned_data.get("reason", ""))
        except HeraldError as exc:
            error = apply_error(form, exc)
        else:
            messages.success(request, f"{channel.name}: {heading.lower()} – done.")
            return redirect("web:channel", channel.pk)
    return render(request, "web/channels/decide.html", {"form": form, "error": error, "channel": channel,
                                                        "button": button, "heading": heading, "lede": lede},
                  status=400 if form.errors or error else 200)


@require_POST
@staff_view(Capability.MANAGE_CHANNELS)
def channel_reapprove(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    try:
        services.channel_reapprove(acting_user=request.user, channel=channel)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{channel.name} is approved for another year.")
    return redirect("web:channel", channel.pk)


@staff_view(Capability.MANAGE_CHANNELS)
def channel_credentials(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    fields = CREDENTIAL_FIELDS[channel.platform]
    if not fields:
        raise Http404
    form, error = CredentialsForm(posted(request)), None
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_set_credentials(acting_user=request.user, channel=channel,
                                             values={fields[0]: form.cleaned_data["secret"]})
        except HeraldError as exc:
            error = {"message": exc.message, "field": None}
        else:
            messages.success(request, "The credentials are saved, encrypted.")
            return redirect("web:channel", channel.pk)
    return render(request, "web/channels/credentials.html", {"form": form, "error": error, "channel": channel},
                  status=400 if form.errors or error else 200)


@require_POST
@staff_view(Capability.MANAGE_CHANNELS)
def channel_check(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    try:
        check = services.channel_check(acting_user=request.user, channel=channel)
    except HeraldError as exc:
        messages.error(request, exc.message)
    else:
        if check.passed:
            messages.success(request, "Every identification check passed.")
        else:
            messages.warning(request, "Some identification checks need attention: see below.")
    return redirect("web:channel", channel.pk)


@require_POST
@staff_view(Capability.MANAGE_CHANNELS)
def channel_confirm_complaints_info(request, channel_pk: int):
    channel = access_channel_by_id(request.user, channel_pk)
    services.channel_confirm_complaints_info(acting_user=request.user, channel=channel)
    messages.success(request, "Recorded: feedback and complaints information is published on the channel.")
    return redirect("web:channel", channel.pk)
