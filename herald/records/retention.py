"""Retention: purge or anonymise records past their retention period, never anything under a legal hold.

Rules come from the council's policy YAML (`settings.retention`, defaults from DOMAIN.md section 3;
docs/retention.md). `retention_report` is the dry run: what the next run would do, per record type,
and what a legal hold keeps (and why). `retention_run` does it: each record in its own transaction,
locked, its holds checked inside that transaction, one audit event per record purged. A run that is
interrupted leaves every record either fully done or untouched; running again finishes the job
(records already done are not selected again). Image files are deleted only after the database
commit (`transaction.on_commit`); a file whose deletion failed is found by the orphan sweep.

A hold covers more than its target: a hold on a post, one of its publications, its author or one
of its channels keeps the post; a hold on a complaint or its case keeps the complaint file; a hold
on a person keeps their posts, API tokens and sign-in attempts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from typing import Callable

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q

from herald.core import clock
from herald.core.errors import NotAllowed
from herald.councils.models import Council
from herald.policy.document import DEFAULT_SETTINGS, FOREVER, parse_period
from herald.policy.selectors import council_settings
from herald.records.audit import audit_record
from herald.records.events import EventType
from herald.records.models import LegalHold

log = logging.getLogger(__name__)

#: Orphaned files younger than this are left alone (an upload may not be committed yet).
ORPHAN_GRACE = dt.timedelta(hours=1)
SIGN_IN_BATCH = 500
EXAMPLES = 5
HELD_SHOWN = 50
REMOVED_NOTE = "Removed under the retention rules."


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    action: str  # anonymise | purge | delete
    after: str  # what the period counts from
    removes: str
    keeps: str


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("complaint_files", "Complaint files", "anonymise", "after the case was closed",
               "the complainant's name, email, phone and words; every note, response, decision reason, "
               "action detail and review text in the case, and the files added to it",
               "the reference, dates, what it was about, the route, the outcome and the clauses (for statistics)"),
    RecordType("removed_posts", "Removed posts", "purge", "after the post was taken down",
               "the text, every screened version and finding evidence, decision reasons, publication error "
               "messages and the image files",
               "a skeleton: the post number, author, dates, channels, links, the removal and its reason"),
    RecordType("rejected_posts", "Rejected posts (never published)", "purge", "after the Clerk rejected it",
               "as for removed posts", "as for removed posts"),
    RecordType("stale_drafts", "Drafts never published", "purge",
               "after the last change (drafts, withdrawn posts, lapsed approvals and posts sent back for changes)",
               "as for removed posts", "as for removed posts"),
    RecordType("api_tokens", "Revoked or expired API tokens", "delete", "after it was revoked or expired",
               "the whole token record", "the audit events about it"),
    RecordType("sign_in_attempts", "Sign-in attempts", "delete", "after the attempt",
               "the email address, network address and time", "the audit events about signing in"),
)
TYPES = {t.key: t for t in RECORD_TYPES}
ACTION_WORDS = {"anonymise": "Anonymise", "purge": "Purge", "delete": "Delete"}


# ----- rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    type: RecordType
    period: str  # "6 years" | "forever"

    @property
    def key(self) -> str:
        return self.type.key

    @property
    def label(self) -> str:
        return self.type.label

    @property
    def forever(self) -> bool:
        return self.period == FOREVER

    @property
    def summary(self) -> str:
        if self.forever:
            return "Kept for ever"
        return f"{ACTION_WORDS[self.type.action]} {self.period} {self.type.after}"

    def cutoff(self, at: dt.datetime) -> dt.datetime | None:
        """Records whose clock started at or before this moment are past retention (None: never)."""
        period = parse_period(self.period)
        if period is None:
            return None
        count, unit = period
        return at - relativedelta(**{f"{unit}s": count})


def retention_rules(*, council: Council) -> list[Rule]:
    """The rules in force for the council: its policy's settings over the defaults."""
    configured = dict(DEFAULT_SETTINGS["retention"])
    configured.update((council_settings(council=council) or {}).get("retention") or {})
    return [Rule(t, str(configured.get(t.key, FOREVER))) for t in RECORD_TYPES]


