"""Complaint services: the only write path for complaints, cases, decisions, actions and appeals."""

from herald.complaints.services.cases import (  # noqa: F401
    case_acknowledge,
    case_add_note,
    case_decide,
    case_record_response,
    case_route,
    case_tell_subject,
    cases_close_due,
)
from herald.complaints.services.enforcement import appeal_decide, appeal_request, enforcement_take  # noqa: F401
from herald.complaints.services.intake import SubmitResult, complaint_submit  # noqa: F401
from herald.complaints.services.report import complaints_report_export  # noqa: F401
