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
    foi_request = models.ForeignKey("records.FoiRequest", null=True, blank=True, on_delete=models.PROTECT,
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


# ----- Freedom of Information requests (herald.records.foi; DOMAIN.md section 3) --------------------


class FoiStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    PARTLY_WITHHELD = "partly_withheld", "Answered, partly withheld"
    WITHHELD = "withheld", "Withheld"
    UNDER_REVIEW = "under_review", "Internal review"
    CLOSED = "closed", "Closed"


#: Statuses in which the council still owes the requester something (the clock is running).
FOI_ACTIVE = (FoiStatus.OPEN, FoiStatus.UNDER_REVIEW)
#: Statuses after a response was sent.
FOI_RESPONDED = (FoiStatus.ANSWERED, FoiStatus.PARTLY_WITHHELD, FoiStatus.WITHHELD)


class FoiReviewOutcome(models.TextChoices):
    UPHELD = "upheld", "The original response stands"
    PARTLY_OVERTURNED = "partly_overturned", "Partly overturned: more information released"
    OVERTURNED = "overturned", "Overturned: the information is released"


class FoiRequest(CouncilOwned):
    """A request for information under the Freedom of Information Act 2000: due 20 working days
    after receipt (s.10, FOI calendar); an internal review asked within 40 working days of the
    response and answered within 20. Written only by herald.records.foi.

    Its scope (dates, channel, person, words) says which records it concerns: they are searched,
    held (legal holds, released when the request closes) and exported from there."""

    reference = models.CharField(max_length=30)
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    requester_name = models.CharField(max_length=200)
    requester_contact = models.CharField(max_length=300)  # email or postal address, as they gave it
    received_on = models.DateField()
    request_text = models.TextField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=FoiStatus.choices, default=FoiStatus.OPEN)
    # The search that finds what the request concerns (the scope).
    scope_from = models.DateField(null=True, blank=True)
    scope_to = models.DateField(null=True, blank=True)
    scope_channel = models.ForeignKey("channels.Channel", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    scope_person = models.ForeignKey("people.Representative", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    scope_text = models.CharField(max_length=200, blank=True)
    # The response.
    response_text = models.TextField(blank=True)
    exemption = models.TextField(blank=True)  # the exemption relied on (e.g. "s.40(2) personal information")
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # The internal review.
    review_requested_on = models.DateField(null=True, blank=True)
    review_grounds = models.TextField(blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    review_outcome = models.CharField(max_length=20, choices=FoiReviewOutcome.choices, blank=True)
    review_notes = models.TextField(blank=True)
    review_decided_on = models.DateField(null=True, blank=True)
    review_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["council", "status", "due_on"], name="foi_council_status_due")]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="foi_number_unique"),
            models.UniqueConstraint(fields=["council", "reference"], name="foi_reference_unique"),
            models.CheckConstraint(condition=~models.Q(status__in=["answered", "partly_withheld", "withheld"])
                                   | models.Q(responded_on__isnull=False), name="foi_responded_has_date"),
            models.CheckConstraint(condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                                   name="foi_closed_has_time"),
            models.CheckConstraint(condition=models.Q(scope_from__isnull=True) | models.Q(scope_to__isnull=True)
                                   | models.Q(scope_to__gte=models.F("scope_from")), name="foi_scope_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"FOI request {self.reference}"


class FoiExportStatus(models.TextChoices):
    SCANNING = "scanning", "Looking for personal data"
    CONFIRMING = "confirming", "Waiting for the Clerk to confirm redactions"
    BUILDING = "building", "Building the bundle"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Failed"


class FoiExport(CouncilOwned):
    """One export bundle for a request: a scan for third parties' personal data (classes, counts,
    examples), the Clerk's decision per class (redact or release), then the ZIP built by a
    background task under HERALD_DATA_DIR/foi. `file_name` is set only once the whole file is
    written, so a failed build never leaves a partial download."""

    request = models.ForeignKey(FoiRequest, on_delete=models.PROTECT, related_name="exports")
    status = models.CharField(max_length=20, choices=FoiExportStatus.choices, default=FoiExportStatus.SCANNING)
    # The scope searched, as it was when the export started.
    scope = models.JSONField(default=dict)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    #: {class: {"label": str, "count": int, "records": int, "examples": [str, ...]}}
    classes = models.JSONField(default=dict)
    #: {class: "redact" | "release"}: the Clerk's confirmations.
    decisions = models.JSONField(default=dict)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(default=dict)  # records per kind in the bundle
    error = models.TextField(blank=True)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="ready") | ~models.Q(file_name=""),
                                   name="foi_export_ready_has_file"),
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} for {self.request.reference}"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.processed / self.total)) if self.total else 0
