from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.councils.models import Council
from herald.policy.diff import policy_diff
from herald.policy.document import PolicyDocument, PolicyFileError, parse_policy
from herald.policy.models import Clause, PolicyReviewItem, PolicyVersion, ReviewSource
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
    version = _create_version(acting_user=acting_user, council=council, document=document,
                              adopted_on=document.adopted_on, review_due=document.review_due)
    number = version.number
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_VERSION_LOADED, target=version,
                 before={"version": current.number if current else None},
                 after={"version": number, "content_hash": document.content_hash,
                        "review_due": document.review_due, "clauses": len(document.clauses)})
    return PolicyLoadResult(version, created=True)


def _create_version(*, acting_user, council: Council, document: PolicyDocument, adopted_on, review_due,
                    minute_reference: str = "", decision: str = "", adopted_by=None) -> PolicyVersion:
    """The new immutable version and its clauses, made the council's current one (caller holds the lock)."""
    number = (PolicyVersion.objects.filter(council=council).order_by("-number")
              .values_list("number", flat=True).first() or 0) + 1
    version = PolicyVersion(council=council, number=number, title=document.title, adopted_on=adopted_on,
                            review_due=review_due, source_yaml=document.source_text,
                            content_hash=document.content_hash, settings=document.settings,
                            loaded_at=clock.now(), loaded_by=acting_user, minute_reference=minute_reference,
                            decision=decision, adopted_by=adopted_by)
    version.full_clean()
    version.save()
    Clause.objects.bulk_create(
        Clause(policy_version=version, clause_id=c.id, section=c.section, title=c.title, text=c.text, position=i)
        for i, c in enumerate(document.clauses)
    )
    Council.objects.filter(pk=council.pk).update(active_policy=version)
    council.active_policy = version
    return version


@dataclass(frozen=True)
class ReviewItemResult:
    item: PolicyReviewItem
    created: bool


@transaction.atomic
def policy_review_item_raise(*, acting_user, council: Council, clauses: list[str], source: str = ReviewSource.COMPLAINT,
                             complaint=None, notes: str = "") -> ReviewItemResult:
    """Open a policy review item for the clauses concerned (review.complaint), or link the complaint
    to the open item for the same clauses. Clause ids must exist in the current policy."""
    from herald.core.errors import ValidationFailed

    wanted = sorted(set(c.strip() for c in clauses if c and c.strip()))
    if not wanted:
        raise ValidationFailed("Choose at least one clause of the policy that the complaint concerns.",
                               field="clauses")
    if source not in ReviewSource.values:
        raise ValidationFailed(f"Unknown source {source!r}.")
    version = council.active_policy
    known = set(version.clauses.values_list("clause_id", flat=True)) if version else set()
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValidationFailed(f"The policy has no clause {', '.join(unknown)}.", field="clauses")
    council = Council.objects.select_for_update().get(pk=council.pk)
    item = next((i for i in PolicyReviewItem.objects.filter(council=council, closed_at__isnull=True)
                 if sorted(i.clauses) == wanted), None)  # JSON equality differs between databases
    if item is not None:
        if complaint is not None and not item.complaints.filter(pk=complaint.pk).exists():
            item.complaints.add(complaint)
            audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_LINKED,
                         target=item, data={"clauses": wanted, "complaint": complaint.reference})
        return ReviewItemResult(item, created=False)
    item = PolicyReviewItem.objects.create(council=council, clauses=wanted, source=source, complaint=complaint,
                                           notes=(notes or "").strip(), opened_at=clock.now(),
                                           policy_version_id=council.active_policy_id)
    if complaint is not None:
        item.complaints.add(complaint)
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_RAISED, target=item,
                 data={"clauses": wanted, "source": source,
                       "complaint": complaint.reference if complaint is not None else None})
    return ReviewItemResult(item, created=True)


# --- the review cycle (review.yearly, review.complaint): items, adopting a new version ---------------

MAX_YAML = 500_000  # characters
SCHEDULE_LEAD_DAYS = 60  # a scheduled review item opens this many days before the review is due


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month when that month is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def policy_document_check(*, text: str, source: str = "the policy") -> PolicyDocument:
    """Parse a policy YAML document given on the web; a PolicyFileError becomes a ValidationFailed
    whose message names the line ("Line 12: ..."). Nothing is written."""
    text = (text or "").replace("\r\n", "\n")
    if not text.strip():
        raise ValidationFailed("Paste the policy YAML or choose a file.", field="text")
    if len(text) > MAX_YAML:
        raise ValidationFailed(f"The policy must be {MAX_YAML:,} characters or fewer.", field="text")
    try:
        return parse_policy(text, source=source)
    except PolicyFileError as exc:
        where = f"Line {exc.line}: " if exc.line else ""
        raise ValidationFailed(f"{where}{exc.message}", field="text", details={"line": exc.line}) from None


