from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from herald.channels.selectors import channels_needing_attention
from herald.core import clock
from herald.elections.selectors import period_status
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import PolicyAcknowledgement, Representative
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights, suspension_current
from herald.policy.selectors import review_overview
from herald.records.models import AuditEvent
from herald.records.selectors import foi_request_counts
from herald.web import charts
from herald.web.views.base import staff_view


@staff_view(Capability.VIEW_DASHBOARD)
def dashboard(request):
    rep, council = request.rep, request.rep.council
    context = {
        "rights": publishing_rights(representative=rep),
        "acknowledged": has_acknowledged_current_policy(representative=rep),
    }
    if has_capability(request.user, Capability.VIEW_PEOPLE):
        people = list(Representative.objects.filter(council=council, active=True))
        acked = set(PolicyAcknowledgement.objects.filter(council=council, policy_version_id=council.active_policy_id)
                    .values_list("representative_id", flat=True))
        context.update({
            "people_count": len(people),
            "suspended": [p for p in people if suspension_current(representative=p)],
            "not_acknowledged": [p for p in people if p.pk not in acked],
        })
    if has_capability(request.user, Capability.MANAGE_CHANNELS):
        context["channels"] = channels_needing_attention(council=council)
    if has_capability(request.user, Capability.REVIEW_POSTS):
        from herald.posts.selectors import post_count_for_review

        context["posts_awaiting_review"] = post_count_for_review(council=council)
    from herald.complaints.access import may_list_cases

    if may_list_cases(request.user):
        from herald.complaints.selectors import case_list, overdue_reasons

        open_cases = case_list(user=request.user, show="open")
        context["complaints_open"] = len(open_cases)
        context["complaints_overdue"] = sum(1 for c in open_cases if overdue_reasons(c))
    if has_capability(request.user, Capability.VIEW_AUDIT):
        context["recent_events"] = AuditEvent.objects.filter(council=council).order_by("-seq")[:8]
    if has_capability(request.user, Capability.MANAGE_POLICY):
        context["policy_overview"] = review_overview(council=council)
    if has_capability(request.user, Capability.VIEW_FOI):
        context["foi"] = foi_request_counts(council=council)
    context["period"] = period_status(council=council)
    context["charts"] = _charts(request.user, council)
    return render(request, "web/dashboard.html", context)


def _charts(user, council) -> list:
    """The Clerk's charts for the last 12 months, each only for those who may see its records."""
    today = clock.today_in_london()
    since = dt.datetime.combine(charts.last_months(today)[0], dt.time(), tzinfo=clock.LONDON)
    out = []
    if has_capability(user, Capability.VIEW_POST_ARCHIVE):
        from herald.posts.selectors import findings_per_clause, published_per_channel_month

        out.append(charts.posts_per_channel_chart(published_per_channel_month(council=council, since=since),
                                                  today=today))
        out.append(charts.findings_by_clause_chart(findings_per_clause(council=council, since=since)))
    if has_capability(user, Capability.HANDLE_COMPLAINTS):
        from herald.complaints.selectors import outcome_counts, resolution_working_days
        from herald.policy.selectors import council_settings

        target = council_settings(council=council)["complaints"]["respond_working_days"]
        out.append(charts.complaint_outcomes_chart(outcome_counts(council=council, since=since)))
        out.append(charts.resolution_time_chart(resolution_working_days(council=council, since=since), target=target))
    return out
