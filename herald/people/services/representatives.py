from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.councils.models import Council
from herald.people.models import (
    Kind,
    PolicyAcknowledgement,
    RegisteredInterest,
    Representative,
    Role,
    Suspension,
    User,
)
from herald.policy.selectors import council_settings
from herald.records.audit import audit_record
from herald.records.events import EventType

TRACKED = ("name", "kind", "roles", "official_email", "organisation", "job_title")


def _snapshot(rep: Representative) -> dict:
    return {name: getattr(rep, name) for name in TRACKED}


def _clean(*, council: Council, name: str, kind: str, roles: list[str], official_email: str,
           exclude_pk: int | None = None) -> tuple[str, str, list[str], str]:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("Enter the person's full name.", field="name")
    if len(name) > 200:
        raise ValidationFailed("The name must be 200 characters or fewer.", field="name")
    if kind not in Kind.values:
        raise ValidationFailed("Select what kind of representative this is.", field="kind")
    roles = sorted(set(roles))
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValidationFailed(f"Unknown role: {', '.join(unknown)}.", field="roles")
    if (Role.MEMBER in roles or Role.CHAIR in roles) and kind != Kind.MEMBER:
        raise ValidationFailed("Only an Elected Member can have the member or chair role.", field="roles")
    if (Role.CLERK in roles or Role.OFFICER in roles) and kind != Kind.EMPLOYEE:
        raise ValidationFailed("Only an employee can have the clerk or officer role.", field="roles")
    official_email = (official_email or "").strip().lower()
    try:
        validate_email(official_email)
    except DjangoValidationError:
        raise ValidationFailed("Enter an email address in the correct format, like name@example.gov.uk.",
                               field="official_email") from None
    domains = council_settings(council=council)["official_email_domains"]
    if kind == Kind.EMPLOYEE and domains and official_email.rsplit("@", 1)[1] not in domains:
        raise ValidationFailed(
            f"Employees must use an official council email address (@{' or @'.join(domains)}), "
            "as the policy requires (ident.1).", field="official_email")
    clash = Representative.objects.filter(council=council, official_email=official_email).exclude(pk=exclude_pk)
    if clash.exists():
        raise Conflict("Someone in the register already has this email address.", field="official_email")
    return name, kind, roles, official_email


def _require_clerk_remains(council: Council, leaving: Representative) -> None:
    others = Representative.objects.filter(council=council, active=True).exclude(pk=leaving.pk)
    if not any("clerk" in r.roles for r in others):  # JSON "contains" differs between databases
        raise NotAllowed("The council must keep at least one active Clerk.")


@transaction.atomic
def representative_create(*, acting_user, council: Council, name: str, kind: str, roles: list[str],
                          official_email: str, organisation: str = "", job_title: str = "") -> Representative:
    name, kind, roles, official_email = _clean(council=council, name=name, kind=kind, roles=roles,
                                               official_email=official_email)
    rep = Representative(council=council, name=name, kind=kind, roles=roles, official_email=official_email,
                         organisation=organisation.strip()[:200], job_title=job_title.strip()[:200])
    try:
        with transaction.atomic():
            rep.save()
    except IntegrityError:
        raise Conflict("Someone in the register already has this email address.", field="official_email") from None
    audit_record(council=council, actor=acting_user, event_type=EventType.REPRESENTATIVE_ADDED, target=rep,
                 after=_snapshot(rep))
    return rep


@transaction.atomic
def representative_update(*, acting_user, representative: Representative, name: str, kind: str,
                          roles: list[str], official_email: str, organisation: str = "",
                          job_title: str = "") -> Representative:
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    before = _snapshot(rep)
    name, kind, roles, official_email = _clean(council=rep.council, name=name, kind=kind, roles=roles,
                                               official_email=official_email, exclude_pk=rep.pk)
    if "clerk" in rep.roles and "clerk" not in roles:
        _require_clerk_remains(rep.council, rep)
    if rep.user_id and official_email != rep.official_email and User.objects.filter(email=official_email).exclude(pk=rep.user_id).exists():
        raise Conflict("Another sign-in account already uses this email address.", field="official_email")
    rep.name, rep.kind, rep.roles, rep.official_email = name, kind, roles, official_email
    rep.organisation, rep.job_title = organisation.strip()[:200], job_title.strip()[:200]
    rep.save(update_fields=["name", "kind", "roles", "official_email", "organisation", "job_title"])
    if rep.user_id:
        User.objects.filter(pk=rep.user_id).update(email=official_email, full_name=name)
    after = _snapshot(rep)
    if after != before:
        audit_record(council=rep.council, actor=acting_user, event_type=EventType.REPRESENTATIVE_UPDATED, target=rep,
                     before={k: v for k, v in before.items() if after[k] != v},
                     after={k: v for k, v in after.items() if before[k] != v})
    return rep


