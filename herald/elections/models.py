"""The Elections register and the pre-election periods derived from it (policy clause `elections`).

An `Election` is what the Clerk enters. Each election's own period ([start, end) as aware
datetimes, computed by `herald.elections.timetable`) is stored on it; `PreElectionPeriod`
rows are the council's periods of closure, made by merging the elections' periods that overlap
or touch. Both are written only by `herald.elections.services`, which rebuilds the periods in
the same transaction as every change to the register; enforcement on posts (issue 4, part 3)
queries `PreElectionPeriod` by time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from herald.councils.models import CouncilOwned
from herald.elections.timetable import ElectionKind as TimetableKind
from herald.elections.timetable import long_date


class Kind(models.TextChoices):
    LOCAL = "local", "Scheduled local election"
    BY_ELECTION = "by_election", "By-election"
    GENERAL = "general", "UK Parliamentary general election"
    REFERENDUM = "referendum", "Neighbourhood planning referendum"


#: Which statutory timetable each kind follows (a by-election follows the local election rules).
TIMETABLE_KIND = {
    Kind.LOCAL: TimetableKind.LOCAL,
    Kind.BY_ELECTION: TimetableKind.LOCAL,
    Kind.GENERAL: TimetableKind.GENERAL,
    Kind.REFERENDUM: TimetableKind.REFERENDUM,
}

#: What the date that starts the period is called, per kind.
START_LABEL = {
    Kind.LOCAL: "notice of election",
    Kind.BY_ELECTION: "notice of election",
    Kind.GENERAL: "dissolution of Parliament",
    Kind.REFERENDUM: "start of the referendum period",
}


class Status(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class PreElectionPeriod(CouncilOwned):
    """A span of time in which pre-election rules apply to the council's official channels.

    Derived: one row per group of elections whose periods overlap or touch (merged), rebuilt by
    the election services. `starts_at` is inclusive, `ends_at` exclusive (close of poll).
    `sequence` goes up each time the span moves, for calendar clients (iCalendar SEQUENCE).
    """

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["council", "starts_at", "ends_at"], name="period_council_span")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Pre-election period {long_date(self.starts_at_london.date())} to {long_date(self.ends_at_london.date())}"

    @property
    def starts_at_london(self):
        from herald.core.clock import LONDON

        return self.starts_at.astimezone(LONDON)

    @property
    def ends_at_london(self):
        from herald.core.clock import LONDON

        return self.ends_at.astimezone(LONDON)

    @property
    def covers_all_channels(self) -> bool:
        return any(e.all_channels for e in self.elections.all())

    def closes(self, channel, at) -> bool:
        """Whether this period closes `channel` at `at`: an official channel within the span of a
        scheduled election that affects it (its own span, not the merged one)."""
        if not channel.official or not self.starts_at <= at < self.ends_at:
            return False
        return any(e.status == Status.SCHEDULED and e.period_starts_at <= at < e.period_ends_at
                   and e.affects(channel) for e in self.elections.all())


class Election(CouncilOwned):
    """One poll in the Elections register, entered by the Clerk.

    `notice_date` is the date the returning officer actually published the notice of election
    (for a referendum: the start of the referendum period); `dissolution_date` the date
    Parliament was dissolved (general elections only). When the relevant date is empty the
    period starts on the statutory latest date (`statutory_start`), shown as computed.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    polling_day = models.DateField()
    notice_date = models.DateField(null=True, blank=True)
    dissolution_date = models.DateField(null=True, blank=True)
    area = models.CharField(max_length=200, blank=True, help_text="Ward, parish or constituency.")
    description = models.TextField(blank=True)
    candidates = models.JSONField(default=list, blank=True)
    # Which official channels the election's period closes: every one (including channels added
    # later) when `all_channels`, otherwise those in `channels`.
    all_channels = models.BooleanField(default=True)
    channels = models.ManyToManyField("channels.Channel", blank=True, related_name="elections")

    # The election's own period, computed by herald.elections.timetable and stored.
    statutory_start = models.DateField()
    period_starts_at = models.DateTimeField()
    period_ends_at = models.DateTimeField()
    period = models.ForeignKey(PreElectionPeriod, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="elections")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    cancel_reason = models.TextField(blank=True)
    members_notified_at = models.DateTimeField(null=True, blank=True)

    def affects(self, channel) -> bool:
        return channel.official and (self.all_channels or any(c.pk == channel.pk for c in self.channels.all()))

    @property
    def channels_text(self) -> str:
        if self.all_channels:
            return "All official channels"
        return ", ".join(c.name for c in self.channels.all()) or "No channels"

    class Meta:
        ordering = ["polling_day", "pk"]
        indexes = [models.Index(fields=["council", "status", "polling_day"], name="election_council_poll")]
        constraints = [
            models.CheckConstraint(condition=Q(period_ends_at__gt=F("period_starts_at")),
                                   name="election_period_ends_after_start"),
            models.CheckConstraint(condition=Q(notice_date__isnull=True) | Q(notice_date__lte=F("polling_day")),
                                   name="election_notice_not_after_poll"),
            models.CheckConstraint(
                condition=Q(dissolution_date__isnull=True) | Q(kind="general", dissolution_date__lte=F("polling_day")),
                name="election_dissolution_general_only"),
            models.CheckConstraint(
                condition=Q(status="scheduled", cancelled_at__isnull=True)
                | Q(status="cancelled", cancelled_at__isnull=False),
                name="election_cancelled_has_time"),
        ]

    def __str__(self) -> str:
        where = f" ({self.area})" if self.area else ""
        return f"{self.get_kind_display()}{where}, {long_date(self.polling_day)}"

    @property
    def start_date(self):
        """The entered date that starts the period, or None when it is computed."""
        return self.dissolution_date if self.kind == Kind.GENERAL else self.notice_date

    @property
    def start_is_computed(self) -> bool:
        return self.start_date is None

    @property
    def start_label(self) -> str:
        return START_LABEL[Kind(self.kind)]

    @property
    def period_start_date(self):
        return self.start_date or self.statutory_start

    @property
    def cancelled(self) -> bool:
        return self.status == Status.CANCELLED
