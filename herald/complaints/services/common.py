"""Shared pieces of the complaint services: timeline entries, deadlines, holds, locking."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from herald.complaints.models import ActionKind, Case, CaseAction, Complaint, Visibility
from herald.core import clock
from herald.core.errors import ValidationFailed
from herald.elections.timetable import COMPLAINTS, working_days_after
from herald.policy.selectors import council_settings
from herald.records.audit import actor_label_for
from herald.records.holds import holds_in_force, legal_hold_place, legal_hold_release

#: The audit trail's actor for what the public sends through the complaint form (no personal data).
PUBLIC = SimpleNamespace(pk=None, full_name="", email="Member of the public (complaint form)")
MAX_NOTE = 5000


def complaint_settings(council) -> dict:
    """The complaint periods (working days) from the council's policy YAML (DOMAIN.md section 2)."""
    return council_settings(council=council)["complaints"]


def deadline(council, start: dt.date, setting: str) -> dt.date:
    """`start` plus the policy's number of working days for `setting` (England working days)."""
    return working_days_after(start, int(complaint_settings(council)[setting]), COMPLAINTS)


def london_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.LONDON).date()


def clean_note(text: str, *, what: str = "the note", field: str = "text", limit: int = MAX_NOTE) -> str:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationFailed(f"Enter {what}.", field=field)
    if len(text) > limit:
        raise ValidationFailed(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer "
                               f"(it is {len(text):,}).", field=field)
    return text


def add_action(case: Case, *, kind: str, text: str, by=None, visibility: str = Visibility.STAFF) -> CaseAction:
    user = by if getattr(by, "pk", None) else None
    return CaseAction.objects.create(council_id=case.council_id, case=case, kind=kind, visibility=visibility,
                                     text=text, by=user, by_label=actor_label_for(by) if by is not None else "Herald",
                                     at=clock.now())


def lock_case(case: Case) -> Case:
    return (Case.objects.select_for_update().select_related("complaint", "council", "complaint__council")
            .get(pk=case.pk))


def held_objects(complaint: Complaint) -> list:
    return [obj for obj in (complaint.post, complaint.channel, complaint.representative) if obj is not None]


def place_holds(case: Case, acting_user) -> None:
    complaint = case.complaint
    for obj in held_objects(complaint):
        legal_hold_place(acting_user=acting_user, council=case.council, target=obj, complaint=complaint,
                         reason=f"Open complaint {complaint.reference}")
        add_action(case, kind=ActionKind.HOLD, visibility=Visibility.INTERNAL, by=acting_user,
                   text=f"Legal hold placed on {obj._meta.verbose_name} “{obj}”: it cannot be purged or deleted "
                        "while the case is open.")


def release_holds(case: Case, acting_user, reason: str) -> None:
    for hold in holds_in_force(council=case.council).filter(complaint=case.complaint):
        legal_hold_release(acting_user=acting_user, hold=hold, reason=reason)
        add_action(case, kind=ActionKind.HOLD, visibility=Visibility.INTERNAL, by=acting_user,
                   text=f"Legal hold on “{hold.target_label}” released: {reason}")