def audit_log_retention(*, council: Council) -> str:
    return ((council_settings(council=council) or {}).get("retention") or {}).get("audit_log", FOREVER)


# ----- what is due --------------------------------------------------------------------------------


def _models():
    from herald.api.models import ApiToken
    from herald.channels.models import Channel
    from herald.complaints.models import Case, CaseStatus, Complaint
    from herald.people.models import Representative, SignInAttempt
    from herald.posts.models import Post, Publication, State

    return {"ApiToken": ApiToken, "Channel": Channel, "Case": Case, "CaseStatus": CaseStatus, "Complaint": Complaint,
            "Representative": Representative, "SignInAttempt": SignInAttempt, "Post": Post,
            "Publication": Publication, "State": State}


def _council_emails(council: Council):
    from herald.people.models import User

    return User.objects.filter(representative__council=council).values("email")


def candidates(key: str, *, council: Council, cutoff: dt.datetime) -> models.QuerySet:
    """Records of one type past retention and not yet done (held ones included)."""
    m = _models()
    State = m["State"]
    if key == "complaint_files":
        return m["Complaint"].objects.filter(council=council, anonymised_at__isnull=True,
                                             case__status=m["CaseStatus"].CLOSED, case__closed_at__lte=cutoff)
    if key == "removed_posts":
        return m["Post"].objects.filter(council=council, purged_at__isnull=True, state=State.REMOVED,
                                        removed_at__lte=cutoff)
    if key == "rejected_posts":
        return m["Post"].objects.filter(council=council, purged_at__isnull=True, state=State.REJECTED,
                                        decided_at__lte=cutoff)
    if key == "stale_drafts":
        return m["Post"].objects.filter(council=council, purged_at__isnull=True,
                                        state__in=[State.DRAFT, State.CHANGES_REQUESTED], published_at__isnull=True,
                                        updated_at__lte=cutoff)
    if key == "api_tokens":
        return m["ApiToken"].objects.filter(Q(revoked_at__lte=cutoff)
                                            | Q(revoked_at__isnull=True, expires_at__lte=cutoff), council=council)
    if key == "sign_in_attempts":
        return m["SignInAttempt"].objects.filter(at__lte=cutoff, email__in=_council_emails(council))
    raise ValueError(key)


def _held_pks(model, council: Council) -> list[int]:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    values = LegalHold.objects.filter(council=council, released_at__isnull=True, target_type=content_type
                                      ).values_list("target_id", flat=True)
    return [int(v) for v in values if str(v).isdigit()]


def held_filter(key: str, *, council: Council) -> Q:
    """The records of this type a hold in force covers (directly or through what they belong to)."""
    m = _models()
    reps = _held_pks(m["Representative"], council)
    if key == "complaint_files":
        return Q(pk__in=_held_pks(m["Complaint"], council)) | Q(case__pk__in=_held_pks(m["Case"], council))
    if key in ("removed_posts", "rejected_posts", "stale_drafts"):
        by_channel = m["Post"].objects.filter(channels__in=_held_pks(m["Channel"], council)).values("pk")
        by_publication = m["Publication"].objects.filter(pk__in=_held_pks(m["Publication"], council)).values("post_id")
        return (Q(pk__in=_held_pks(m["Post"], council)) | Q(author_id__in=reps) | Q(pk__in=by_channel)
                | Q(pk__in=by_publication))
    if key == "api_tokens":
        return Q(pk__in=_held_pks(m["ApiToken"], council)) | Q(representative_id__in=reps)
    if key == "sign_in_attempts":
        from herald.people.models import User

        return Q(email__in=User.objects.filter(representative__in=reps).values("email"))
    raise ValueError(key)


