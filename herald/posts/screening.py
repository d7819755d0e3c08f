"""Screening a post: builds the engine's Context from the register and stores the run.

The engine (herald.screening) is used only through its public API. One Screener is built per
policy version (cached by the version's content hash) and reused by every request and task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import dataclass

import yaml

from herald.channels.models import Audience
from herald.core import clock
from herald.core.errors import NotFound, ValidationFailed
from herald.elections.models import PreElectionPeriod
from herald.elections.models import Status as ElectionStatus
from herald.elections.selectors import period_current
from herald.people.access import representative_for_user
from herald.people.models import Kind, Representative
from herald.policy.models import PolicyVersion
from herald.posts.models import Finding, Post, ScreeningRun
from herald.screening import Author, Context, KnownPerson, RegisteredInterest, Report, Screener
from herald.screening.context import Attachment as EngineAttachment

#: Representative kind -> the screening engine's role for a known person.
PERSON_ROLE = {Kind.MEMBER: "councillor", Kind.EMPLOYEE: "staff", Kind.PARTNER: "partner",
               Kind.CONTRACTOR: "partner", Kind.VOLUNTEER: "other"}

_screeners: dict[str, Screener] = {}
_lock = threading.Lock()


def screener_for(version: PolicyVersion) -> Screener:
    key = version.content_hash or hashlib.sha256(version.source_yaml.encode()).hexdigest()
    with _lock:
        screener = _screeners.get(key)
        if screener is None:
            policy = yaml.safe_load(version.source_yaml) or {}
            policy["version"] = str(version.number)
            screener = _screeners[key] = Screener(policy)
        return screener


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def candidates_in(period: PreElectionPeriod) -> list[str]:
    names: list[str] = []
    for election in period.elections.all():
        if election.status == ElectionStatus.SCHEDULED:
            names.extend(n for n in election.candidates if n not in names)
    return names


#: Links in a post's text: absolute http(s) addresses, and bare ones starting "www.".
LINK_RE = re.compile(r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"'\]\[]+", re.IGNORECASE)


def links_in(text: str) -> tuple[str, ...]:
    """The links written in `text`, in order, without duplicates (trailing punctuation left out)."""
    found: list[str] = []
    for match in LINK_RE.finditer(text or ""):
        link = match.group(0).rstrip(".,;:!?'\"")
        while link.endswith(")") and link.count("(") < link.count(")"):
            link = link[:-1]
        if len(link) > len("https://") and link not in found:
            found.append(link)
    return tuple(found)


def _author(author: Representative) -> Author:
    interests = tuple(RegisteredInterest(kind=i.category, description=i.description)
                      for i in author.interests.filter(removed_at__isnull=True))
    return Author(kind=author.kind, roles=tuple(author.roles), name=author.name, interests=interests)


def _known_people(author: Representative) -> list[KnownPerson]:
    return [KnownPerson(name=r.name, role=PERSON_ROLE.get(r.kind, "other"))
            for r in Representative.objects.filter(council_id=author.council_id, active=True)
            .exclude(pk=author.pk).only("name", "kind")]


def attachments_screened(post: Post) -> list[dict]:
    """The post's current images, as the screening run records them."""
    return [{"id": a.pk, "filename": a.filename, "media_type": a.media_type, "rights": a.rights,
             "credit": a.credit, "depicts_children": a.depicts_children, "consent_recorded": a.consent_recorded}
            for a in post.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "pk")]


def engine_attachments(screened: list[dict]) -> tuple[EngineAttachment, ...]:
    return tuple(EngineAttachment(filename=a["filename"], media_type=a["media_type"], rights=a["rights"] or None,
                                  credit=a["credit"], depicts_children=a["depicts_children"],
                                  consent_recorded=a["consent_recorded"]) for a in screened)


