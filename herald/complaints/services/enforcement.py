"""What follows an upheld complaint (policy enforce.breach, enforce.closure, enforce.misconduct) and
the one internal review (appeal) that can overturn the decision and lift the sanctions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from herald.channels.models import Channel
from herald.channels.models import Status as ChannelStatus
from herald.complaints import notify
from herald.complaints.access import (
    HANDLER_CAPABILITY,
    can_decide_appeal,
    complaint_subject,
    require_handler,
)
from herald.complaints.models import (
    ActionKind,
    Appeal,
    AppealOutcome,
    Case,
    CaseStatus,
    EnforcementAction,
    EnforcementKind,
    Handler,
    Outcome,
    Visibility,
)
from herald.complaints.services.cases import case_close
from herald.complaints.services.common import add_action, clean_note, lock_case
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.people.access import has_capability, representative_for_user
from herald.people.capabilities import Capability
from herald.people.models import Suspension
from herald.posts.models import State as PostState
from herald.records.audit import audit_record
from herald.records.events import EventType

REMOVAL_NOT_REPOSTED = ("The post is not re-published automatically: if it should be seen again, publish it "
                        "again through the usual approval.")


def closable_channels(case: Case) -> list[Channel]:
    complaint = case.complaint
    if complaint.channel_id:
        return [complaint.channel]
    if complaint.post_id:
        return list(complaint.post.channels.all())
    return []


def _check_can_enforce(acting_user, case: Case) -> None:
    require_handler(acting_user, case)
    if case.status != CaseStatus.DECIDED:
        raise Conflict("Action can be taken only on a decided case that is not under review or closed.")
    if case.decision.outcome == Outcome.NOT_UPHELD:
        raise Conflict("The complaint was not upheld: there is nothing to enforce.")


def _record(*, acting_user, case: Case, kind: str, details: str, public_text: str = "", **links) -> EnforcementAction:
    action = EnforcementAction.objects.create(council=case.council, case=case, kind=kind, details=details,
                                              by=acting_user, at=clock.now(), **links)
    add_action(case, kind=ActionKind.ENFORCEMENT, visibility=Visibility.STAFF, by=acting_user,
               text=f"{EnforcementKind(kind).label}: {details}")
    if public_text:
        add_action(case, kind=ActionKind.ENFORCEMENT, visibility=Visibility.PUBLIC, by=acting_user, text=public_text)
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_ENFORCEMENT_TAKEN,
                 target=case.complaint,
                 data={"case": case.pk, "action": action.pk, "kind": kind, "details": details,
                       **{k: getattr(v, "pk", v) for k, v in links.items()}})
    return action


def enforcement_take(*, acting_user, case: Case, kind: str, reason: str, until: dt.datetime | None = None,
                     channel: Channel | None = None) -> EnforcementAction:
    """Take one action on an upheld (or partly upheld) complaint:

    * removal - the post is taken down through its connectors (the record is kept, under hold);
    * suspension - the representative's publishing rights are suspended until `until`; they are
      told why and until when, and the suspension ends on time by itself;
    * closure - the channel is closed (the Clerk may require closure, enforce.closure);
    * referral_disciplinary / referral_monitoring_officer - the referral is recorded.
    """
    from herald.people.services import suspension_create
    from herald.posts.services import post_take_down

    if kind not in EnforcementKind.values:
        raise ValidationFailed("Choose what to do.", field="kind")
    reason = clean_note(reason, what="the reason", field="reason", limit=2000)
    with transaction.atomic():
        case = lock_case(case)
        _check_can_enforce(acting_user, case)
        complaint = case.complaint
        subject = complaint_subject(complaint)
        post = complaint.post
    if kind == EnforcementKind.REMOVAL:
        if post is None:
            raise Conflict("This complaint is not about a post Herald published: there is no post to remove.")
        if not has_capability(acting_user, Capability.TAKE_DOWN_POSTS):
            raise NotAllowed("You need permission to take posts down. Ask the Clerk to remove the post.")
        already = post.state == PostState.REMOVED
        if not already:
            post_take_down(acting_user=acting_user, post=post, reason=f"Complaint {complaint.reference}: {reason}")
        with transaction.atomic():
            case = lock_case(case)
            post.refresh_from_db()
            details = (f"Post {post.pk} was already taken down." if already
                       else f"Post {post.pk} taken down from its platforms; its record is kept.") + f" {reason}"
            return _record(acting_user=acting_user, case=case, kind=kind, details=details, post=post,
                           public_text="The post you complained about has been removed.")
    with transaction.atomic():
        case = lock_case(case)
        _check_can_enforce(acting_user, case)
        if kind == EnforcementKind.SUSPENSION:
            if subject is None:
                raise Conflict("The complaint is not linked to a representative. Choose who it is about first.")
            if until is None:
                raise ValidationFailed("Enter the date the suspension ends.", field="until")
            suspension = suspension_create(acting_user=acting_user, representative=subject, starts_at=clock.now(),
                                           ends_at=until, reason=f"Complaint {complaint.reference}: {reason}",
                                           case=case)
            action = _record(acting_user=acting_user, case=case, kind=kind, representative=subject,
                             suspension=suspension,
                             details=f"{subject.name}'s publishing rights suspended until "
                                     f"{clock.format_datetime(until)}. {reason}")
            notify.tell_representative(subject, "Your publishing rights are suspended", [
                f"Following complaint {complaint.reference}, your rights to publish for {case.council.name} are "
                f"suspended until {clock.format_datetime(until)}.", f"Why: {reason}",
                "They come back by themselves at that time. The council's social media policy explains this "
                "(enforce.breach)."])
            return action
        if kind == EnforcementKind.CLOSURE:
            from herald.channels.services import channel_decide

            choices = closable_channels(case)
            if channel is None and len(choices) == 1:
                channel = choices[0]
            if channel is None or channel.pk not in {c.pk for c in choices}:
                raise ValidationFailed("Choose the channel to close.", field="channel")
            if channel.status == ChannelStatus.CLOSED:
                raise Conflict(f"{channel.name} is already closed.")
            channel_decide(acting_user=acting_user, channel=channel, action="close",
                           reason=f"Complaint {complaint.reference}: {reason}")
            return _record(acting_user=acting_user, case=case, kind=kind, channel=channel,
                           details=f"Channel {channel.name} closed. {reason}",
                           public_text=f"The council's channel {channel.name} has been closed.")
        if subject is None:
            raise Conflict("The complaint is not linked to a representative. Choose who it is about first.")
        if kind == EnforcementKind.REFERRAL_MONITORING_OFFICER and subject.kind != "member":
            raise ValidationFailed("Only an Elected Member's conduct is referred to the Monitoring Officer.",
                                   field="kind")
        if kind == EnforcementKind.REFERRAL_DISCIPLINARY and subject.kind != "employee":
            raise ValidationFailed("Only a member of staff is referred under the Disciplinary Policy.", field="kind")
        audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_REFERRED,
                     target=complaint, data={"case": case.pk, "kind": kind, "representative": subject.pk})
        return _record(acting_user=acting_user, case=case, kind=kind, representative=subject,
                       details=f"{subject.name}: {reason}")


def _appeal_deciders(case: Case) -> list[str]:
    from herald.people.capabilities import capabilities_for
    from herald.people.models import Representative

    capability = HANDLER_CAPABILITY[Handler.CHAIR] if case.handler == Handler.CHAIR \
        else Capability.DECIDE_COMPLAINT_APPEALS
    subject = complaint_subject(case.complaint)
    return [r.official_email for r in Representative.objects.filter(council=case.council, active=True)
            if capability in capabilities_for(r.roles) and r.user_id != case.decision.decided_by_id
            and (subject is None or r.pk != subject.pk)]


@transaction.atomic
def appeal_request(*, acting_user=None, case: Case, grounds: str) -> Appeal:
    """Ask for the one internal review of a decision, within the policy's window (working days).
    `acting_user` None: the complainant, on the status page."""
    from herald.complaints.services.common import PUBLIC

    case = lock_case(case)
    if acting_user is not None:
        require_handler(acting_user, case)
    grounds = clean_note(grounds, what="why you want the decision reviewed", field="grounds")
    if hasattr(case, "appeal"):
        raise Conflict("A review of this decision has already been asked for. There is only one review.")
    if case.status != CaseStatus.DECIDED:
        raise Conflict("A review can be asked for only once the complaint has been decided.")
    if clock.today_in_london() > case.appeal_by:
        raise Conflict(f"The time to ask for a review ended on {clock.format_date(case.appeal_by)}.")
    actor = acting_user if acting_user is not None else PUBLIC
    appeal = Appeal.objects.create(council=case.council, case=case, grounds=grounds, requested_at=clock.now(),
                                   requested_by=acting_user if getattr(acting_user, "pk", None) else None)
    case.status = CaseStatus.APPEALED
    case.save(update_fields=["status"])
    add_action(case, kind=ActionKind.APPEAL_REQUESTED, visibility=Visibility.PUBLIC, by=actor,
               text=f"A review of the decision was asked for. Grounds: {grounds}")
    audit_record(council=case.council, actor=actor, event_type=EventType.COMPLAINT_APPEAL_REQUESTED,
                 target=case.complaint, data={"case": case.pk, "appeal": appeal.pk})
    notify.tell_complainant(case.complaint, "Your request for a review", [
        "We have your request for a review of our decision. Someone who did not make the first decision "
        "will review it."])
    notify.tell_handlers(case, "A review of a complaint decision is asked for", [
        "The complainant asks for the internal review. It must be decided by someone other than the first "
        "decider."], _appeal_deciders(case))
    return appeal


def _reverse(action: EnforcementAction, acting_user, reason: str) -> str:
    from herald.channels.services import channel_decide
    from herald.people.services import suspension_lift

    now = clock.now()
    if action.kind == EnforcementKind.SUSPENSION:
        suspension = Suspension.objects.get(pk=action.suspension_id)
        if suspension.lifted_at is None and (suspension.ends_at is None or suspension.ends_at > now):
            suspension_lift(acting_user=acting_user, suspension=suspension, reason=reason)
            note = "Suspension lifted."
            notify.tell_representative(action.representative, "Your publishing rights are restored", [
                f"On review, the decision on complaint {action.case.complaint.reference} was overturned. Your "
                "suspension is lifted from now."])
        else:
            note = "The suspension had already ended."
    elif action.kind == EnforcementKind.CLOSURE:
        channel = Channel.objects.get(pk=action.channel_id)
        if channel.status == ChannelStatus.CLOSED:
            channel_decide(acting_user=acting_user, channel=channel, action="reopen", reason=reason)
            note = f"Channel {channel.name} reopened."
        else:
            note = f"Channel {channel.name} was no longer closed."
    elif action.kind == EnforcementKind.REMOVAL:
        note = REMOVAL_NOT_REPOSTED
    else:
        note = "Tell whoever received the referral that the decision was overturned on review."
    action.reversed_at, action.reversed_by, action.reversal_note = now, acting_user, note
    action.save(update_fields=["reversed_at", "reversed_by", "reversal_note"])
    return note


@transaction.atomic
def appeal_decide(*, acting_user, case: Case, outcome: str, reasons: str) -> Appeal:
    """Decide the review: by someone other than the first decider. Overturning lifts the sanctions
    (suspensions lifted, channels reopened; a removed post is not re-published, which is recorded).
    The case then closes and its legal holds are released."""
    case = lock_case(case)
    rep = representative_for_user(acting_user)
    if case.status != CaseStatus.APPEALED:
        raise Conflict("No review is waiting for a decision on this case.")
    if rep is not None and rep.user_id == case.decision.decided_by_id:
        raise NotAllowed("You made the first decision: someone else must decide the review.")
    if not can_decide_appeal(rep, case):
        raise NotAllowed("You cannot decide this review.")
    if outcome not in AppealOutcome.values:
        raise ValidationFailed("Choose whether the decision stands.", field="outcome")
    reasons = clean_note(reasons, what="the reasons", field="reasons")
    appeal = Appeal.objects.select_for_update().get(case=case)
    appeal.outcome, appeal.reasons, appeal.decided_by, appeal.decided_at = outcome, reasons, acting_user, clock.now()
    appeal.save(update_fields=["outcome", "reasons", "decided_by", "decided_at"])
    add_action(case, kind=ActionKind.APPEAL_DECIDED, visibility=Visibility.PUBLIC, by=acting_user,
               text=f"Review: {AppealOutcome(outcome).label.lower()}. Reasons: {reasons}")
    reversed_notes = []
    if outcome == AppealOutcome.OVERTURNED:
        for action in case.enforcement_actions.filter(reversed_at__isnull=True).select_related("representative",
                                                                                             "case__complaint"):
            note = _reverse(action, acting_user, f"Complaint {case.complaint.reference}: overturned on review.")
            reversed_notes.append(note)
            add_action(case, kind=ActionKind.ENFORCEMENT_REVERSED, visibility=Visibility.STAFF, by=acting_user,
                       text=f"{EnforcementKind(action.kind).label}: {note}")
            audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_ENFORCEMENT_REVERSED,
                         target=case.complaint, data={"case": case.pk, "action": action.pk, "kind": action.kind,
                                                      "note": note})
    audit_record(council=case.council, actor=acting_user, event_type=EventType.COMPLAINT_APPEAL_DECIDED,
                 target=case.complaint, data={"case": case.pk, "outcome": outcome, "reasons": reasons,
                                              "reversed": reversed_notes})
    case_close(case, acting_user, "The review is decided. This is the last stage of the council's procedure.")
    notify.tell_complainant(case.complaint, "The review of your complaint", [
        f"The review is decided: {AppealOutcome(outcome).label.lower()}.", f"Reasons: {reasons}",
        "This is the last stage of the council's complaints procedure."])
    return appeal