def _holds_on(targets: list[tuple[type[models.Model], object]]) -> list[LegalHold]:
    query = Q(pk__in=[])
    for model, pk in targets:
        if pk is None:
            continue
        query |= Q(target_type=ContentType.objects.get_for_model(model, for_concrete_model=True), target_id=str(pk))
    return list(LegalHold.objects.filter(query, released_at__isnull=True).order_by("placed_at", "pk"))


def hold_reasons(key: str, obj: models.Model) -> list[str]:
    """Why a hold in force keeps this record (empty: nothing holds it). Reads the database now."""
    m = _models()
    if key == "complaint_files":
        case_id = m["Case"].objects.filter(complaint=obj).values_list("pk", flat=True).first()
        targets = [(m["Complaint"], obj.pk), (m["Case"], case_id)]
    elif key in ("removed_posts", "rejected_posts", "stale_drafts"):
        targets = [(m["Post"], obj.pk), (m["Representative"], obj.author_id)]
        targets += [(m["Channel"], pk) for pk in obj.channels.values_list("pk", flat=True)]
        targets += [(m["Publication"], pk) for pk in obj.publications.values_list("pk", flat=True)]
    elif key == "api_tokens":
        targets = [(m["ApiToken"], obj.pk), (m["Representative"], obj.representative_id)]
    elif key == "sign_in_attempts":
        rep = m["Representative"].objects.filter(user__email=obj.email).values_list("pk", flat=True).first()
        targets = [(m["Representative"], rep)]
    else:
        raise ValueError(key)
    return [_hold_text(hold) for hold in _holds_on(targets)]


def _hold_text(hold: LegalHold) -> str:
    what = hold.target_label or "a record"
    return f"{hold.reason} (hold on “{what}” since {clock.format_date(hold.placed_at)})"


def record_label(key: str, obj: models.Model) -> str:
    """How a record is named in reports and audit events: never its personal data or free text."""
    if key == "complaint_files":
        closed = getattr(getattr(obj, "case", None), "closed_at", None)
        return f"Complaint {obj.reference}" + (f", closed {clock.format_date(closed)}" if closed else "")
    if key in ("removed_posts", "rejected_posts", "stale_drafts"):
        when = {"removed_posts": ("removed", obj.removed_at), "rejected_posts": ("rejected", obj.decided_at),
                "stale_drafts": ("last changed", obj.updated_at)}[key]
        return f"Post {obj.pk} by {obj.author.name}, {when[0]} {clock.format_date(when[1])}"
    if key == "api_tokens":
        if obj.revoked_at:
            ended = f"revoked {clock.format_date(obj.revoked_at)}"
        else:
            ended = f"expired {clock.format_date(obj.expires_at)}"
        return f"API token {obj.prefix}… of {obj.representative.name}, {ended}"
    if key == "sign_in_attempts":
        return f"Sign-in attempt on {clock.format_date(obj.at)}"
    raise ValueError(key)


# ----- the dry run --------------------------------------------------------------------------------


@dataclass
class HeldRecord:
    label: str
    reasons: list[str]


@dataclass
class TypeReport:
    rule: Rule
    cutoff: dt.datetime | None
    due: int = 0
    examples: list[str] = field(default_factory=list)
    held_count: int = 0
    held: list[HeldRecord] = field(default_factory=list)

    @property
    def type(self) -> RecordType:
        return self.rule.type


@dataclass
class RetentionReport:
    council: Council
    at: dt.datetime
    types: list[TypeReport]
    orphan_files: int
    audit_log: str

    @property
    def total_due(self) -> int:
        return sum(t.due for t in self.types)

    @property
    def total_held(self) -> int:
        return sum(t.held_count for t in self.types)


def _related(key: str, qs: models.QuerySet) -> models.QuerySet:
    if key in ("removed_posts", "rejected_posts", "stale_drafts"):
        return qs.select_related("author")
    if key == "api_tokens":
        return qs.select_related("representative")
    if key == "complaint_files":
        return qs.select_related("case")
    return qs


