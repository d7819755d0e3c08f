"""The audit chain catches edited, deleted and reordered events; the CLI names the first bad one."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from herald.records.audit import audit_record, audit_verify
from herald.records.events import EventType
from herald.records.models import AuditEvent


def _verify_cli(capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    out = capsys.readouterr()
    return exit_info.value.code, out.out + out.err


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _event(people, seq: int) -> AuditEvent:
    return AuditEvent.objects.get(council=people.council, seq=seq)


def test_intact_chain_verifies(people, other_people, capsys):
    assert audit_verify(council=people.council) is None
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "stalbridge: OK" in out and "milborne: OK" in out


def test_every_service_event_is_chained_per_council(people, other_people):
    for council in (people.council, other_people.council):
        seqs = list(AuditEvent.objects.filter(council=council).order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))


def test_edited_event_is_caught(people, capsys):
    target = _event(people, 5)
    data = dict(target.data, after={"name": "Someone else"})
    _sql("UPDATE records_auditevent SET data = %s WHERE id = %s", [json.dumps(data), target.pk])
    problem = audit_verify(council=people.council)
    assert problem.seq == 5 and "edited" in problem.message
    code, output = _verify_cli(capsys)
    assert code == 1 and "FAILED at event #5" in output and "edited" in output


def test_edited_actor_label_is_caught(people):
    target = _event(people, 3)
    _sql("UPDATE records_auditevent SET actor_label = %s WHERE id = %s", ["Innocent Person", target.pk])
    assert audit_verify(council=people.council).seq == 3


def test_deleted_event_is_caught(people, capsys):
    _sql("DELETE FROM records_auditevent WHERE id = %s", [_event(people, 4).pk])
    problem = audit_verify(council=people.council)
    assert problem.seq == 5 and "missing" in problem.message
    code, output = _verify_cli(capsys)
    assert code == 1 and "#4 is missing" in output


def test_deleted_latest_event_is_caught(people):
    last = AuditEvent.objects.filter(council=people.council).order_by("-seq").first()
    _sql("DELETE FROM records_auditevent WHERE id = %s", [last.pk])
    problem = audit_verify(council=people.council)
    assert problem is not None and "latest events were deleted" in problem.message


def test_reordered_events_are_caught(people, capsys):
    a, b = _event(people, 6), _event(people, 7)
    with transaction.atomic():
        _sql("UPDATE records_auditevent SET seq = %s WHERE id = %s", [999999, a.pk])
        _sql("UPDATE records_auditevent SET seq = %s WHERE id = %s", [6, b.pk])
        _sql("UPDATE records_auditevent SET seq = %s WHERE id = %s", [7, a.pk])
    problem = audit_verify(council=people.council)
    assert problem.seq == 6 and "reordered" in problem.message
    code, output = _verify_cli(capsys)
    assert code == 1 and "event #6" in output


def test_tampering_in_one_council_does_not_implicate_another(people, other_people, capsys):
    _sql("DELETE FROM records_auditevent WHERE id = %s", [_event(people, 2).pk])
    assert audit_verify(council=other_people.council) is None
    code, output = _verify_cli(capsys)
    assert code == 1 and "milborne: OK" in output and "stalbridge: FAILED" in output


def test_events_cannot_be_changed_through_the_model(people):
    event = _event(people, 1)
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(people):
    with pytest.raises(RuntimeError):
        audit_record(council=people.council, actor=None, event_type=EventType.COUNCIL_CREATED)


def test_export_csv_and_jsonl(people, tmp_path):
    csv_path, jsonl_path = tmp_path / "a.csv", tmp_path / "a.jsonl"
    count = AuditEvent.objects.filter(council=people.council).count()
    call_command("audit", "export", "--council", "stalbridge", "--format", "csv", "-o", str(csv_path))
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert len(rows) == count
    assert rows[0]["event_name"] == "COUNCIL_CREATED" and rows[0]["seq"] == "1"
    call_command("audit", "export", "--council", "stalbridge", "--format", "jsonl", "-o", str(jsonl_path))
    lines = [json.loads(line) for line in jsonl_path.read_text().splitlines()]
    assert len(lines) == count + 1  # the first export is itself audited
    assert lines[-1]["event_name"] == "AUDIT_EXPORTED"
    assert audit_verify(council=people.council) is None
