"""The audit trail: every service writes one event, in its own transaction, through audit_record.

Events are hash-chained per council: each event's hash covers its content and the hash of the
event before it, so editing, deleting or reordering any event breaks the chain, and
`herald audit verify` names the first bad one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterator

from django.db import models, transaction

from herald.core import clock
from herald.councils.models import Council
from herald.records.events import EventType
from herald.records.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def event_hash(*, council_id: int, seq: int, event_type: int, actor_id: int | None, actor_label: str,
               target_type: str, target_id: str, target_label: str, data: Any,
               created_at: dt.datetime, prev_hash: str) -> str:
    body = json.dumps(
        [council_id, seq, event_type, actor_id, actor_label, target_type, target_id, target_label, data,
         created_at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"), prev_hash],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _hash_of(event: AuditEvent) -> str:
    return event_hash(council_id=event.council_id, seq=event.seq, event_type=event.event_type,
                      actor_id=event.actor_id, actor_label=event.actor_label, target_type=event.target_type,
                      target_id=event.target_id, target_label=event.target_label, data=event.data,
                      created_at=event.created_at, prev_hash=event.prev_hash)


def actor_label_for(user) -> str:
    if user is None:
        return "System"
    name = getattr(user, "full_name", "") or ""
    return f"{name} <{user.email}>" if name else user.email


def audit_record(*, council: Council, actor, event_type: EventType, target: models.Model | None = None,
                 target_label: str | None = None, before: dict | None = None, after: dict | None = None,
                 data: dict | None = None) -> AuditEvent:
    """Append one event to the council's chain. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the service's transaction")
    head, _ = AuditHead.objects.get_or_create(council=council, defaults={"seq": 0, "hash": GENESIS})
    head = AuditHead.objects.select_for_update().get(pk=head.pk)
    payload: dict[str, Any] = dict(data or {})
    if before is not None:
        payload["before"] = before
    if after is not None:
        payload["after"] = after
    payload = _json_safe(payload)
    created_at = clock.now()
    event = AuditEvent(
        council=council, seq=head.seq + 1, event_type=int(event_type),
        actor=actor if getattr(actor, "pk", None) else None, actor_label=actor_label_for(actor),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label if target_label is not None else str(target) if target is not None else "")[:300],
        data=payload, created_at=created_at, prev_hash=head.hash,
    )
    event.hash = _hash_of(event)
    event.save(force_insert=True)
    AuditHead.objects.filter(pk=head.pk).update(seq=event.seq, hash=event.hash)
    return event


@dataclass(frozen=True)
class ChainProblem:
    council: str
    seq: int | None
    message: str


def audit_verify(*, council: Council) -> ChainProblem | None:
    """Check one council's chain. Returns the first problem, or None when the chain is intact."""
    expected_prev, expected_seq = GENESIS, 1
    for event in AuditEvent.objects.filter(council=council).order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return ChainProblem(council.slug, event.seq,
                                f"event #{expected_seq} is missing (found #{event.seq} next): "
                                "events were deleted or reordered")
        if event.prev_hash != expected_prev:
            return ChainProblem(council.slug, event.seq,
                                f"event #{event.seq} does not follow the event before it: "
                                "events were deleted or reordered")
        if _hash_of(event) != event.hash:
            return ChainProblem(council.slug, event.seq, f"event #{event.seq} was edited after it was written")
        expected_prev, expected_seq = event.hash, expected_seq + 1
    head = AuditHead.objects.filter(council=council).first()
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.hash != expected_prev):
        return ChainProblem(council.slug, last_seq + 1,
                            f"the trail ends at event #{last_seq} but #{head.seq} was written: "
                            "the latest events were deleted")
    return None


EXPORT_FIELDS = ("council", "seq", "created_at", "event_type", "event_name", "actor", "target_type",
                 "target_id", "target_label", "data", "prev_hash", "hash")


def audit_rows(queryset) -> Iterator[dict[str, Any]]:
    for e in queryset.select_related("council").order_by("council_id", "seq").iterator(chunk_size=2000):
        yield {
            "council": e.council.slug, "seq": e.seq, "created_at": e.created_at.isoformat(),
            "event_type": e.event_type, "event_name": EventType(e.event_type).name,
            "actor": e.actor_label, "target_type": e.target_type, "target_id": e.target_id,
            "target_label": e.target_label, "data": e.data, "prev_hash": e.prev_hash, "hash": e.hash,
        }
