from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from herald.core import clock
from herald.councils.models import Council
from herald.policy.document import PolicyDocument, parse_policy
from herald.policy.models import Clause, PolicyVersion
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
