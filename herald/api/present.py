"""Turn Herald's records into the API's output shapes (plain dicts the schemas validate)."""

from __future__ import annotations

from django.urls import reverse

from herald.posts.models import Post, Publication, ScreeningRun


def clause_url(request, council, clause_id: str) -> str:
    return request.build_absolute_uri(reverse("web:council-policy", args=[council.slug])) + f"#{clause_id}"


def finding(request, council, *, rule_id, clause_id, category, severity, message, evidence, start, end) -> dict:
    return {"rule_id": rule_id, "clause_id": clause_id, "clause_url": clause_url(request, council, clause_id),
            "category": category, "severity": severity, "message": message, "evidence": evidence or "",
            "span": {"start": start, "end": end} if start is not None and end is not None else None}


def screening_run(request, run: ScreeningRun | None) -> dict | None:
    if run is None:
        return None
    council = run.council
    return {"verdict": run.verdict, "post_version": run.post_version, "at": run.at,
            "policy_version": run.policy_version.number if run.policy_version_id else None,
            "pre_election": run.pre_election,
            "findings": [finding(request, council, rule_id=f.rule_id, clause_id=f.clause_id, category=f.category,
                                 severity=f.severity, message=f.message, evidence=f.evidence, start=f.start,
                                 end=f.end) for f in run.findings.all()]}


def post(p: Post) -> dict:
    return {"id": p.pk, "state": p.state, "state_label": p.get_state_display(), "version": p.version,
            "text": p.text, "verdict": p.verdict, "author": {"id": p.author_id, "name": p.author.name},
            "channels": [{"id": c.pk, "name": c.name} for c in p.channels.all()], "editable": p.editable,
            "override_requested": p.override_requested, "scheduled_for": p.scheduled_for,
            "created_at": p.created_at, "updated_at": p.updated_at, "submitted_at": p.submitted_at,
            "approved_version": p.approved_version}


def channel(c) -> dict:
    return {"id": c.pk, "name": c.name, "platform": c.platform, "kind": c.kind, "official": c.official,
            "audience": c.audience, "handle": c.handle}


def publication(pub: Publication) -> dict:
    return {"id": pub.pk, "channel": {"id": pub.channel_id, "name": pub.channel.name},
            "platform": pub.channel.platform, "state": pub.state, "state_label": pub.get_state_display(),
            "url": pub.url, "attempts": pub.attempts, "not_before": pub.not_before,
            "published_at": pub.published_at, "last_error_code": pub.last_error_code}


def page(items, query, render) -> dict:
    """One page of a queryset or list: {count, limit, offset, items}."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    chosen = items[query.offset:query.offset + query.limit]
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": [render(x) for x in chosen]}
