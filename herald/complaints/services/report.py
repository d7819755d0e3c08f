"""The complaints report for the council meeting, exported (the export is audited)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from herald.complaints.selectors import settled_report
from herald.core.errors import NotAllowed, ValidationFailed
from herald.councils.models import Council
from herald.people.access import require_capability
from herald.people.capabilities import Capability
from herald.records.audit import audit_record
from herald.records.events import EventType


@transaction.atomic
def complaints_report_export(*, acting_user, council: Council, date_from: dt.date, date_to: dt.date) -> list[dict]:
    rep = require_capability(acting_user, Capability.HANDLE_COMPLAINTS)
    if rep.council_id != council.pk:
        raise NotAllowed("You do not have permission to do this.")
    if date_from > date_to:
        raise ValidationFailed("The 'to' date must be the same as or after the 'from' date.", field="date_to")
    rows = [r.as_dict() for r in settled_report(council=council, date_from=date_from, date_to=date_to)]
    audit_record(council=council, actor=acting_user, event_type=EventType.COMPLAINTS_REPORT_EXPORTED,
                 data={"from": date_from, "to": date_to, "rows": len(rows)})
    return rows
