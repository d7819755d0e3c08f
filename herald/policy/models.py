from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models

from herald.councils.models import CouncilOwned


class PolicyVersion(CouncilOwned):
    """One adopted version of a council's policy. Immutable once loaded."""

    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    adopted_on = models.DateField(null=True, blank=True)
    review_due = models.DateField()
    source_yaml = models.TextField()
    content_hash = models.CharField(max_length=64)
    settings = models.JSONField()
    loaded_at = models.DateTimeField()
    loaded_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # The council's decision to adopt it (set at creation only; empty for versions loaded from the CLI).
    minute_reference = models.CharField(max_length=200, blank=True)
    decision = models.TextField(blank=True)
    adopted_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["council", "-number"]
        constraints = [models.UniqueConstraint(fields=["council", "number"], name="policy_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("A policy version is never changed: load a new version instead.")
        super().save(*args, **kwargs)


class Clause(models.Model):
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="clauses")
    clause_id = models.CharField(max_length=60)
    section = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200)
    text = models.TextField()
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["policy_version", "position"]
        constraints = [models.UniqueConstraint(fields=["policy_version", "clause_id"], name="clause_id_unique_per_version")]

    def __str__(self) -> str:
        return f"{self.clause_id}: {self.title}"


class ReviewSource(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled review"
    COMPLAINT = "complaint", "Formal complaint (review.complaint)"
    CLERK = "clerk", "Raised by the Clerk"


class PolicyReviewItem(CouncilOwned):
    """Something the next policy review must look at: the clauses concerned and why (review.*).
    Opened by a formal complaint (or the yearly review); complaints about the same clauses link
    to the open item instead of opening another."""

    clauses = models.JSONField(default=list)  # sorted clause ids
    source = models.CharField(max_length=20, choices=ReviewSource.choices)
    complaint = models.ForeignKey("complaints.Complaint", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")  # the complaint that opened it
    complaints = models.ManyToManyField("complaints.Complaint", blank=True, related_name="policy_review_items")
    notes = models.TextField(blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    # The version in force when the item was opened (the one its clause ids belong to), the review
    # date a scheduled item is for, who closed it and the adopted version that closed it, if any.
    policy_version = models.ForeignKey(PolicyVersion, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="review_items")
    due_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_by_version = models.ForeignKey(PolicyVersion, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="closed_review_items")

    class Meta:
        ordering = ["-opened_at", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __str__(self) -> str:
        return f"Policy review item: {', '.join(self.clauses) or 'whole policy'}"
