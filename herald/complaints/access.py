"""Who may see and handle a complaint case. Capabilities are data (herald.people.capabilities):

* a case handled by the Clerk needs `handle_complaints`;
* a case that concerns the Clerk (or anyone who handles complaints) is handled by the Chair and
  needs `handle_complaints_about_clerk`, which the Clerk does not have: the Clerk never sees it;
* once a review (appeal) is asked for, holders of `decide_complaint_appeals` may see a Clerk-handled
  case to decide the review, unless they made the first decision;
* the person complained about never handles or decides their own case (they may respond to it).

Missing cases, other councils' cases and cases one may not see all give the same NotFound.
"""

from __future__ import annotations

from herald.complaints.models import Case, Complaint, Handler
from herald.core.errors import NotAllowed, NotFound
from herald.people.access import representative_for_user
from herald.people.capabilities import Capability, capabilities_for
from herald.people.models import Representative

HANDLER_CAPABILITY = {Handler.CLERK: Capability.HANDLE_COMPLAINTS,
                      Handler.CHAIR: Capability.HANDLE_COMPLAINTS_ABOUT_CLERK}
LIST_CAPABILITIES = frozenset(HANDLER_CAPABILITY.values()) | {Capability.DECIDE_COMPLAINT_APPEALS}


def complaint_subject(complaint: Complaint) -> Representative | None:
    """The representative the complaint is about: named, or the post's author, or the channel's owner."""
    if complaint.representative_id:
        return complaint.representative
    if complaint.post_id:
        return complaint.post.author
    if complaint.channel_id:
        return complaint.channel.owner
    return None


def handles_complaints(rep: Representative) -> bool:
    return Capability.HANDLE_COMPLAINTS in capabilities_for(rep.roles)


def _is_subject(rep: Representative, case: Case) -> bool:
    subject = complaint_subject(case.complaint)
    return subject is not None and subject.pk == rep.pk


def can_handle(rep: Representative | None, case: Case) -> bool:
    return (rep is not None and rep.council_id == case.council_id and not _is_subject(rep, case)
            and HANDLER_CAPABILITY[Handler(case.handler)] in capabilities_for(rep.roles))


def _first_decider_id(case: Case) -> int | None:
    decision = getattr(case, "decision", None) if case.decided_at else None
    return decision.decided_by_id if decision else None


def _appeal_reviewer(rep: Representative, case: Case) -> bool:
    return (case.handler == Handler.CLERK and hasattr(case, "appeal")
            and Capability.DECIDE_COMPLAINT_APPEALS in capabilities_for(rep.roles))


def can_see(rep: Representative | None, case: Case) -> bool:
    if rep is None or rep.council_id != case.council_id or _is_subject(rep, case):
        return False
    return can_handle(rep, case) or _appeal_reviewer(rep, case)


def can_decide_appeal(rep: Representative | None, case: Case) -> bool:
    if not can_see(rep, case) or rep.user_id is None or rep.user_id == _first_decider_id(case):
        return False
    return can_handle(rep, case) or _appeal_reviewer(rep, case)


def may_list_cases(user) -> bool:
    rep = representative_for_user(user)
    return rep is not None and bool(LIST_CAPABILITIES & capabilities_for(rep.roles))


def access_case_by_id(user, case_id: int) -> Case:
    """A case the user may see; NotFound for anything else."""
    rep = representative_for_user(user)
    case = (Case.objects.select_related("complaint", "complaint__post", "complaint__post__author",
                                        "complaint__channel", "complaint__channel__owner",
                                        "complaint__representative", "assigned_to", "council")
            .filter(pk=case_id).first())
    if case is None or not can_see(rep, case):
        raise NotFound("Page not found.")
    return case


def require_handler(acting_user, case: Case) -> Representative:
    """The acting person must handle this case (services call this)."""
    rep = representative_for_user(acting_user)
    if not can_handle(rep, case):
        if rep is not None and _is_subject(rep, case):
            raise NotAllowed("You cannot handle a complaint about yourself.")
        raise NotAllowed("Only the person handling this complaint can do this.")
    return rep


def access_case_as_subject(user, case_id: int) -> Case:
    """The case, for the person it is about (to read it and respond); NotFound for anyone else."""
    rep = representative_for_user(user)
    case = Case.objects.select_related("complaint", "complaint__post", "complaint__post__author",
                                       "complaint__channel", "complaint__channel__owner",
                                       "complaint__representative").filter(pk=case_id).first()
    if case is None or rep is None or rep.council_id != case.council_id or not _is_subject(rep, case) \
            or case.subject_told_at is None:
        raise NotFound("Page not found.")
    return case