def _clean_clauses(council: Council, clauses, *, required: bool) -> list[str]:
    wanted = sorted({str(c).strip() for c in (clauses or []) if c and str(c).strip()})
    if required and not wanted:
        raise ValidationFailed("Choose at least one clause of the policy.", field="clauses")
    version = council.active_policy
    known = set(version.clauses.values_list("clause_id", flat=True)) if version else set()
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValidationFailed(f"The current policy has no clause {', '.join(unknown)}.", field="clauses")
    return wanted


def _clean_text(value: str, *, limit: int, field: str, missing: str | None = None) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if missing and not value:
        raise ValidationFailed(missing, field=field)
    if len(value) > limit:
        raise ValidationFailed(f"This must be {limit:,} characters or fewer.", field=field)
    return value


def _lock_item(item: PolicyReviewItem) -> PolicyReviewItem:
    return PolicyReviewItem.objects.select_for_update().select_related("council").get(pk=item.pk)


@transaction.atomic
def policy_review_item_create(*, acting_user, council: Council, clauses: list[str], notes: str,
                              source: str = ReviewSource.CLERK, due_on: dt.date | None = None) -> PolicyReviewItem:
    """Open a review item: something the next review must look at. No clauses means the whole policy."""
    if source not in (ReviewSource.CLERK, ReviewSource.SCHEDULED):
        raise ValidationFailed("Items from complaints are opened by the complaint.", field="source")
    if council.active_policy_id is None:
        raise Conflict("The council has no policy loaded yet.")
    wanted = _clean_clauses(council, clauses, required=False)
    notes = _clean_text(notes, limit=5000, field="notes",
                        missing="Say what the review should look at." if source == ReviewSource.CLERK else None)
    council = Council.objects.select_for_update().get(pk=council.pk)
    item = PolicyReviewItem.objects.create(council=council, clauses=wanted, source=source, notes=notes,
                                           opened_at=clock.now(), policy_version_id=council.active_policy_id,
                                           due_on=due_on)
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_RAISED, target=item,
                 data={"clauses": wanted, "source": source, "complaint": None,
                       "due_on": due_on.isoformat() if due_on else None})
    return item


@transaction.atomic
def policy_review_item_update(*, acting_user, item: PolicyReviewItem, clauses: list[str], notes: str) -> PolicyReviewItem:
    """Change an open item's clauses and notes (what the review is looking at and found so far)."""
    item = _lock_item(item)
    if item.closed_at is not None:
        raise Conflict("This review item is closed: open a new one instead.")
    wanted = _clean_clauses(item.council, clauses, required=item.source == ReviewSource.COMPLAINT)
    notes = _clean_text(notes, limit=5000, field="notes")
    before = {"clauses": item.clauses, "notes": item.notes}
    if before == {"clauses": wanted, "notes": notes}:
        return item
    item.clauses, item.notes = wanted, notes
    item.save(update_fields=["clauses", "notes"])
    audit_record(council=item.council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_UPDATED,
                 target=item, before=before, after={"clauses": wanted, "notes": notes})
    return item


def _close(*, acting_user, item: PolicyReviewItem, outcome: str, version: PolicyVersion | None = None) -> None:
    item.closed_at, item.closed_by, item.outcome, item.closed_by_version = clock.now(), acting_user, outcome, version
    item.save(update_fields=["closed_at", "closed_by", "outcome", "closed_by_version"])
    audit_record(council=item.council, actor=acting_user, event_type=EventType.POLICY_REVIEW_ITEM_CLOSED,
                 target=item, data={"clauses": item.clauses, "outcome": outcome,
                                    "version": version.number if version else None})


@transaction.atomic
def policy_review_item_close(*, acting_user, item: PolicyReviewItem, outcome: str) -> PolicyReviewItem:
    """Close an item with its outcome (for example "No change needed: the clause is clear")."""
    item = _lock_item(item)
    if item.closed_at is not None:
        raise Conflict("This review item is already closed.")
    outcome = _clean_text(outcome, limit=5000, field="outcome", missing="Enter the outcome of the review.")
    _close(acting_user=acting_user, item=item, outcome=outcome)
    return item


