"""Export of the post archive (CSV or JSON), audited."""

from __future__ import annotations

from typing import Any, Iterator

from django.db import transaction

from herald.core.errors import NotAllowed
from herald.councils.models import Council
from herald.people.access import require_capability
from herald.people.capabilities import Capability
from herald.posts.selectors import post_archive
from herald.records.audit import audit_record
from herald.records.events import EventType

EXPORT_FIELDS = ("id", "author", "channels", "state", "version", "verdict", "clauses", "submitted_at",
                 "published_at", "removed_at", "urls", "text")


def _rows(posts) -> Iterator[dict[str, Any]]:
    for post in posts.prefetch_related("screening_runs__findings", "publications"):
        runs = sorted(post.screening_runs.all(), key=lambda r: (r.at, r.pk))
        latest = runs[-1] if runs else None
        yield {
            "id": post.pk, "author": post.author.name, "channels": [c.name for c in post.channels.all()],
            "state": post.state, "version": post.version, "verdict": post.verdict,
            "clauses": sorted({f.clause_id for f in latest.findings.all()}) if latest else [],
            "submitted_at": post.submitted_at.isoformat() if post.submitted_at else "",
            "published_at": post.published_at.isoformat() if post.published_at else "",
            "removed_at": post.removed_at.isoformat() if post.removed_at else "",
            "urls": [p.url for p in post.publications.all() if p.url], "text": post.text,
        }


def post_archive_export(*, acting_user, council: Council, fmt: str, filters: dict) -> Iterator[dict[str, Any]]:
    """Rows of the filtered archive; the export itself is audited."""
    rep = require_capability(acting_user, Capability.VIEW_POST_ARCHIVE)
    if rep.council_id != council.pk:
        raise NotAllowed("You do not have permission to do this.")
    posts = post_archive(council=council, **filters)
    with transaction.atomic():
        audit_record(council=council, actor=acting_user, event_type=EventType.POST_ARCHIVE_EXPORTED,
                     data={"format": fmt, "filters": {k: str(v) for k, v in filters.items() if v}})
    return _rows(posts)
