from __future__ import annotations

from django.shortcuts import render

from herald.channels.selectors import channels_needing_attention
from herald.people.access import has_capability
from herald.people.capabilities import Capability
from herald.people.models import PolicyAcknowledgement, Representative
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights, suspension_current
from herald.policy.selectors import policy_review_status
from herald.records.models import AuditEvent
from herald.web.views.base import staff_view


@staff_view(Capability.VIEW_DASHBOARD)
def dashboard(request):
    rep, council = request.rep, request.rep.council
    context = {
        "rights": publishing_rights(representative=rep),
        "acknowledged": has_acknowledged_current_policy(representative=rep),
        "review": policy_review_status(council=council),
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
    return render(request, "web/dashboard.html", context)
