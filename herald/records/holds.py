"""Legal holds: records concerned by an open complaint (later: an FOI request) must not be purged
or hard-deleted (FOIA s.77; DOMAIN.md section 3).

`legal_hold_place` and `legal_hold_release` are the only write path. Anything that purges or
hard-deletes (the retention task) asks `is_on_hold(obj)` or `held_ids(Model)` first. Taking a post
down is not a deletion (the record is kept), so it is never blocked by a hold.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.councils.models import Council
from herald.records.audit import audit_record
from herald.records.events import EventType
from herald.records.models import LegalHold


def _target(obj: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=True), str(obj.pk)


@transaction.atomic
def legal_hold_place(*, acting_user, council: Council, target: models.Model, reason: str,
                     complaint=None) -> LegalHold:
    """Put `target` under hold. Placing the same hold again (same target, same complaint, still
    in force) returns the existing hold and writes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter why the records are held.", field="reason")
    if getattr(target, "council_id", council.pk) != council.pk:
        raise ValidationFailed("A hold can only cover the council's own records.")
    content_type, target_id = _target(target)
    # Lock the record itself: a retention run that has locked it first finishes before the hold is
    # placed, and one that comes later sees the hold (herald.records.retention checks after locking).
    list(type(target)._base_manager.select_for_update().filter(pk=target.pk).values_list("pk"))
    existing = LegalHold.objects.filter(council=council, target_type=content_type, target_id=target_id,
                                        complaint=complaint, foi_request__isnull=True,
                                        released_at__isnull=True).first()
    if existing is not None:
        return existing
    hold = LegalHold.objects.create(council=council, reason=reason, complaint=complaint, target_type=content_type,
                                    target_id=target_id, target_label=str(target)[:300], placed_at=clock.now(),
                                    placed_by=acting_user if getattr(acting_user, "pk", None) else None)
    audit_record(council=council, actor=acting_user, event_type=EventType.LEGAL_HOLD_PLACED, target=target,
                 data={"hold": hold.pk, "reason": reason, "complaint": complaint.reference if complaint else None})
    return hold


@transaction.atomic
def legal_hold_release(*, acting_user, hold: LegalHold, reason: str) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise Conflict("This hold has already been released.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter why the hold is released.", field="reason")
    hold.released_at, hold.release_reason = clock.now(), reason
    hold.released_by = acting_user if getattr(acting_user, "pk", None) else None
    hold.save(update_fields=["released_at", "released_by", "release_reason"])
    audit_record(council=hold.council, actor=acting_user, event_type=EventType.LEGAL_HOLD_RELEASED,
                 target_label=hold.target_label,
                 data={"hold": hold.pk, "target_type": hold.target_type.model, "target_id": hold.target_id,
                       "reason": reason})
    return hold


def holds_in_force(*, council: Council | None = None):
    qs = LegalHold.objects.filter(released_at__isnull=True)
    return qs.filter(council=council) if council is not None else qs


def is_on_hold(obj: models.Model) -> bool:
    """Whether any hold in force covers `obj`."""
    content_type, target_id = _target(obj)
    return holds_in_force().filter(target_type=content_type, target_id=target_id).exists()


def held_ids(model: type[models.Model], *, council: Council | None = None) -> set[str]:
    """Primary keys (as text) of `model` rows under a hold in force: exclude them from any purge."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return set(holds_in_force(council=council).filter(target_type=content_type).values_list("target_id", flat=True))


# ----- holds for Freedom of Information requests (herald.records.foi) -----------------------------

FOI_HOLD_BATCH = 1000


def legal_holds_place_for_foi(*, acting_user, foi_request, targets, reason: str) -> int:
    """Hold every record in `targets` (model instances of the request's council) for an open FOI
    request. Many records at once: one audit event for the lot (with counts per kind). Records
    already held for this request are skipped. Runs inside the calling service's transaction.
    Returns how many holds were placed."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("legal_holds_place_for_foi must run inside the service's transaction")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter why the records are held.", field="reason")
    council = foi_request.council
    existing = set(holds_in_force(council=council).filter(foi_request=foi_request)
                   .values_list("target_type_id", "target_id"))
    now, user = clock.now(), acting_user if getattr(acting_user, "pk", None) else None
    batch, placed, per_kind = [], 0, {}
    for target in targets:
        if getattr(target, "council_id", council.pk) != council.pk:
            raise ValidationFailed("A hold can only cover the council's own records.")
        content_type, target_id = _target(target)
        if (content_type.pk, target_id) in existing:
            continue
        existing.add((content_type.pk, target_id))
        batch.append(LegalHold(council=council, reason=reason, foi_request=foi_request, target_type=content_type,
                               target_id=target_id, target_label=str(target)[:300], placed_at=now, placed_by=user))
        per_kind[content_type.model] = per_kind.get(content_type.model, 0) + 1
        if len(batch) >= FOI_HOLD_BATCH:
            LegalHold.objects.bulk_create(batch)
            placed += len(batch)
            batch = []
    if batch:
        LegalHold.objects.bulk_create(batch)
        placed += len(batch)
    if placed:
        audit_record(council=council, actor=acting_user, event_type=EventType.LEGAL_HOLD_PLACED, target=foi_request,
                     data={"foi_request": foi_request.reference, "reason": reason, "count": placed,
                           "kinds": per_kind})
    return placed


def legal_holds_release_for_foi(*, acting_user, foi_request, reason: str) -> int:
    """Release every hold in force for the FOI request (inside the calling service's
    transaction): one audit event for the lot. Returns how many were released."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("legal_holds_release_for_foi must run inside the service's transaction")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Enter why the hold is released.", field="reason")
    user = acting_user if getattr(acting_user, "pk", None) else None
    released = holds_in_force(council=foi_request.council).filter(foi_request=foi_request).update(
        released_at=clock.now(), released_by=user, release_reason=reason)
    if released:
        audit_record(council=foi_request.council, actor=acting_user, event_type=EventType.LEGAL_HOLD_RELEASED,
                     target=foi_request, data={"foi_request": foi_request.reference, "reason": reason,
                                               "count": released})
    return released
