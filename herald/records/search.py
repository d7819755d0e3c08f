"""One search across a council's records for Freedom of Information requests.

Posts, publications, removals (takedowns), screening decisions (screening runs with their findings,
and the Clerk's approvals), complaints and audit events, filtered by one `Scope`: a date range
(whole days in London time), a channel, a person (a representative) and words. Every kind is a
queryset, read in chunks, so a search of 100,000 records never sits in memory at once.

Each record comes out as a plain dict (`Record`): kind, id, date, channel, person, summary, text
and details. The export bundle (herald.records.export) writes them out, redacted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from herald.core import clock
from herald.core.errors import ValidationFailed
from herald.councils.models import Council

#: The kinds of record searched, in the order they are shown and exported.
KINDS: dict[str, str] = {
    "post": "Posts",
    "publication": "Publications on channels",
    "takedown": "Removals (posts taken down)",
    "screening": "Screening decisions",
    "approval": "The Clerk's decisions on posts",
    "complaint": "Complaints",
    "audit_event": "Audit events",
}
MAX_YEARS_BACK = 100
MAX_DAYS_AHEAD = 366
MAX_TEXT = 200
CHUNK = 1000

Record = dict[str, Any]


@dataclass(frozen=True)
class Scope:
    """What an FOI request concerns. Empty fields do not filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channel: Any = None  # herald.channels.models.Channel
    person: Any = None  # herald.people.models.Representative
    text: str = ""

    def describe(self) -> str:
        parts = []
        if self.date_from and self.date_to:
            parts.append(f"from {clock.format_date(self.date_from)} to {clock.format_date(self.date_to)}")
        elif self.date_from:
            parts.append(f"from {clock.format_date(self.date_from)}")
        elif self.date_to:
            parts.append(f"up to {clock.format_date(self.date_to)}")
        if self.channel is not None:
            parts.append(f"on {self.channel.name}")
        if self.person is not None:
            parts.append(f"involving {self.person.name}")
        if self.text:
            parts.append(f"mentioning “{self.text}”")
        return ", ".join(parts) if parts else "all records"

    def as_dict(self) -> dict[str, Any]:
        return {"date_from": self.date_from.isoformat() if self.date_from else None,
                "date_to": self.date_to.isoformat() if self.date_to else None,
                "channel": self.channel.pk if self.channel is not None else None,
                "channel_name": self.channel.name if self.channel is not None else None,
                "person": self.person.pk if self.person is not None else None,
                "person_name": self.person.name if self.person is not None else None,
                "text": self.text}


def scope_check(*, council: Council, date_from: dt.date | None, date_to: dt.date | None, channel=None,
                person=None, text: str = "", today: dt.date | None = None) -> Scope:
    """A valid Scope, or ValidationFailed saying plainly what is wrong with the dates or filters."""
    today = today or clock.today_in_london()
    earliest = dt.date(max(today.year - MAX_YEARS_BACK, 1), 1, 1)
    for value, field, what in ((date_from, "date_from", "start date"), (date_to, "date_to", "end date")):
        if value is not None and value < earliest:
            raise ValidationFailed(f"The {what} is more than {MAX_YEARS_BACK} years ago: Herald holds no records "
                                   f"that old. Enter a date after {clock.format_date(earliest)}.", field=field)
    if date_from is not None and date_from > today:
        raise ValidationFailed(f"The start date is in the future: there are no records yet. Enter "
                               f"{clock.format_date(today)} or earlier.", field="date_from")
    if date_to is not None and date_to > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationFailed("The end date is too far in the future. Enter a date within the next year "
                               "(or leave it blank to search up to today).", field="date_to")
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationFailed(f"The end date ({clock.format_date(date_to)}) is before the start date "
                               f"({clock.format_date(date_from)}). Enter an end date the same as or after the "
                               "start date.", field="date_to")
    if channel is not None and channel.council_id != council.pk:
        raise ValidationFailed("Choose one of the council's channels.", field="channel")
    if person is not None and person.council_id != council.pk:
        raise ValidationFailed("Choose one of the council's representatives.", field="person")
    text = " ".join((text or "").replace("\x00", "").split())
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"The words to search for must be {MAX_TEXT} characters or fewer.", field="text")
    return Scope(date_from=date_from, date_to=date_to, channel=channel, person=person, text=text)


