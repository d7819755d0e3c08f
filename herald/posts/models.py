"""Posts and their history: screening runs with findings, approvals, publications per channel
(with every attempt), takedowns and pre-election exceptions.

Written only by herald.posts.services. Nothing here is deleted: the archive reads it all.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from herald.core.storage import PrivateStorage
from herald.councils.models import CouncilOwned


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "Waiting for the Clerk"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    CHANGES_REQUESTED = "changes_requested", "Changes asked for"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Publication failed"
    REMOVED = "removed", "Removed"


#: States in which the author may still change the text (editing a scheduled post resets its approval).
EDITABLE = frozenset({State.DRAFT, State.CHANGES_REQUESTED, State.APPROVED, State.SCHEDULED})


class Verdict(models.TextChoices):
    PASS = "pass", "Pass"
    REVIEW = "review", "Needs the Clerk's review"
    BLOCK = "block", "Blocked"


class Post(CouncilOwned):
    author = models.ForeignKey("people.Representative", on_delete=models.PROTECT, related_name="posts")
    channels = models.ManyToManyField("channels.Channel", related_name="posts", blank=True)
    text = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(default=1)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)  # of the latest screening run
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    override_requested = models.BooleanField(default=False)
    override_version = models.PositiveIntegerField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    override_at = models.DateTimeField(null=True, blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    #: When the retention rules purged its text, screening texts and images (herald.records.retention).
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["council", "state", "updated_at"], name="post_council_state")]
        constraints = [
            models.CheckConstraint(condition=~Q(state__in=["approved", "scheduled", "published"])
                                   | Q(approved_version__isnull=False), name="post_released_was_approved"),
            models.CheckConstraint(condition=~Q(state="removed") | Q(removed_at__isnull=False),
                                   name="post_removed_has_time"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return f"Post {self.pk}: {text[:60]}{'…' if len(text) > 60 else ''}"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE

    @property
    def override_current(self) -> bool:
        return self.override_version is not None and self.override_version == self.version


class ScreeningRun(CouncilOwned):
    """One screening of one version of a post's text against one policy version."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="screening_runs")
    post_version = models.PositiveIntegerField()
    policy_version = models.ForeignKey("policy.PolicyVersion", null=True, on_delete=models.PROTECT, related_name="+")
    engine_version = models.CharField(max_length=40)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    text = models.TextField()  # the version screened: the archive shows every version's words
    text_hash = models.CharField(max_length=64)
    #: The attached images' details as screened: [{id, filename, media_type, rights, credit, depicts_children,
    #: consent_recorded}].
    attachments = models.JSONField(default=list, blank=True)
    pre_election = models.BooleanField(default=False)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = ["at", "pk"]


class Rights(models.TextChoices):
    """Who may publish an image: the screening engine's rights declarations (herald.screening.context.RIGHTS)."""

    OWN_WORK = "own_work", "Own work (yours or the Council's)"
    LICENSED = "licensed", "Licensed (for example a stock photo licence)"
    PERMISSION = "permission", "Used with the owner's permission"
    PUBLIC_DOMAIN = "public_domain", "Public domain"


_storage = PrivateStorage("attachments")  # served by the view posts:post-attachment-file


def attachment_storage() -> PrivateStorage:
    return _storage


def attachment_path(instance: "Attachment", filename: str) -> str:
    extension = os.path.splitext(filename)[1].lower()
    return f"{instance.council_id}/{uuid.uuid4().hex}{extension}"


