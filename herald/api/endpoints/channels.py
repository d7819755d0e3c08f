"""GET /api/channels: the channels the token's owner may post on."""

from __future__ import annotations

from ninja import Query, Router

from herald.api import present
from herald.api.endpoints.common import errors, need
from herald.api.schemas import ChannelPage, PageIn
from herald.people.capabilities import Capability
from herald.posts.selectors import postable_channels

router = Router(tags=["channels"])


@router.get("/channels", response={200: ChannelPage, **errors()}, url_name="api-channels",
            summary="Channels you may post on", description="Active channels the token's owner is authorised "
            "to post on, by name.")
def channel_list(request, query: Query[PageIn]):
    rep = need(request, Capability.DRAFT_POSTS)
    return present.page(postable_channels(rep), query, present.channel)
