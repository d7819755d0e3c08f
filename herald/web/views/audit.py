from __future__ import annotations

import csv

import json

from django.core.paginator import Paginator
from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import render

from herald.core import clock
from herald.core.spreadsheet import safe_cell
from herald.people.capabilities import Capability
from herald.records.audit import EXPORT_FIELDS, audit_record, audit_rows
from herald.records.events import EventType
from herald.records.selectors import audit_event_list
from herald.web.forms import AuditFilterForm
from herald.web.views.base import staff_view


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = audit_event_list(council=request.rep.council, **{k: v for k, v in filters.items() if v})
    return form, events


@staff_view(Capability.VIEW_AUDIT)
def audit_list(request):
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/audit/list.html", {"form": form, "page": page, "query": query.urlencode()},
                  status=400 if form.errors else 200)


class _Echo:
    def write(self, value):
        return value


@staff_view(Capability.EXPORT_AUDIT)
def audit_export(request):
    form, events = _filtered(request)
    fmt = "jsonl" if request.GET.get("format") == "jsonl" else "csv"
    with transaction.atomic():
        audit_record(council=request.rep.council, actor=request.user, event_type=EventType.AUDIT_EXPORTED,
                     data={"format": fmt, "filters": request.GET.dict()})
    stamp = clock.today_in_london().isoformat()
    if fmt == "jsonl":
        body = (json.dumps(row, ensure_ascii=False) + "\n" for row in audit_rows(events))
        response = StreamingHttpResponse(body, content_type="application/x-ndjson")
    else:
        writer = csv.writer(_Echo())

        def rows():
            yield writer.writerow(EXPORT_FIELDS)
            for row in audit_rows(events):
                yield writer.writerow([json.dumps(row[f], ensure_ascii=False) if f == "data" else safe_cell(row[f])
                                       for f in EXPORT_FIELDS])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{request.rep.council.slug}-{stamp}.{fmt}"'
    return response