@transaction.atomic
def representative_deactivate(*, acting_user, representative: Representative, reason: str) -> Representative:
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    if not reason.strip():
        raise ValidationFailed("Enter why this person is leaving the register.", field="reason")
    if acting_user is not None and rep.user_id == acting_user.pk:
        raise NotAllowed("You cannot deactivate your own record.")
    if not rep.active:
        raise Conflict("This person is already inactive.")
    if "clerk" in rep.roles:
        _require_clerk_remains(rep.council, rep)
    rep.active = False
    rep.save(update_fields=["active"])
    if rep.user_id:
        User.objects.filter(pk=rep.user_id).update(is_active=False)
    audit_record(council=rep.council, actor=acting_user, event_type=EventType.REPRESENTATIVE_DEACTIVATED, target=rep,
                 data={"reason": reason.strip()})
    return rep


@transaction.atomic
def representative_reactivate(*, acting_user, representative: Representative) -> Representative:
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    if rep.active:
        raise Conflict("This person is already active.")
    rep.active = True
    rep.save(update_fields=["active"])
    if rep.user_id:
        User.objects.filter(pk=rep.user_id).update(is_active=True)
    audit_record(council=rep.council, actor=acting_user, event_type=EventType.REPRESENTATIVE_REACTIVATED, target=rep)
    return rep


@transaction.atomic
def suspension_create(*, acting_user, representative: Representative, starts_at: dt.datetime,
                      ends_at: dt.datetime | None, reason: str, case=None) -> Suspension:
    """Suspend a representative's publishing rights (policy enforce.breach) from/until, with a reason
    (and the complaint case that led to it, if any)."""
    if not reason.strip():
        raise ValidationFailed("Enter the reason for the suspension.", field="reason")
    if ends_at is not None and ends_at <= clock.now():
        raise ValidationFailed("The end date must be in the future.", field="ends_at")
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationFailed("The end date must be after the start date.", field="ends_at")
    if acting_user is not None and representative.user_id == acting_user.pk:
        raise NotAllowed("You cannot suspend your own publishing rights.")
    rep = Representative.objects.select_for_update().get(pk=representative.pk)
    suspension = Suspension(council=rep.council, representative=rep, starts_at=starts_at, ends_at=ends_at,
                            reason=reason.strip(), decided_by=acting_user, decided_at=clock.now(), case=case)
    suspension.full_clean()
    suspension.save()
    audit_record(council=rep.council, actor=acting_user, event_type=EventType.PUBLISHING_SUSPENDED, target=rep,
                 after={"suspension": suspension.pk, "from": starts_at, "until": ends_at, "reason": suspension.reason,
                        **({"case": case.pk} if case is not None else {})})
    return suspension


@transaction.atomic
def suspension_lift(*, acting_user, suspension: Suspension, reason: str) -> Suspension:
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    if suspension.lifted_at is not None:
        raise Conflict("This suspension has already been lifted.")
    if suspension.ends_at is not None and suspension.ends_at <= clock.now():
        raise Conflict("This suspension has already ended.")
    if not reason.strip():
        raise ValidationFailed("Enter why the suspension is being lifted.", field="reason")
    suspension.lifted_at, suspension.lifted_by, suspension.lift_reason = clock.now(), acting_user, reason.strip()
    suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(council=suspension.council, actor=acting_user, event_type=EventType.SUSPENSION_LIFTED,
                 target=suspension.representative, data={"suspension": suspension.pk, "reason": suspension.lift_reason})
    return suspension


@transaction.atomic
def interest_register(*, acting_user, representative: Representative, category: str, description: str,
                      registered_on: dt.date) -> RegisteredInterest:
    if representative.kind != Kind.MEMBER:
        raise ValidationFailed("Only Elected Members keep a register of interests.")
    interest = RegisteredInterest(council=representative.council, representative=representative, category=category,
                                  description=(description or "").strip(), registered_on=registered_on)
    if not interest.description:
        raise ValidationFailed("Describe the interest.", field="description")
    if registered_on > clock.today_in_london():
        raise ValidationFailed("The date registered must be today or in the past.", field="registered_on")
    try:
        interest.full_clean()
    except DjangoValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(messages[0], field=field) from None
    interest.save()
    audit_record(council=representative.council, actor=acting_user, event_type=EventType.INTEREST_REGISTERED,
                 target=representative, after={"interest": interest.pk, "category": category,
                                               "description": interest.description})
    return interest


@transaction.atomic
def interest_remove(*, acting_user, interest: RegisteredInterest) -> RegisteredInterest:
    interest = RegisteredInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.removed_at is not None:
        raise Conflict("This interest has already been removed.")
    interest.removed_at = clock.now()
    interest.save(update_fields=["removed_at"])
    audit_record(council=interest.council, actor=acting_user, event_type=EventType.INTEREST_REMOVED,
                 target=interest.representative, data={"interest": interest.pk, "description": interest.description})
    return interest


@transaction.atomic
def policy_acknowledge(*, acting_user, representative: Representative) -> PolicyAcknowledgement:
    version = representative.council.active_policy
    if version is None:
        raise Conflict("The council has no policy loaded yet.")
    ack, created = PolicyAcknowledgement.objects.get_or_create(
        representative=representative, policy_version=version,
        defaults={"council": representative.council, "acknowledged_at": clock.now()})
    if created:
        audit_record(council=representative.council, actor=acting_user, event_type=EventType.POLICY_ACKNOWLEDGED,
                     target=representative, data={"policy_version": version.number})
    return ack
