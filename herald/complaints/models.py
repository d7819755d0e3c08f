"""Complaints (policy enforce.*, ident.2, review.complaint; DOMAIN.md section 2).

A resident's `Complaint` opens one `Case`: a timeline of `CaseAction`s (public, staff or
internal), deadlines in working days, a `Decision`, `EnforcementAction`s taken on an upheld
complaint, and at most one `Appeal` (the internal review). Written only by
herald.complaints.services. Nothing here is deleted.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from herald.core.storage import PrivateStorage
from herald.councils.models import CouncilOwned

MAX_TEXT = 5000


class About(models.TextChoices):
    POST = "post", "Something the council published (a post)"
    CHANNEL = "channel", "One of the council's social media channels"
    REPRESENTATIVE = "representative", "How a councillor, member of staff or volunteer behaved online"
    OTHER = "other", "Something else about the council's social media"


class Complaint(CouncilOwned):
    """What the resident sent, as they sent it."""

    reference = models.CharField(max_length=30)
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    confidential = models.BooleanField(default=False)
    about = models.CharField(max_length=20, choices=About.choices)
    about_clerk = models.BooleanField(default=False)  # the resident says it is about the Clerk
    about_detail = models.CharField(max_length=500, blank=True)  # which post / who, in their words
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints")
    channel = models.ForeignKey("channels.Channel", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="complaints")
    representative = models.ForeignKey("people.Representative", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="complaints")
    text = models.TextField()
    text_hash = models.CharField(max_length=64, db_index=True)  # email + normalised text: duplicates
    received_at = models.DateTimeField()
    source_ip_hash = models.CharField(max_length=64, blank=True, db_index=True)  # rate limit; never the address
    #: When the retention rules removed the complainant's details and the file's free text (herald.records.retention).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["council", "year", "number"], name="complaint_number_unique"),
                       models.UniqueConstraint(fields=["council", "reference"], name="complaint_reference_unique")]

    def __str__(self) -> str:
        return f"Complaint {self.reference}"


class Handler(models.TextChoices):
    CLERK = "clerk", "The Clerk"
    CHAIR = "chair", "The Chair (the complaint concerns the Clerk)"


class Route(models.TextChoices):
    STANDARD = "standard", "Council complaints procedure"
    MONITORING_OFFICER = "monitoring_officer", "A Member's conduct: referred to the Monitoring Officer"
    EMPLOYMENT = "employment", "A member of staff's conduct: employment matter (Disciplinary Policy)"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    DECIDED = "decided", "Decided"
    APPEALED = "appealed", "Under review (appeal)"
    CLOSED = "closed", "Closed"


class Case(CouncilOwned):
    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="case")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    handler = models.CharField(max_length=10, choices=Handler.choices, default=Handler.CLERK)
    assigned_to = models.ForeignKey("people.Representative", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="assigned_cases")
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.STANDARD)
    opened_at = models.DateTimeField()
    acknowledge_by = models.DateField()
    respond_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    subject_told_at = models.DateTimeField(null=True, blank=True)
    subject_responded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    appeal_by = models.DateField(null=True, blank=True)  # last day to ask for a review
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["council", "status"], name="case_council_status")]
        constraints = [
            models.CheckConstraint(condition=Q(status="open") | Q(decided_at__isnull=False),
                                   name="case_past_open_was_decided"),
            models.CheckConstraint(condition=~Q(status="closed") | Q(closed_at__isnull=False),
                                   name="case_closed_has_time"),
        ]

    def __str__(self) -> str:
        return f"Case {self.complaint.reference}"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: the complainant sees it"
    STAFF = "staff", "Staff handling the case"
    INTERNAL = "internal", "Internal record"


class ActionKind(models.TextChoices):
    RECEIVED = "received", "Complaint received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ROUTED = "routed", "Routed"
    NOTE = "note", "Note"
    REFERRED = "referred", "Referral recorded"
    SUBJECT_TOLD = "subject_told", "Person complained about told"
    SUBJECT_RESPONDED = "subject_responded", "Response from the person complained about"
    DECIDED = "decided", "Decision"
    ENFORCEMENT = "enforcement", "Action taken"
    ENFORCEMENT_REVERSED = "enforcement_reversed", "Action reversed"
    APPEAL_REQUESTED = "appeal_requested", "Review asked for"
    APPEAL_DECIDED = "appeal_decided", "Review decided"
    CLOSED = "closed", "Case closed"
    HOLD = "hold", "Legal hold"
    POLICY_REVIEW = "policy_review", "Policy review"


class CaseAction(CouncilOwned):
    """One entry in a case's timeline."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=30, choices=ActionKind.choices)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.STAFF)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    by_label = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]


_case_file_storage = PrivateStorage("complaints")  # served by the view complaints:complaint-file


def case_file_storage() -> PrivateStorage:
    return _case_file_storage


def case_file_path(instance: "CaseFile", filename: str) -> str:
    return f"{instance.council_id}/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class CaseFile(CouncilOwned):
    """A file added to a case with a note (a screenshot, a letter, an email): kept as it was sent
    (its SHA-256 recorded), for the people who can see the case, never for the complainant.
    The retention rules delete the file with the rest of the complaint's personal data (`deleted_at`)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="files")
    action = models.OneToOneField(CaseAction, on_delete=models.PROTECT, related_name="file")
    file = models.FileField(storage=case_file_storage, upload_to=case_file_path, max_length=200, blank=True)
    filename = models.CharField(max_length=120)
    media_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def kind(self) -> str:
        """What the file is, in words: "PDF", "PNG image", "text"."""
        return {"application/pdf": "PDF", "text/plain": "text"}.get(
            self.media_type, f"{self.media_type.split('/')[-1].upper()} image")


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Decision(CouncilOwned):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.TextField()
    clauses = models.JSONField(default=list)  # policy clause ids concerned
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()


class EnforcementKind(models.TextChoices):
    REMOVAL = "removal", "Remove the post"
    SUSPENSION = "suspension", "Suspend publishing rights"
    CLOSURE = "closure", "Close the channel"
    REFERRAL_DISCIPLINARY = "referral_disciplinary", "Refer under the Disciplinary Policy"
    REFERRAL_MONITORING_OFFICER = "referral_monitoring_officer", "Refer to the Monitoring Officer"


class EnforcementAction(CouncilOwned):
    """What was done about an upheld complaint (policy enforce.breach, enforce.closure, enforce.misconduct)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="enforcement_actions")
    kind = models.CharField(max_length=40, choices=EnforcementKind.choices)
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey("channels.Channel", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    representative = models.ForeignKey("people.Representative", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    suspension = models.ForeignKey("people.Suspension", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    details = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reversal_note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "The decision stands"
    OVERTURNED = "overturned", "The decision is overturned"


class Appeal(CouncilOwned):
    """The one internal review of a decision (the last stage: the Ombudsman cannot look at town councils)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="appeal")
    grounds = models.TextField()
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # None: the complainant, on the status page
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(decided_at__isnull=True) | ~Q(outcome=""),
                                              name="appeal_decided_has_outcome")]