def context_for(*, post: Post, channels, at: dt.datetime,
                attachments: list[dict] | None = None) -> tuple[Context, PreElectionPeriod | None]:
    author = post.author
    people = _known_people(author)
    if attachments is None:
        attachments = attachments_screened(post)
    channels = list(channels)
    official = not channels or any(c.official for c in channels)
    period = period_current(council=post.council, at=at) if official else None
    if period is not None and channels and not any(period.closes(c, at) for c in channels):
        period = None  # the period closes other channels (an election limited to some channels)
    if period is not None:
        people += [KnownPerson(name=name, role="candidate") for name in candidates_in(period)]
    context = Context(
        author=_author(author),
        channel="official" if official else "personal",
        audience="children" if any(c.audience == Audience.CHILDREN for c in channels) else "general",
        now=at, attachments=engine_attachments(attachments), links=links_in(post.text), known_people=tuple(people),
        pre_election=period is not None)
    return context, period


def screen_post(*, post: Post, channels) -> ScreeningRun:
    """Screen the post's current text (inside the calling service's transaction) and store the run."""
    version = post.council.active_policy
    at = post.scheduled_for if post.scheduled_for and post.scheduled_for > clock.now() else clock.now()
    attachments = attachments_screened(post)
    context, period = context_for(post=post, channels=channels, at=at, attachments=attachments)
    if version is None:
        report = Report(verdict="pass", findings=(), policy_version="", engine_version="")
    else:
        report = screener_for(version).screen(post.text, context)
    run = ScreeningRun.objects.create(
        council=post.council, post=post, post_version=post.version, policy_version=version,
        engine_version=report.engine_version[:40], verdict=report.verdict, text=post.text,
        text_hash=text_hash(post.text), attachments=attachments,
        pre_election=period is not None, at=clock.now())
    Finding.objects.bulk_create([
        Finding(run=run, rule_id=f.rule_id[:100], clause_id=f.clause_id[:60], category=f.category[:40],
                severity=f.severity, score=float(f.score), start=f.spans[0].start if f.spans else None,
                end=f.spans[0].end if f.spans else None, evidence=f.evidence, message=f.message)
        for f in report.findings])
    post.verdict = report.verdict
    post.save(update_fields=["verdict"])
    return run


def latest_run(post: Post) -> ScreeningRun | None:
    return post.screening_runs.order_by("-at", "-pk").first()


def run_is_current(run: ScreeningRun | None, post: Post) -> bool:
    return (run is not None and run.post_version == post.version and run.text_hash == text_hash(post.text)
            and run.policy_version_id == post.council.active_policy_id)


# ----- the personal-capacity assistant ---------------------------------------------------------

#: The longest text the assistant checks (the same as a post).
PERSONAL_MAX_TEXT = 5000


@dataclass(frozen=True)
class PersonalCheck:
    """The screening of text meant for one's own account. Shaped like a ScreeningRun for the
    findings template; never stored."""

    text: str
    verdict: str
    findings: tuple
    links: tuple[str, ...]
    policy_version: PolicyVersion | None
    at: dt.datetime
    pre_election: bool = False


def screening_check_personal(*, acting_user, text: str) -> PersonalCheck:
    """Screen `text` as a post on the signed-in representative's own account (channel
    "personal"): for a Member, ident.6 (speak personally or report agreed decisions, never for
    the Council) as well as the Terms of Use. Nothing is stored, published or audited: the text
    stays with its author."""
    rep = representative_for_user(acting_user)
    if rep is None:
        raise NotFound("Page not found.")
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationFailed("Enter the text you want to check.", field="text")
    if len(text) > PERSONAL_MAX_TEXT:
        raise ValidationFailed(f"The text must be {PERSONAL_MAX_TEXT} characters or fewer.", field="text")
    version = rep.council.active_policy
    now = clock.now()
    links = links_in(text)
    if version is None:
        return PersonalCheck(text=text, verdict="pass", findings=(), links=links, policy_version=None, at=now)
    context = Context(author=_author(rep), channel="personal", audience="general", now=now, links=links,
                      known_people=tuple(_known_people(rep)))
    report = screener_for(version).screen(text, context)
    return PersonalCheck(text=text, verdict=report.verdict, findings=tuple(report.findings), links=links,
                         policy_version=version, at=now)