def retention_report(*, council: Council, at: dt.datetime | None = None) -> RetentionReport:
    """What `retention_run` would do now: per record type, how many records and some examples, and
    what is kept because of a legal hold and why. Changes nothing."""
    at = at or clock.now()
    reports = []
    for rule in retention_rules(council=council):
        cutoff = rule.cutoff(at)
        report = TypeReport(rule=rule, cutoff=cutoff)
        reports.append(report)
        if cutoff is None:
            continue
        qs = candidates(rule.key, council=council, cutoff=cutoff)
        held_q = held_filter(rule.key, council=council)
        due = qs.exclude(held_q)
        report.due = due.count()
        if rule.key != "sign_in_attempts":
            report.examples = [record_label(rule.key, obj) for obj in _related(rule.key, due.order_by("pk"))[:EXAMPLES]]
        held = qs.filter(held_q).distinct()
        report.held_count = held.count()
        for obj in _related(rule.key, held.order_by("pk"))[:HELD_SHOWN]:
            report.held.append(HeldRecord(record_label(rule.key, obj), hold_reasons(rule.key, obj)))
    return RetentionReport(council=council, at=at, types=reports, orphan_files=len(orphan_files(council=council, at=at)),
                           audit_log=audit_log_retention(council=council))


# ----- the run ------------------------------------------------------------------------------------


@dataclass
class RunResult:
    council: Council
    done: dict[str, int] = field(default_factory=dict)
    held: dict[str, int] = field(default_factory=dict)
    files_deleted: int = 0
    orphans_deleted: int = 0

    @property
    def total_done(self) -> int:
        return sum(self.done.values())

    @property
    def total_held(self) -> int:
        return sum(self.held.values())

    @property
    def summary(self) -> str:
        done = ", ".join(f"{TYPES[k].label.lower()}: {n}" for k, n in self.done.items() if n) or "nothing was due"
        held = f"; kept under a legal hold: {self.total_held}" if self.total_held else ""
        return f"{self.council.slug}: {done}{held}."


def _delete_files(names: list[str], storage=None) -> Callable[[], None]:
    from herald.posts.models import attachment_storage

    def delete() -> None:
        for name in names:
            (storage or attachment_storage)().delete(name)

    return delete


def _purge_post(post, now: dt.datetime) -> list[str]:
    """Empty every free text of a post and its history; return the image files to delete after commit."""
    from herald.posts.models import Approval, Attachment, Finding, PublicationAttempt, ScreeningRun

    post.text, post.override_reason, post.purged_at, post.updated_at = "", "", now, now
    post.save(update_fields=["text", "override_reason", "purged_at", "updated_at"])
    ScreeningRun.objects.filter(post=post).update(text="", text_hash="", attachments=[])
    Finding.objects.filter(run__post=post).update(evidence="", message="", start=None, end=None)
    Approval.objects.filter(post=post).update(reason="")
    post.publications.update(last_error_message="")
    PublicationAttempt.objects.filter(publication__post=post).update(error_message="")
    files = [name for name in Attachment.objects.filter(post=post).exclude(file="").values_list("file", flat=True)]
    Attachment.objects.filter(post=post).update(file="", filename="image", alt_text=REMOVED_NOTE, credit="",
                                                updated_at=now)
    return files


def _anonymise_complaint(complaint, now: dt.datetime) -> list[str]:
    """Empty the complaint's personal data and free text; return its case files to delete after commit."""
    from herald.complaints.models import Appeal, CaseAction, CaseFile, Decision, EnforcementAction

    complaint.name = complaint.email = complaint.phone = complaint.about_detail = complaint.text = ""
    complaint.text_hash = complaint.source_ip_hash = ""
    complaint.anonymised_at = now
    complaint.save(update_fields=["name", "email", "phone", "about_detail", "text", "text_hash", "source_ip_hash",
                                  "anonymised_at"])
    CaseAction.objects.filter(case__complaint=complaint).update(text="")
    Decision.objects.filter(case__complaint=complaint).update(reasons="")
    EnforcementAction.objects.filter(case__complaint=complaint).update(details="", reversal_note="")
    Appeal.objects.filter(case__complaint=complaint).update(grounds="", reasons="")
    files = CaseFile.objects.filter(case__complaint=complaint, deleted_at__isnull=True)
    names = [name for name in files.values_list("file", flat=True) if name]
    files.update(file="", filename="(deleted)", deleted_at=now)
    return names