def policy_review_schedule(*, acting_user=None, today: dt.date | None = None,
                           lead_days: int = SCHEDULE_LEAD_DAYS) -> int:
    """Open the scheduled review item (review.yearly) for every council whose review is due within
    `lead_days` (or overdue) and has none open for its current version. Run by `herald nightly`;
    running it again opens nothing new. Returns how many items were opened."""
    today = today or clock.today_in_london()
    opened = 0
    due = (Council.objects.filter(active_policy__isnull=False,
                                  active_policy__review_due__lte=today + dt.timedelta(days=lead_days))
           .select_related("active_policy"))
    for council in due:
        with transaction.atomic():
            council = Council.objects.select_for_update().get(pk=council.pk)
            version = council.active_policy
            if PolicyReviewItem.objects.filter(council=council, source=ReviewSource.SCHEDULED,
                                               policy_version=version).exists():
                continue
            clauses = ["review.yearly"] if version.clauses.filter(clause_id="review.yearly").exists() else []
            policy_review_item_create(
                acting_user=acting_user, council=council, clauses=clauses, source=ReviewSource.SCHEDULED,
                due_on=version.review_due,
                notes=f"The policy is reviewed every {version.settings.get('review_interval_months', 12)} months. "
                      f"Version {version.number}'s review is due on {clock.format_date(version.review_due)}.")
            opened += 1
    return opened


@transaction.atomic
def policy_version_adopt(*, acting_user, council: Council, text: str, adopted_on: dt.date | None,
                         minute_reference: str, decision: str = "", review_due: dt.date | None = None,
                         close_items: list[int] | tuple[int, ...] = (), expected_version: int | None = None,
                         today: dt.date | None = None) -> PolicyVersion:
    """Adopt a new version of the council's policy, as decided at a meeting.

    The YAML is validated first (a ValidationFailed naming the line; nothing written). The new
    version records the decision date, minute reference and who adopted it; its review is due
    `review_due` or, by default, `review_interval_months` after the decision. The review items
    chosen are closed by it. Every active representative is emailed and must acknowledge the new
    version before they next publish. Earlier screening runs, review items and acknowledgements
    keep the version they used. `expected_version` (the version the Clerk compared against)
    refuses the adoption when another version was loaded in between."""
    today = today or clock.today_in_london()
    document = policy_document_check(text=text)
    minute_reference = _clean_text(minute_reference, limit=200, field="minute_reference",
                                   missing="Enter the minute reference of the decision, like Minute 23/045.")
    decision = _clean_text(decision, limit=5000, field="decision")
    if adopted_on is None:
        raise ValidationFailed("Enter the date the council decided to adopt it.", field="adopted_on")
    if adopted_on > today:
        raise ValidationFailed("The decision date must be today or in the past.", field="adopted_on")
    interval = document.settings.get("review_interval_months", 12)
    review_due = review_due or add_months(adopted_on, interval)
    if review_due <= adopted_on:
        raise ValidationFailed("The review due date must be after the decision date.", field="review_due")
    caller, council = council, Council.objects.select_for_update().get(pk=council.pk)
    current = council.active_policy
    if expected_version is not None and (current.number if current else 0) != expected_version:
        raise Conflict("Another version of the policy was loaded since you compared them. Compare again before "
                       "adopting.", details={"stale": True})
    if current is not None and current.content_hash == document.content_hash:
        raise Conflict("This is the same as the current version: there is nothing new to adopt.", field="text")
    try:
        item_ids = sorted({int(i) for i in close_items})
    except (TypeError, ValueError):
        raise ValidationFailed("Choose only open review items of this council.", field="close_items") from None
    items = list(PolicyReviewItem.objects.select_for_update().filter(council=council, pk__in=item_ids))
    if len(items) != len(item_ids) or any(i.closed_at is not None for i in items):
        raise ValidationFailed("Choose only open review items of this council.", field="close_items")
    diff = policy_diff(current.clauses.all() if current else [], document.clauses,
                       old_settings=current.settings if current else None, new_settings=document.settings)
    version = _create_version(acting_user=acting_user, council=council, document=document, adopted_on=adopted_on,
                              review_due=review_due, minute_reference=minute_reference, decision=decision,
                              adopted_by=acting_user)
    audit_record(council=council, actor=acting_user, event_type=EventType.POLICY_VERSION_ADOPTED, target=version,
                 before={"version": current.number if current else None},
                 after={"version": version.number, "content_hash": document.content_hash,
                        "adopted_on": adopted_on, "review_due": review_due, "clauses": len(document.clauses)},
                 data={"minute_reference": minute_reference,
                       "changed": [c.clause_id for c in diff.changed], "added": [c.clause_id for c in diff.added],
                       "removed": [c.clause_id for c in diff.removed], "settings": list(diff.settings_changed),
                       "closes": [i.pk for i in items]})
    for item in items:
        _close(acting_user=acting_user, item=item, version=version,
               outcome=f"Closed by adopting version {version.number} ({minute_reference}).")
    from herald.policy.notify import ask_to_acknowledge

    ask_to_acknowledge(version)
    caller.active_policy = version  # keep the caller's object current
    return version
