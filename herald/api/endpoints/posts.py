"""Posts: the author's list, drafts (create, read, change), submit and withdraw, publications."""

from __future__ import annotations

from ninja import Body, Query, Router, Status

from herald.api import present
from herald.api.auth import api_user
from herald.api.endpoints.common import errors, need, post_id
from herald.api.schemas import (
    PageIn,
    PostCreateIn,
    PostDetailOut,
    PostListIn,
    PostPage,
    PostUpdateIn,
    PublicationPage,
    ScheduleIn,
    SubmitIn,
)
from herald.core.errors import NotFound, ValidationFailed
from herald.people.capabilities import Capability
from herald.people.models import Representative
from herald.posts import services
from herald.posts.models import Post
from herald.posts.selectors import access_post_by_id, post_list_for_author, postable_channels, screening_latest

router = Router(tags=["posts"])


def detail(request, post: Post) -> dict:
    post = access_post_by_id(api_user(request), post.pk)  # fresh, after any service
    return {**present.post(post), "screening": present.screening_run(request, screening_latest(post=post))}


def chosen_channels(rep: Representative, ids: list[int]) -> list:
    ids = list(dict.fromkeys(ids))
    found = {c.pk: c for c in postable_channels(rep).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise ValidationFailed("Choose only active channels you are authorised to post on (GET /api/channels).",
                               field="channels", details={"unknown": [i for i in ids if i not in found]})
    return [found[i] for i in ids]


def own_post(request, rep: Representative, pk: int) -> Post:
    """A post the token's owner wrote: NotFound for anyone else's (as on the web)."""
    post = access_post_by_id(api_user(request), pk)
    if post.author_id != rep.pk:
        raise NotFound("Not found.")
    return post


@router.get("/posts", response={200: PostPage, **errors()}, url_name="api-posts", summary="Your posts",
            description="The token owner's posts, most recently changed first. Filter by state if you like.")
def post_list(request, query: Query[PostListIn]):
    rep = need(request, Capability.DRAFT_POSTS)
    posts = post_list_for_author(representative=rep).select_related("author")
    if query.state:
        posts = posts.filter(state=query.state)
    return present.page(posts, query, present.post)


@router.post("/posts", response={201: PostDetailOut, **errors(409, 422)}, summary="Write a draft",
             description="A new draft by the token's owner, screened at once. It is not submitted.")
def post_create(request, payload: PostCreateIn):
    rep = need(request, Capability.DRAFT_POSTS)
    post = services.post_create_draft(acting_user=api_user(request), council=rep.council, author=rep,
                                      text=payload.text, channels=chosen_channels(rep, payload.channels))
    return Status(201, detail(request, post))


@router.get("/posts/{post_id}", response={200: PostDetailOut, **errors(404)}, url_name="api-post",
            summary="A post", description="Your own post, or any post of your council if you review posts or "
            "read the archive, with its latest screening.")
def post_get(request, post_id: int = post_id()):
    need(request, Capability.DRAFT_POSTS)
    return detail(request, access_post_by_id(api_user(request), post_id))


@router.patch("/posts/{post_id}", response={200: PostDetailOut, **errors(404, 409, 422)}, summary="Change a post",
              description="Change the text or channels of your own post; it is screened again. Changing an "
                          "approved post makes it a draft again.")
def post_update(request, payload: PostUpdateIn, post_id: int = post_id()):
    rep = need(request, Capability.DRAFT_POSTS)
    post = own_post(request, rep, post_id)
    channels = (chosen_channels(rep, payload.channels) if payload.channels is not None
                else list(post.channels.all()))
    text = payload.text if payload.text is not None else post.text
    post = services.post_update_draft(acting_user=api_user(request), post=post, text=text, channels=channels)
    return detail(request, post)


@router.post("/posts/{post_id}/submit", response={200: PostDetailOut, **errors(404, 409, 422)},
             url_name="api-post-submit", summary="Submit a post",
             description="Submit your draft: it goes to the Clerk, or is scheduled at once if screening passes "
                         "and your role may publish directly.")
def post_submit(request, payload: SubmitIn = Body(None), post_id: int = post_id()):
    rep = need(request, Capability.DRAFT_POSTS)
    post = own_post(request, rep, post_id)
    post = services.post_submit(acting_user=api_user(request), post=post,
                                request_override=bool(payload and payload.request_override))
    return detail(request, post)


@router.post("/posts/{post_id}/withdraw", response={200: PostDetailOut, **errors(404, 409, 422)},
             url_name="api-post-withdraw", summary="Withdraw a post from review",
             description="Take your post back from the Clerk's queue to change it: it becomes a draft.")
def post_withdraw(request, post_id: int = post_id()):
    rep = need(request, Capability.DRAFT_POSTS)
    post = services.post_withdraw(acting_user=api_user(request), post=own_post(request, rep, post_id))
    return detail(request, post)


@router.post("/posts/{post_id}/schedule", response={200: PostDetailOut, **errors(404, 409, 422)},
             url_name="api-post-schedule", summary="Choose when your post goes out",
             description="Set the time your post is published (or null: as soon as it is approved). A time in a "
                         "pre-election period that closes its channels is refused with 409.")
def post_schedule(request, payload: ScheduleIn, post_id: int = post_id()):
    rep = need(request, Capability.DRAFT_POSTS)
    post = services.post_schedule(acting_user=api_user(request), post=own_post(request, rep, post_id),
                                  when=payload.at)
    return detail(request, post)


@router.get("/posts/{post_id}/publications", response={200: PublicationPage, **errors(404)},
            url_name="api-post-publications", summary="Where a post is published",
            description="One publication per channel: its state, address and publishing attempts.")
def post_publications(request, query: Query[PageIn], post_id: int = post_id()):
    need(request, Capability.DRAFT_POSTS)
    post = access_post_by_id(api_user(request), post_id)
    return present.page(post.publications.select_related("channel").order_by("channel__name", "pk"), query,
                        present.publication)