def _process_one(rule: Rule, *, council: Council, pk: int, cutoff: dt.datetime, acting_user,
                 result: RunResult) -> None:
    """One record, in its own transaction: lock it, check it is still due, check its holds, do it,
    write its audit event. Anything that goes wrong rolls the whole record back."""
    key = rule.key
    qs = candidates(key, council=council, cutoff=cutoff)
    with transaction.atomic():
        obj = qs.model.objects.select_for_update().filter(pk=pk).first()
        if obj is None or not qs.filter(pk=pk).exists():
            return  # done meanwhile, or no longer due
        reasons = hold_reasons(key, obj)
        if reasons:
            result.held[key] = result.held.get(key, 0) + 1
            return
        now = clock.now()
        label = record_label(key, obj)
        data = {"rule": key, "period": rule.period, "record": label}
        if key == "complaint_files":
            files = _anonymise_complaint(obj, now)
            data["case_files"] = len(files)
            audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_COMPLAINT_ANONYMISED,
                         target=obj, target_label=f"Complaint {obj.reference}", data=data)
            if files:
                from herald.complaints.models import case_file_storage

                transaction.on_commit(_delete_files(files, case_file_storage), robust=True)
                result.files_deleted += len(files)
        elif key in ("removed_posts", "rejected_posts", "stale_drafts"):
            files = _purge_post(obj, now)
            data["image_files"] = len(files)
            audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_POST_PURGED, target=obj,
                         target_label=f"Post {obj.pk}", data=data)
            if files:
                transaction.on_commit(_delete_files(files), robust=True)
                result.files_deleted += len(files)
        elif key == "api_tokens":
            audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_API_TOKEN_PURGED,
                         target=obj, target_label=f"API token {obj.prefix}…", data=data)
            obj.delete()
        else:
            raise ValueError(key)
    result.done[key] = result.done.get(key, 0) + 1


def _purge_sign_in_attempts(rule: Rule, *, council: Council, cutoff: dt.datetime, acting_user,
                            result: RunResult) -> None:
    """Sign-in attempts go in batches: one transaction and one audit event per batch (with the count
    and dates only: the event must not keep the personal data being deleted)."""
    from herald.people.models import SignInAttempt

    key = rule.key
    held_q = held_filter(key, council=council)
    result.held[key] = candidates(key, council=council, cutoff=cutoff).filter(held_q).count()
    while True:
        with transaction.atomic():
            qs = candidates(key, council=council, cutoff=cutoff).exclude(held_q)
            ids = list(qs.order_by("pk").values_list("pk", flat=True)[:SIGN_IN_BATCH])
            if not ids:
                return
            batch = SignInAttempt.objects.filter(pk__in=ids)
            span = batch.aggregate(first=models.Min("at"), last=models.Max("at"))
            deleted, _ = batch.delete()
            audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_SIGN_IN_ATTEMPTS_PURGED,
                         target_label="Sign-in attempts",
                         data={"rule": key, "period": rule.period, "count": deleted,
                               "from": clock.format_date(span["first"]), "to": clock.format_date(span["last"])})
        result.done[key] = result.done.get(key, 0) + deleted