def scope_from_dict(council: Council, data: dict) -> Scope:
    """The Scope an export recorded (Scope.as_dict) when it started: the bundle has what was scanned."""
    from herald.channels.models import Channel
    from herald.people.models import Representative

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    channel = Channel.objects.filter(council=council, pk=data.get("channel")).first() if data.get("channel") else None
    person = (Representative.objects.filter(council=council, pk=data.get("person")).first()
              if data.get("person") else None)
    return Scope(date_from=day(data.get("date_from")), date_to=day(data.get("date_to")), channel=channel,
                 person=person, text=data.get("text") or "")


def scope_from_request(foi_request) -> Scope:
    return Scope(date_from=foi_request.scope_from, date_to=foi_request.scope_to, channel=foi_request.scope_channel,
                 person=foi_request.scope_person, text=foi_request.scope_text)


# ----- filters -----------------------------------------------------------------------------------


def _between(field: str, scope: Scope) -> Q:
    q = Q()
    if scope.date_from:
        q &= Q(**{f"{field}__gte": dt.datetime.combine(scope.date_from, dt.time(), clock.LONDON)})
    if scope.date_to:
        q &= Q(**{f"{field}__lt": dt.datetime.combine(scope.date_to + dt.timedelta(days=1), dt.time(), clock.LONDON)})
    return q


def _any_between(fields: tuple[str, ...], scope: Scope) -> Q:
    if not (scope.date_from or scope.date_to):
        return Q()
    q = Q(pk__in=[])
    for f in fields:
        q |= _between(f, scope)
    return q


def _post_ids_on_channel(channel):
    from herald.posts.models import Post

    return Post.channels.through.objects.filter(channel_id=channel.pk).values("post_id")


def _post_ids_matching(text: str):
    from herald.posts.models import Post
    from herald.posts.search import text_matches

    return Post.objects.filter(text_matches(text) | Q(text__icontains=text)).values("pk")


def posts(council: Council, scope: Scope) -> QuerySet:
    """Every post (drafts too: they are information held) with activity in the date range."""
    from herald.posts.models import Post

    qs = Post.objects.filter(council=council).filter(
        _any_between(("created_at", "submitted_at", "published_at", "removed_at"), scope))
    if scope.channel is not None:
        qs = qs.filter(pk__in=_post_ids_on_channel(scope.channel))
    if scope.person is not None:
        qs = qs.filter(author=scope.person)
    if scope.text:
        qs = qs.filter(pk__in=_post_ids_matching(scope.text))
    return qs.select_related("author").prefetch_related("channels").order_by("created_at", "pk")


def publications(council: Council, scope: Scope) -> QuerySet:
    from herald.posts.models import Publication

    qs = Publication.objects.filter(council=council).filter(
        _any_between(("created_at", "published_at", "removed_at"), scope))
    if scope.channel is not None:
        qs = qs.filter(channel=scope.channel)
    if scope.person is not None:
        qs = qs.filter(post__author=scope.person)
    if scope.text:
        qs = qs.filter(post_id__in=_post_ids_matching(scope.text))
    return qs.select_related("channel", "post", "post__author").order_by("created_at", "pk")


def takedowns(council: Council, scope: Scope) -> QuerySet:
    from herald.posts.models import Takedown

    qs = Takedown.objects.filter(council=council).filter(_between("at", scope))
    if scope.channel is not None:
        qs = qs.filter(publication__channel=scope.channel)
    if scope.person is not None:
        qs = qs.filter(Q(publication__post__author=scope.person) | Q(by_id=scope.person.user_id or -1))
    if scope.text:
        qs = qs.filter(Q(reason__icontains=scope.text) | Q(publication__post_id__in=_post_ids_matching(scope.text)))
    return qs.select_related("publication__channel", "publication__post__author", "by").order_by("at", "pk")


