from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from herald.channels.models import Channel, ComplianceCheck, Status, Use
from herald.core import clock
from herald.core.errors import NotFound
from herald.councils.models import Council
from herald.people.access import representative_for_user

REAPPROVAL_INTERVAL = dt.timedelta(days=365)
IN_USE = (Status.APPROVED, Status.ACTIVE, Status.SUSPENDED)


def channel_list(*, council: Council, status: str = "") -> QuerySet[Channel]:
    qs = Channel.objects.filter(council=council).select_related("owner")
    return qs.filter(status=status) if status else qs


def official_channel_choices(*, council: Council) -> list[tuple[str, str]]:
    """(id, name) of the council's official channels that are not rejected, for forms."""
    qs = channel_list(council=council).filter(use=Use.COUNCIL_SERVICE).exclude(status=Status.REJECTED)
    return [(str(c.pk), f"{c.name} ({c.get_status_display().lower()})") for c in qs.order_by("name")]


def access_channel_by_id(user, channel_id: int) -> Channel:
    """A channel of the user's own council; NotFound for anything else (missing or not theirs)."""
    rep = representative_for_user(user)
    channel = Channel.objects.select_related("council", "owner").filter(pk=channel_id).first()
    if rep is None or channel is None or channel.council_id != rep.council_id:
        raise NotFound("Page not found.")
    return channel


def public_channel_list(*, council: Council) -> QuerySet[Channel]:
    return Channel.objects.filter(council=council, use="council_service", status__in=[Status.ACTIVE, Status.SUSPENDED])


def public_channel(*, council: Council, channel_id: int) -> Channel:
    channel = public_channel_list(council=council).select_related("owner").filter(pk=channel_id).first()
    if channel is None:
        raise NotFound("Page not found.")
    return channel


def latest_check(*, channel: Channel) -> ComplianceCheck | None:
    return channel.checks.order_by("-run_at").first()


def reapproval_due(*, channel: Channel, today: dt.date | None = None) -> dt.date | None:
    if channel.status not in IN_USE or not channel.needs_approval or channel.approved_at is None:
        return None
    return (channel.approved_at + REAPPROVAL_INTERVAL).astimezone(clock.LONDON).date()


@dataclass(frozen=True)
class ChannelAttention:
    awaiting_approval: list[Channel]
    failing_checks: list[tuple[Channel, ComplianceCheck | None]]
    reapproval_due: list[tuple[Channel, dt.date]]


def channels_needing_attention(*, council: Council, today: dt.date | None = None) -> ChannelAttention:
    today = today or clock.today_in_london()
    channels = list(Channel.objects.filter(council=council).exclude(status__in=[Status.REJECTED, Status.CLOSED]))
    failing, due = [], []
    for channel in channels:
        if channel.official and channel.status in (Status.ACTIVE, Status.APPROVED):
            check = latest_check(channel=channel)
            if check is None or not check.passed:
                failing.append((channel, check))
        when = reapproval_due(channel=channel)
        if when is not None and when <= today + dt.timedelta(days=30):
            due.append((channel, when))
    return ChannelAttention([c for c in channels if c.status == Status.PROPOSED], failing, due)
