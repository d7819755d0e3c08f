from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from herald.core import clock
from herald.councils.models import Council
from herald.policy.document import PolicyDocument, parse_policy
from herald.policy.models import Clause, PolicyReviewItem, PolicyVersion, ReviewSource
from herald.records.audit import audit_record
from herald.records.events import EventType

SEED_POLICY = Path(__file__).resolve().parent / "seed" / "stalbridge.yaml"


@dataclass(frozen=True)
class PolicyLoadResult:
    version: PolicyVersion
    created: bool


def policy_load(*, acting_user, council: Council, text: str, source: str = "<upload>") -> PolicyLoadResult:
    """Validate a policy YAML document and make it the council's current version.

    The same content as the current version loads nothing new. A malformed document raises
    PolicyFileError (file, line, what is wrong) before anything is written.
    """
    document = parse_policy(text, source=source)
    result = _store(acting_user=acting_user, council=council, document=document)
    council.active_policy = result.version  # keep the caller's object current
    return result


@transaction.atomic
def _store(*, acting_user, council: Council, document: PolicyDocument) -> PolicyLoadResult:
    council = Council.objects.select_for_update().get(pk=council.pk)
    current = council.active_policy
    if current is not None and current.content_hash == document.content_hash:
        return PolicyLoadResult(current, created=False)
    number = (PolicyVersion.objects.filter(council=council).order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PolicyVersion(council=council, number=number, title=document.title, adopted_on=document.adopted_on,
                            review_due=document.review_due, source_yaml=document.source_text,
                            content_hash=document.content_hash, settings=document.settings,
                            loaded_at=clock.now(), loaded_by=acting_user)
    version.full_clean()
    version.save()
    Clause.objects.bulk_create(
        Clause(policy_version=version, clause_id=c.id, section=c.section, title=c.title, text=c.text, position=i)
        for i, c in enumerate(document.clauses)
    )
    Council.objects.filter(pk=council.pk).update(active_policy=version)
    council.active_policy = version
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_VERSION_LOADED, target=version,
                 before={"version": current.number if current else None},
                 after={"version": number, "content_hash": document.content_hash,
                        "review_due": document.review_due, "clauses": len(document.clauses)})
    return PolicyLoadResult(version, created=True)


@dataclass(frozen=True)
class ReviewItemResult:
    item: PolicyReviewItem
    created: bool


@transaction.atomic
def policy_review_item_raise(*, acting_user, council: Council, clauses: list[str], source: str = ReviewSource.COMPLAINT,
                             complaint=None, notes: str = "") -> ReviewItemResult:
    """Open a policy review item for the clauses concerned (review.complaint), or link the complaint
    to the open item for the same clauses. Clause ids must exist in the current policy."""
    from herald.core.errors import ValidationFailed

    wanted = sorted(set(c.strip() for c in clauses if c and c.strip()))
    if not wanted:
        raise ValidationFailed("Choose at least one clause of the policy that the complaint concerns.",
                               field="clauses")
    if source not in ReviewSource.values:
        raise ValidationFailed(f"Unknown source {source!r}.")
    version = council.active_policy
    known = set(version.clauses.values_list("clause_id", flat=True)) if version else set()
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValidationFailed(f"The policy has no clause {', '.join(unknown)}.", field="clauses")
    council = Council.objects.select_for_update().get(pk=council.pk)
    item = next((i for i in PolicyReviewItem.objects.filter(council=council, closed_at__isnull=True)
                 if sorted(i.clauses) == wanted), None)  # JSON equality differs between databases
    if item is not None:
        if complaint is not None and not item.complaints.filter(pk=complaint.pk).exists():
            item.complaints.add(complaint)
            audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_LINKED,
                         target=item, data={"clauses": wanted, "complaint": complaint.reference})
        return ReviewItemResult(item, created=False)
    item = PolicyReviewItem.objects.create(council=council, clauses=wanted, source=source, complaint=complaint,
                                           notes=(notes or "").strip(), opened_at=clock.now())
    if complaint is not None:
        item.complaints.add(complaint)
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_RAISED, target=item,
                 data={"clauses": wanted, "source": source,
                       "complaint": complaint.reference if complaint is not None else None})
    return ReviewItemResult(item, created=True)
