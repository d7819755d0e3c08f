"""Background tasks (django-tasks; `herald worker` runs them). Thin: they call services."""

from __future__ import annotations

from django_tasks import task

from herald.posts.services.publishing import publication_attempt


@task()
def publication_run(publication_id: int) -> str:
    return publication_attempt(publication_id=publication_id)
