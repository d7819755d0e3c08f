"""Emails about posts: sent after the service's transaction commits (never for a rolled-back change)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from herald.people.models import Representative, Role
from herald.posts.models import Post

log = logging.getLogger(__name__)


def _post_url(post: Post) -> str:
    return f"{settings.HERALD_BASE_URL}/posts/{post.pk}/"


def _send(subject: str, body: str, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # noqa: BLE001 - an email failure never undoes the change; it is logged
            log.exception("could not send email %r", subject)

    transaction.on_commit(send)


def clerk_emails(council) -> list[str]:
    return [r.official_email for r in Representative.objects.filter(council=council, active=True)
            if Role.CLERK in r.roles]


def author_email(post: Post) -> list[str]:
    return [post.author.official_email]


def tell_author(post: Post, subject: str, lines: list[str]) -> None:
    _send(f"{subject}: {post}", "\n\n".join([f"Dear {post.author.name},", *lines,
                                            f"See the post: {_post_url(post)}"]), author_email(post))


def tell_clerk(post: Post, subject: str, lines: list[str]) -> None:
    _send(f"{subject}: {post}", "\n\n".join([*lines, f"See the post: {_post_url(post)}"]), clerk_emails(post.council))
