"""POST /api/screen: screen a text against the council's policy. Nothing is stored."""

from __future__ import annotations

from ninja import Router

from herald.api import present
from herald.api.auth import api_user
from herald.api.endpoints.common import errors, need
from herald.api.schemas import ScreenIn, ScreenOut
from herald.core import clock
from herald.people.capabilities import Capability
from herald.posts.models import Post
from herald.posts.screening import context_for, screener_for, screening_check_personal
from herald.screening import ENGINE_VERSION

router = Router(tags=["screening"])


def _findings(request, council, findings) -> list[dict]:
    return [present.finding(request, council, rule_id=f.rule_id, clause_id=f.clause_id, category=f.category,
                            severity=f.severity, message=f.message, evidence=f.evidence,
                            start=f.spans[0].start if f.spans else None, end=f.spans[0].end if f.spans else None)
            for f in findings]


@router.post("/screen", response={200: ScreenOut, **errors(422)}, url_name="api-screen",
             summary="Screen a text", description="Check a text against the council's social media policy, as "
             "the token's owner would post it, and return the verdict and findings. `channel` official (the "
             "default): a post on the council's channels, with pre-election rules when a period is in force; "
             "personal: the owner's own account (for Members, ident.6 too), as the personal-capacity assistant "
             "does. Nothing is stored.")
def screen(request, payload: ScreenIn):
    if payload.channel == "personal":
        rep = need(request, Capability.CHECK_PERSONAL_POSTS)
        check = screening_check_personal(acting_user=api_user(request), text=payload.text)
        return {"verdict": check.verdict, "policy_version": str(check.policy_version.number)
                if check.policy_version else "", "engine_version": ENGINE_VERSION, "pre_election": False,
                "findings": _findings(request, rep.council, check.findings)}
    rep = need(request, Capability.DRAFT_POSTS)
    council, version = rep.council, rep.council.active_policy
    if version is None:
        return {"verdict": "pass", "policy_version": "", "engine_version": "", "pre_election": False,
                "findings": []}
    draft = Post(council=council, author=rep, text=payload.text)  # never saved: the context reads it
    context, period = context_for(post=draft, channels=[], at=clock.now(), attachments=[])
    report = screener_for(version).screen(payload.text, context)
    return {"verdict": report.verdict, "policy_version": report.policy_version,
            "engine_version": report.engine_version, "pre_election": period is not None,
            "findings": _findings(request, council, report.findings)}
