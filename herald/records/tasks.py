"""Background tasks (django-tasks; `herald worker` runs them). Thin: they call services."""

from __future__ import annotations

from django_tasks import task

from herald.records.foi import foi_export_build, foi_export_scan


@task()
def foi_export_scan_run(export_id: int) -> str:
    """Look for third parties' personal data in an FOI export's records (classes to confirm)."""
    return foi_export_scan(export_id=export_id)


@task()
def foi_export_build_run(export_id: int) -> str:
    """Write an FOI export bundle (ZIP) under HERALD_DATA_DIR/foi, redacted as the Clerk confirmed."""
    return foi_export_build(export_id=export_id)
