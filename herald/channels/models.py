from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from herald.councils.models import CouncilOwned


class Platform(models.TextChoices):
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    NEWSFEED = "newsfeed", "Council news feed"
    OTHER = "other", "Other (managed by hand)"


class ApplicationKind(models.TextChoices):
    """Policy scope.applications and scope.discuss."""

    BLOG = "blog", "Blog"
    FORUM = "forum", "Online discussion forum"
    COLLABORATIVE = "collaborative", "Collaborative space"
    MEDIA_SHARING = "media_sharing", "Media sharing service"
    MICRO_BLOGGING = "micro_blogging", "Micro-blogging"
    VIRTUAL_WORLD = "virtual_world", "Virtual world"
    RSS_AGGREGATOR = "rss_aggregator", "RSS aggregation service"
    OTHER = "other", "Other"


# Kinds the policy says must be discussed with the Clerk (scope.discuss): never skip approval.
DISCUSS_WITH_CLERK = frozenset({ApplicationKind.VIRTUAL_WORLD, ApplicationKind.RSS_AGGREGATOR})


class Use(models.TextChoices):
    COUNCIL_SERVICE = "council_service", "Part of a Council service (official)"
    NON_COUNCIL = "non_council", "Not related to Council services"


class Audience(models.TextChoices):
    GENERAL = "general", "General public"
    CHILDREN = "children", "Children or young people"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    CLOSED = "closed", "Closed"


class LogoUse(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    USES_LOGO = "uses_logo", "Uses the Council's logo"
    NO_LOGO = "no_logo", "Does not use the Council's logo"


class Channel(CouncilOwned):
    """A social networking application the Council (or a representative for it) uses."""

    name = models.CharField(max_length=120)
    platform = models.CharField(max_length=20, choices=Platform.choices)
    kind = models.CharField(max_length=20, choices=ApplicationKind.choices)
    use = models.CharField(max_length=20, choices=Use.choices, default=Use.COUNCIL_SERVICE)
    purpose = models.TextField()
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.GENERAL)
    handle = models.CharField(max_length=200, blank=True)
    account_email = models.EmailField(blank=True)
    service_url = models.URLField(blank=True, help_text="The platform's server, e.g. https://bsky.social")
    owner = models.ForeignKey("people.Representative", on_delete=models.PROTECT, related_name="owned_channels")
    representatives = models.ManyToManyField("people.Representative", related_name="channels", blank=True)
    logo_use = models.CharField(max_length=20, choices=LogoUse.choices, blank=True, default="")
    complaints_info_confirmed_at = models.DateTimeField(null=True, blank=True)
    credentials = models.TextField(blank=True)  # encrypted (herald.channels.crypto); never shown
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="channel_name_unique_per_council"),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "active", "suspended"]) | Q(approved_at__isnull=False)
                | Q(use="non_council"),
                name="channel_in_use_was_approved"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def official(self) -> bool:
        return self.use == Use.COUNCIL_SERVICE

    @property
    def needs_approval(self) -> bool:
        return self.official or self.kind in DISCUSS_WITH_CLERK


class ComplianceCheck(CouncilOwned):
    """One run of the identification checklist (policy ident.1 to ident.4) on a channel."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="checks")
    run_at = models.DateTimeField()
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    passed = models.BooleanField()
    results = models.JSONField()  # [{"clause": "ident.1", "ok": true|false|null, "message": "..."}]

    class Meta:
        ordering = ["-run_at"]
        get_latest_by = "run_at"


class NewsItem(CouncilOwned):
    """A post on the council's own news feed (the council "blog" channel)."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="news_items")
    idempotency_key = models.CharField(max_length=200)
    text = models.TextField()
    published_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["channel", "idempotency_key"], name="news_item_once")]