def retention_run(*, acting_user, council: Council, dry_run: bool = False):
    """Apply the council's retention rules now. dry_run=True returns `retention_report` and changes
    nothing; otherwise returns a RunResult. Records under a legal hold are never touched."""
    if acting_user is not None:
        from herald.people.access import require_capability
        from herald.people.capabilities import Capability

        rep = require_capability(acting_user, Capability.MANAGE_RETENTION)
        if rep.council_id != council.pk:
            raise NotAllowed("You do not have permission to do this.")
    if dry_run:
        return retention_report(council=council)
    at = clock.now()
    result = RunResult(council=council)
    for rule in retention_rules(council=council):
        cutoff = rule.cutoff(at)
        if cutoff is None:
            continue
        result.done.setdefault(rule.key, 0)
        if rule.key == "sign_in_attempts":
            _purge_sign_in_attempts(rule, council=council, cutoff=cutoff, acting_user=acting_user, result=result)
            continue
        ids = list(candidates(rule.key, council=council, cutoff=cutoff).order_by("pk").values_list("pk", flat=True))
        for pk in ids:
            _process_one(rule, council=council, pk=pk, cutoff=cutoff, acting_user=acting_user, result=result)
    result.orphans_deleted = orphan_files_sweep(acting_user=acting_user, council=council)
    with transaction.atomic():
        audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_RUN_FINISHED,
                     target_label="Retention rules",
                     data={"done": result.done, "held": result.held, "files": result.files_deleted,
                           "orphaned_files": result.orphans_deleted})
    return result


# ----- files --------------------------------------------------------------------------------------


def _file_stores():
    """Where records keep files: (storage, model with a `file` field)."""
    from herald.complaints.models import CaseFile, case_file_storage
    from herald.posts.models import Attachment, attachment_storage

    return ((attachment_storage(), Attachment), (case_file_storage(), CaseFile))


def orphan_files(*, council: Council, at: dt.datetime | None = None) -> list[str]:
    """Stored files of the council (post images, case files) that no record points to and that are
    older than ORPHAN_GRACE, as paths below MEDIA_ROOT ("attachments/3/ab12.png")."""
    limit = ((at or clock.now()) - ORPHAN_GRACE).timestamp()
    found = []
    for storage, model in _file_stores():
        folder = os.path.join(storage.location, str(council.pk))
        if not os.path.isdir(folder):
            continue
        known = set(model.objects.filter(council=council).exclude(file="").values_list("file", flat=True))
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = f"{council.pk}/{entry.name}"
            if entry.is_file() and name not in known and entry.stat().st_mtime <= limit:
                found.append(f"{storage.folder}/{name}")
    return found


def orphan_files_sweep(*, acting_user, council: Council) -> int:
    """Delete orphaned files (a purge whose file deletion failed after its commit, say)."""
    stores = {storage.folder: (storage, model) for storage, model in _file_stores()}
    deleted = []
    for path in orphan_files(council=council):
        folder, name = path.split("/", 1)
        storage, model = stores[folder]
        if model.objects.filter(file=name).exists():  # stored meanwhile
            continue
        try:
            storage.delete(name)
        except OSError as exc:
            log.warning("Could not delete orphaned file %s: %s", path, exc)
            continue
        deleted.append(path)
    if deleted:
        with transaction.atomic():
            audit_record(council=council, actor=acting_user, event_type=EventType.RETENTION_FILES_SWEPT,
                         target_label="Stored files", data={"count": len(deleted), "files": deleted[:100]})
    return len(deleted)


# ----- instance-wide housekeeping -----------------------------------------------------------------


@dataclass
class InstanceResult:
    sessions_cleared: bool
    unknown_sign_in_attempts: int


def retention_instance_run() -> InstanceResult:
    """What belongs to no council: expired sessions (Django's clearsessions) and sign-in attempts for
    email addresses that are nobody's, kept for the default period. No audit event (no council)."""
    from importlib import import_module

    from django.conf import settings

    from herald.people.models import SignInAttempt, User

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    cutoff = Rule(TYPES["sign_in_attempts"], DEFAULT_SETTINGS["retention"]["sign_in_attempts"]).cutoff(clock.now())
    deleted, _ = (SignInAttempt.objects.filter(at__lte=cutoff)
                  .exclude(email__in=User.objects.values("email")).delete())
    return InstanceResult(sessions_cleared=True, unknown_sign_in_attempts=deleted)