class Attachment(CouncilOwned):
    """An image attached to a post: the stored file (metadata stripped) and what the author
    declared about it. Removing it from a post keeps the record (`removed_at`)."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=attachment_storage, upload_to=attachment_path, max_length=200, blank=True)
    filename = models.CharField(max_length=120)  # the original name, sanitised
    media_type = models.CharField(max_length=40)  # detected from the content, never from the name
    size = models.PositiveIntegerField()  # of the stored file
    sha256 = models.CharField(max_length=64)  # of the stored file
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.TextField()
    rights = models.CharField(max_length=20, choices=Rights.choices, blank=True)  # "": not declared
    credit = models.CharField(max_length=300, blank=True)
    depicts_children = models.BooleanField(default=False)
    consent_recorded = models.BooleanField(default=False)
    consent_reference = models.CharField(max_length=300, blank=True)  # who holds the consent form, or its reference
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["post", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="attachment_has_alt_text"),
            models.CheckConstraint(condition=Q(consent_recorded=False) | ~Q(consent_reference=""),
                                   name="attachment_consent_has_reference"),
            models.CheckConstraint(condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
                                   name="attachment_removed_has_actor"),
        ]

    def __str__(self) -> str:
        return f"Image {self.filename} on post {self.post_id}"

    @property
    def thumb_size(self) -> tuple[int, int]:
        """Width and height to show it at, at most 240 pixels either way."""
        scale = min(1.0, 240 / max(self.width or 1, self.height or 1))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    @property
    def thumb_width(self) -> int:
        return self.thumb_size[0]

    @property
    def thumb_height(self) -> int:
        return self.thumb_size[1]


class Finding(models.Model):
    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="findings")
    rule_id = models.CharField(max_length=100)
    clause_id = models.CharField(max_length=60, db_index=True)
    category = models.CharField(max_length=40)
    severity = models.CharField(max_length=10)
    score = models.FloatField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    message = models.TextField()

    class Meta:
        ordering = ["run", "start", "pk"]


class Decision(models.TextChoices):
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"
    CHANGES = "changes", "Changes asked for"


class Approval(CouncilOwned):
    """The Clerk's decision on one version of a post."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="approvals")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField(blank=True)
    post_version = models.PositiveIntegerField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "pk"]


class PublicationState(models.TextChoices):
    PENDING = "pending", "Waiting to publish"
    PUBLISHING = "publishing", "Publishing"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"
    REMOVED = "removed", "Removed"
    HELD = "held", "Held for the pre-election period"


class Publication(CouncilOwned):
    """A post on one channel. The idempotency key (`publication-<pk>`) makes every retry safe."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="publications")
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="publications")
    idempotency_key = models.CharField(max_length=128, unique=True)
    state = models.CharField(max_length=20, choices=PublicationState.choices, default=PublicationState.PENDING)
    not_before = models.DateTimeField()
    remote_id = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=500, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error_code = models.CharField(max_length=40, blank=True)
    last_error_message = models.TextField(blank=True)
    held_until = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["post", "channel__name"]
        constraints = [
            models.UniqueConstraint(fields=["post", "channel"], name="publication_once_per_channel"),
            models.CheckConstraint(condition=~Q(state="published") | ~Q(remote_id=""),
                                   name="publication_published_has_remote_id"),
        ]

    def __str__(self) -> str:
        return f"Post {self.post_id} on {self.channel}"


class PublicationAttempt(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)  # published | replayed | error ("" while running)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)

    class Meta:
        ordering = ["publication", "number"]
        constraints = [models.UniqueConstraint(fields=["publication", "number"], name="attempt_number_unique")]


class Takedown(CouncilOwned):
    """The Clerk removed a publication from its platform (enforce.closure). The record stays."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="takedowns")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField()
    outcome = models.CharField(max_length=20)  # removed | already_gone | withdrawn

    class Meta:
        ordering = ["at", "pk"]


class ExceptionCategory(models.TextChoices):
    FACTUAL_ELECTION_INFORMATION = "factual_election_information", "Factual election information"
    EMERGENCY_PUBLIC_SAFETY = "emergency_public_safety", "Emergency or public safety information"
    STATUTORY_NOTICE = "statutory_notice", "Statutory notice or consultation"
    CORRECTING_INACCURACY = "correcting_inaccuracy", "Correcting an inaccuracy"


class PreElectionException(CouncilOwned):
    """The Clerk confirms that a post may go out on official channels during a pre-election period
    (policy clause `elections`; DOMAIN.md §1 'Allowed'). The period's span is kept as it was then:
    periods are rebuilt when the register changes."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="pre_election_exceptions")
    category = models.CharField(max_length=40, choices=ExceptionCategory.choices)
    reason = models.TextField()
    election = models.ForeignKey("elections.Election", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    period_starts_at = models.DateTimeField()
    period_ends_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["confirmed_at", "pk"]
