from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from herald.councils.models import Council
from herald.people.access import council_for_user
from herald.policy.selectors import clause_list, policy_review_status


def _default_council() -> Council | None:
    if settings.HERALD_DEFAULT_COUNCIL:
        return Council.objects.filter(slug=settings.HERALD_DEFAULT_COUNCIL).first()
    councils = list(Council.objects.all()[:2])
    return councils[0] if len(councils) == 1 else None


def home(request):
    council = council_for_user(request.user)
    if council is not None:
        return redirect("web:dashboard")
    council = _default_council()
    if council is not None:
        return redirect("web:council-home", council.slug)
    return render(request, "web/councils.html", {"councils": Council.objects.all()})


def council_home(request, slug: str):
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    return render(request, "web/council_home.html", {"council": council})


def policy_default(request):
    council = _default_council()
    if council is None:
        raise Http404
    return redirect("web:council-policy", council.slug)


def policy_page(request, slug: str):
    council = get_object_or_404(Council, slug=slug)
    request.council = council
    version = council.active_policy
    if version is None:
        raise Http404
    clauses = clause_list(version=version)
    sections: list[tuple[str, list]] = []
    for clause in clauses:
        if not sections or sections[-1][0] != clause.section:
            sections.append((clause.section, []))
        sections[-1][1].append(clause)
    return render(request, "web/policy.html", {
        "council": council, "version": version, "sections": sections,
        "review": policy_review_status(council=council),
    })
