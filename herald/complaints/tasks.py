"""Background tasks (django-tasks; `herald worker` runs them). Thin: they call services."""

from __future__ import annotations

from django_tasks import task

from herald.complaints.services.cases import cases_close_due


@task()
def case_close_due_run(case_id: int) -> int:
    """Close the case if its review window has passed (queued for the window's end at the decision)."""
    return cases_close_due(case_id=case_id)