def screening_runs(council: Council, scope: Scope) -> QuerySet:
    from herald.posts.models import ScreeningRun

    qs = ScreeningRun.objects.filter(council=council).filter(_between("at", scope))
    if scope.channel is not None:
        qs = qs.filter(post_id__in=_post_ids_on_channel(scope.channel))
    if scope.person is not None:
        qs = qs.filter(post__author=scope.person)
    if scope.text:
        qs = qs.filter(Q(text__icontains=scope.text) | Q(post_id__in=_post_ids_matching(scope.text)))
    return qs.select_related("post__author", "policy_version").prefetch_related("findings").order_by("at", "pk")


def approvals(council: Council, scope: Scope) -> QuerySet:
    from herald.posts.models import Approval

    qs = Approval.objects.filter(council=council).filter(_between("decided_at", scope))
    if scope.channel is not None:
        qs = qs.filter(post_id__in=_post_ids_on_channel(scope.channel))
    if scope.person is not None:
        qs = qs.filter(Q(post__author=scope.person) | Q(decided_by_id=scope.person.user_id or -1))
    if scope.text:
        qs = qs.filter(Q(reason__icontains=scope.text) | Q(post_id__in=_post_ids_matching(scope.text)))
    return qs.select_related("post__author", "decided_by").order_by("decided_at", "pk")


def complaints(council: Council, scope: Scope) -> QuerySet:
    from herald.complaints.models import Complaint

    qs = Complaint.objects.filter(council=council).filter(_between("received_at", scope))
    if scope.channel is not None:
        qs = qs.filter(Q(channel=scope.channel) | Q(post_id__in=_post_ids_on_channel(scope.channel)))
    if scope.person is not None:
        qs = qs.filter(Q(representative=scope.person) | Q(post__author=scope.person))
    if scope.text:
        qs = qs.filter(Q(text__icontains=scope.text) | Q(about_detail__icontains=scope.text)
                       | Q(reference__iexact=scope.text))
    return qs.select_related("channel", "post", "representative", "case").order_by("received_at", "pk")


def _as_text_ids(values):
    return values.annotate(as_text=Cast("post_id", CharField())).values("as_text")


def audit_events(council: Council, scope: Scope) -> QuerySet:
    from herald.posts.models import Post
    from herald.records.models import AuditEvent

    qs = AuditEvent.objects.filter(council=council).filter(_between("created_at", scope))
    if scope.channel is not None:
        on_channel = Post.channels.through.objects.filter(channel_id=scope.channel.pk)
        qs = qs.filter(Q(target_type="channels.channel", target_id=str(scope.channel.pk))
                       | Q(target_type="posts.post", target_id__in=_as_text_ids(on_channel)))
    if scope.person is not None:
        by_person = Post.objects.filter(author=scope.person).annotate(post_id=Cast("pk", CharField()))
        q = (Q(target_type="people.representative", target_id=str(scope.person.pk))
             | Q(target_type="posts.post", target_id__in=by_person.values("post_id")))
        if scope.person.user_id is not None:
            q |= Q(actor_id=scope.person.user_id)
        qs = qs.filter(q)
    if scope.text:
        qs = qs.filter(Q(target_label__icontains=scope.text) | Q(actor_label__icontains=scope.text))
    return qs.order_by("seq")


QUERIES = {"post": posts, "publication": publications, "takedown": takedowns, "screening": screening_runs,
           "approval": approvals, "complaint": complaints, "audit_event": audit_events}


def search_counts(*, council: Council, scope: Scope) -> dict[str, int]:
    return {kind: QUERIES[kind](council, scope).count() for kind in KINDS}


# ----- records -----------------------------------------------------------------------------------


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _post_record(p) -> Record:
    return {"kind": "post", "id": p.pk, "at": p.created_at, "channel": ", ".join(c.name for c in p.channels.all()),
            "person": p.author.name, "summary": f"Post {p.pk} ({p.get_state_display().lower()})", "text": p.text,
            "details": {"state": p.state, "version": p.version, "verdict": p.verdict,
                        "submitted_at": _iso(p.submitted_at), "published_at": _iso(p.published_at),
                        "removed_at": _iso(p.removed_at)}}


