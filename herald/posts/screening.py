"""Screening a post: builds the engine's Context from the register and stores the run.

The engine (herald.screening) is used only through its public API. One Screener is built per
policy version (cached by the version's content hash) and reused by every request and task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

import yaml

from herald.channels.models import Audience
from herald.core import clock
from herald.elections.models import PreElectionPeriod
from herald.elections.models import Status as ElectionStatus
from herald.elections.selectors import period_current
from herald.people.models import Kind, Representative
from herald.policy.models import PolicyVersion
from herald.posts.models import Finding, Post, ScreeningRun
from herald.screening import Author, Context, KnownPerson, RegisteredInterest, Report, Screener

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


def context_for(*, post: Post, channels, at: dt.datetime) -> tuple[Context, PreElectionPeriod | None]:
    author = post.author
    interests = tuple(RegisteredInterest(kind=i.category, description=i.description)
                      for i in author.interests.filter(removed_at__isnull=True))
    people = [KnownPerson(name=r.name, role=PERSON_ROLE.get(r.kind, "other"))
              for r in Representative.objects.filter(council_id=post.council_id, active=True)
              .exclude(pk=author.pk).only("name", "kind")]
    channels = list(channels)
    official = not channels or any(c.official for c in channels)
    period = period_current(council=post.council, at=at) if official else None
    if period is not None:
        people += [KnownPerson(name=name, role="candidate") for name in candidates_in(period)]
    context = Context(
        author=Author(kind=author.kind, roles=tuple(author.roles), name=author.name, interests=interests),
        channel="official" if official else "personal",
        audience="children" if any(c.audience == Audience.CHILDREN for c in channels) else "general",
        now=at, known_people=tuple(people), pre_election=period is not None)
    return context, period


def screen_post(*, post: Post, channels) -> ScreeningRun:
    """Screen the post's current text (inside the calling service's transaction) and store the run."""
    version = post.council.active_policy
    at = post.scheduled_for if post.scheduled_for and post.scheduled_for > clock.now() else clock.now()
    context, period = context_for(post=post, channels=channels, at=at)
    if version is None:
        report = Report(verdict="pass", findings=(), policy_version="", engine_version="")
    else:
        report = screener_for(version).screen(post.text, context)
    run = ScreeningRun.objects.create(
        council=post.council, post=post, post_version=post.version, policy_version=version,
        engine_version=report.engine_version[:40], verdict=report.verdict, text=post.text,
        text_hash=text_hash(post.text),
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
