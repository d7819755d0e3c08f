"""The Clerk's side: the review queue, decisions (approve, reject, ask for changes) and takedown."""

from __future__ import annotations

from ninja import Query, Router

from herald.api import present
from herald.api.auth import api_user
from herald.api.endpoints.common import errors, need, post_id
from herald.api.endpoints.posts import detail
from herald.api.schemas import ApproveIn, DecisionIn, PageIn, PostDetailOut, PostPage, TakeDownIn
from herald.people.capabilities import Capability
from herald.posts import services
from herald.posts.selectors import access_post_by_id, post_list_for_review

router = Router(tags=["review"])
DECIDED = {200: PostDetailOut, **errors(404, 409, 422)}


@router.get("/review-queue", response={200: PostPage, **errors()}, url_name="api-review-queue",
            summary="Posts waiting for review", description="Posts waiting for the Clerk, oldest first.")
def review_queue(request, query: Query[PageIn]):
    rep = need(request, Capability.REVIEW_POSTS)
    return present.page(post_list_for_review(council=rep.council), query, present.post)


@router.post("/posts/{post_id}/approve", response=DECIDED, url_name="api-post-approve", summary="Approve a post",
             description="Approve the version of the post you read (`version`): if it has changed since, the "
                         "approval is refused with 409. Nobody approves their own post.")
def post_approve(request, payload: ApproveIn, post_id: int = post_id()):
    need(request, Capability.REVIEW_POSTS)
    post = access_post_by_id(api_user(request), post_id)
    post = services.post_approve(acting_user=api_user(request), post=post, post_version=payload.version,
                                 reason=payload.note)
    return detail(request, post)


@router.post("/posts/{post_id}/reject", response=DECIDED, url_name="api-post-reject", summary="Reject a post",
             description="Reject a post waiting for review. The reason is required; the author is shown it.")
def post_reject(request, payload: DecisionIn, post_id: int = post_id()):
    need(request, Capability.REVIEW_POSTS)
    post = access_post_by_id(api_user(request), post_id)
    post = services.post_reject(acting_user=api_user(request), post=post, reason=payload.reason,
                                post_version=payload.version)
    return detail(request, post)


@router.post("/posts/{post_id}/request-changes", response=DECIDED, url_name="api-post-request-changes",
             summary="Ask for changes", description="Send a post back to its author to change. The reason is "
             "required; the author is shown it.")
def post_request_changes(request, payload: DecisionIn, post_id: int = post_id()):
    need(request, Capability.REVIEW_POSTS)
    post = access_post_by_id(api_user(request), post_id)
    post = services.post_request_changes(acting_user=api_user(request), post=post, reason=payload.reason,
                                         post_version=payload.version)
    return detail(request, post)


@router.post("/posts/{post_id}/take-down", response=DECIDED, url_name="api-post-take-down",
             summary="Take a published post down",
             description="Delete the post from every platform it is on (publications not yet made are withdrawn). "
                         "The archive keeps its record; the reason is required and the author is told.")
def post_take_down(request, payload: TakeDownIn, post_id: int = post_id()):
    need(request, Capability.TAKE_DOWN_POSTS)
    post = access_post_by_id(api_user(request), post_id)
    post = services.post_take_down(acting_user=api_user(request), post=post, reason=payload.reason)
    return detail(request, post)
