from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.councils.models import Council, CouncilOwned
from herald.records.events import EventType


class AuditEvent(CouncilOwned):
    """One state change, append-only and hash-chained per council (herald.records.audit)."""

    seq = models.PositiveBigIntegerField()
    event_type = models.PositiveIntegerField(choices=EventType.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=300)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["council", "seq"]
        constraints = [models.UniqueConstraint(fields=["council", "seq"], name="audit_seq_unique_per_council")]
        indexes = [models.Index(fields=["council", "event_type"]), models.Index(fields=["council", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_event_type_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")


class AuditHead(models.Model):
    """The latest event of each council's chain: serialises writers and catches a deleted tail."""

    council = models.OneToOneField(Council, on_delete=models.PROTECT, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)


class LegalHold(CouncilOwned):
    """Records that must not be purged or hard-deleted while a complaint or FOI request is open
    (FOIA s.77; DOMAIN.md section 3). Read through herald.records.holds."""

    reason = models.TextField()
    complaint = models.ForeignKey("complaints.Complaint", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="legal_holds")
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=300)
    placed_at = models.DateTimeField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="legal_hold_target")]

    def __str__(self) -> str:
        return f"Legal hold on {self.target_label}"
