"""`herald screen`: the pure CLI module, plus the Django management command wrapper."""

import io
import json

import pytest

from herald.screening import cli


class _Stdin(io.StringIO):
    def __init__(self, data: bytes):
        super().__init__()
        self.buffer = io.BytesIO(data)


def _run(argv, stdin=b""):
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(vars(cli.build_parser().parse_args(argv)), _Stdin(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("text,code", [
    ("Bins are collected on Tuesday.", 0),
    ("Call me on 07700 900123", 1),
    ("Immigrants are vermin", 2),
])
def test_exit_codes(text, code):
    assert _run([text])[0] == code


def test_table_shows_clause_and_sentence():
    code, out, _ = _run(["Mrs Smith at number 4 is a fucking idiot"])
    assert code == 2
    assert "BLOCK" in out and "tou.1" in out and "profane language" in out


def test_json_output():
    code, out, _ = _run(["Vote Labour!", "--json"])
    data = json.loads(out)
    assert code == 2 and data["verdict"] == "block"
    assert data["findings"][0]["clause_id"] == "tou.5"


def test_stdin_and_context_flags():
    assert _run(["-", "--channel", "personal"], stdin="Vote Labour!".encode())[0] == 0
    assert _run([], stdin="Vote Labour!".encode())[0] == 2


def test_explain_lists_every_rule():
    code, out, _ = _run(["hello", "--explain"])
    assert code == 0
    assert "rule scores:" in out and "offensive.language" in out and "political.party" in out


def test_invalid_utf8_on_stdin_is_exit_3():
    code, _, err = _run([], stdin=b"\xff\xfe nope")
    assert code == 3 and "UTF-8" in err


def test_jsonl_file_with_progress(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps({"body": t, "ref": f"p{i}"}) for i, t in enumerate(
        ["Bins on Tuesday", "Call me on 07700 900123", "Bins on Wednesday"])) + "\n")
    code, out, err = _run(["--file", str(path), "--column", "body", "--id-column", "ref"])
    assert code == 1
    assert "row p1" in out and "3 posts: 2 pass, 1 review, 0 block" in out
    assert "3/3 posts" in err


def test_csv_file_json_lines_out(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("id,text\n1,Hello\n2,Immigrants are vermin\n", encoding="utf-8")
    code, out, _ = _run(["--file", str(path), "--json", "--no-progress"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and [r["verdict"] for r in rows] == ["pass", "block"]


@pytest.mark.parametrize("args", [
    ["--file", "/nonexistent.csv"],
    ["--file", "README"],
    ["hi", "--context", "{not json"],
    ["hi", "--policy", "/nonexistent.yaml"],
])
def test_errors_exit_3(args):
    code, _, err = _run(args)
    assert code == 3 and err.startswith("error:")


def test_missing_column(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("message\nhello\n")
    code, _, err = _run(["--file", str(path)])
    assert code == 3 and "text" in err


def test_management_command():
    from django.conf import settings

    if "herald.screening" not in settings.INSTALLED_APPS:
        pytest.skip("herald.screening is not in INSTALLED_APPS")
    from django.core.management import call_command

    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("screen", "Immigrants are vermin", "--json", stdout=out)
    assert exit_info.value.code == 2
    assert json.loads(out.getvalue())["verdict"] == "block"
