"""Shortcuts for the post tests: each goes through the real services."""

from __future__ import annotations

from herald.posts import services
from herald.posts.models import Post


def draft(rep, text, channels):
    return services.post_create_draft(acting_user=rep.user, council=rep.council, author=rep, text=text,
                                      channels=list(channels))


def fresh(post) -> Post:
    return Post.objects.get(pk=post.pk)