def _publication_record(p) -> Record:
    return {"kind": "publication", "id": p.pk, "at": p.published_at or p.created_at, "channel": p.channel.name,
            "person": p.post.author.name, "summary": f"Post {p.post_id} on {p.channel.name} "
                                                     f"({p.get_state_display().lower()})",
            "text": p.post.text,
            "details": {"post": p.post_id, "state": p.state, "url": p.url, "published_at": _iso(p.published_at),
                        "removed_at": _iso(p.removed_at), "attempts": p.attempts}}


def _takedown_record(t) -> Record:
    pub = t.publication
    return {"kind": "takedown", "id": t.pk, "at": t.at, "channel": pub.channel.name, "person": pub.post.author.name,
            "summary": f"Post {pub.post_id} taken down from {pub.channel.name} ({t.outcome})",
            "text": t.reason, "details": {"post": pub.post_id, "publication": pub.pk, "outcome": t.outcome,
                                          "by": getattr(t.by, "email", "")}}


def _screening_record(r) -> Record:
    findings = [f"{f.clause_id}: {f.message}" for f in r.findings.all()]
    return {"kind": "screening", "id": r.pk, "at": r.at, "channel": "", "person": r.post.author.name,
            "summary": f"Screening of post {r.post_id}, version {r.post_version}: {r.get_verdict_display()}",
            "text": r.text, "details": {"post": r.post_id, "post_version": r.post_version, "verdict": r.verdict,
                                        "policy_version": getattr(r.policy_version, "number", None),
                                        "engine_version": r.engine_version, "findings": "\n".join(findings)}}


def _approval_record(a) -> Record:
    return {"kind": "approval", "id": a.pk, "at": a.decided_at, "channel": "", "person": a.post.author.name,
            "summary": f"Post {a.post_id}, version {a.post_version}: {a.get_decision_display()}",
            "text": a.reason, "details": {"post": a.post_id, "post_version": a.post_version, "decision": a.decision,
                                          "decided_by": getattr(a.decided_by, "email", "")}}


def _complaint_record(c) -> Record:
    case = getattr(c, "case", None)
    return {"kind": "complaint", "id": c.pk, "at": c.received_at, "channel": c.channel.name if c.channel else "",
            "person": c.representative.name if c.representative else "",
            "summary": f"Complaint {c.reference} ({c.get_about_display()})", "text": c.text,
            "details": {"reference": c.reference, "about": c.about, "about_detail": c.about_detail,
                        "post": c.post_id, "status": case.status if case else "",
                        "complainant_name": c.name, "complainant_email": c.email, "complainant_phone": c.phone}}


def _audit_record(e) -> Record:
    from herald.records.events import EventType

    try:
        name = EventType(e.event_type).label
    except ValueError:
        name = str(e.event_type)
    return {"kind": "audit_event", "id": e.seq, "at": e.created_at, "channel": "", "person": e.actor_label,
            "summary": f"#{e.seq} {name}", "text": e.target_label,
            "details": {"event_type": e.event_type, "target_type": e.target_type, "target_id": e.target_id,
                        "data": e.data, "hash": e.hash}}


TO_RECORD = {"post": _post_record, "publication": _publication_record, "takedown": _takedown_record,
             "screening": _screening_record, "approval": _approval_record, "complaint": _complaint_record,
             "audit_event": _audit_record}


def search_records(*, council: Council, scope: Scope, kinds=None) -> Iterator[Record]:
    """Every record in scope, kind by kind (KINDS order), oldest first within a kind. Streams."""
    for kind in kinds or KINDS:
        for obj in QUERIES[kind](council, scope).iterator(chunk_size=CHUNK):
            yield TO_RECORD[kind](obj)


def search_preview(*, council: Council, scope: Scope, per_kind: int = 10) -> dict[str, list[Record]]:
    """The first few records of each kind, for the request page."""
    return {kind: [TO_RECORD[kind](obj) for obj in QUERIES[kind](council, scope)[:per_kind]] for kind in KINDS}


def held_targets(*, council: Council, scope: Scope) -> Iterator:
    """The records a request's legal hold covers: posts, publications and complaints in scope."""
    for kind in ("post", "publication", "complaint"):
        qs = QUERIES[kind](council, scope)
        yield from qs.prefetch_related(None).iterator(chunk_size=CHUNK)
