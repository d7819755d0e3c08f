"""The clause-by-clause difference and its word-level changes (plain Python)."""

from __future__ import annotations

from dataclasses import dataclass

from herald.policy.diff import ADDED, CHANGED, REMOVED, UNCHANGED, Segment, policy_diff, word_diff
from herald.policy.document import parse_policy
from tests.policy.helpers import new_version_text, seed_text


@dataclass
class C:
    clause_id: str
    title: str
    text: str
    section: str = ""


def test_word_diff_marks_removed_and_added_words_and_keeps_spaces():
    segments = word_diff("must not be used for actions", "must never be used for any actions")
    assert segments == (Segment("equal", "must "), Segment("removed", "not "), Segment("added", "never "),
                        Segment("equal", "be used for "), Segment("added", "any "), Segment("equal", "actions"))
    # The new text is the equal and added runs; the old text is the equal and removed runs.
    assert "".join(s.text for s in segments if s.kind != "removed") == "must never be used for any actions"
    assert "".join(s.text for s in segments if s.kind != "added") == "must not be used for actions"


def test_word_diff_of_identical_and_empty_texts():
    assert word_diff("same words", "same words") == (Segment("equal", "same words"),)
    assert word_diff("", "") == ()
    assert word_diff("", "new") == (Segment("added", "new"),)
    assert word_diff("old", "") == (Segment("removed", "old"),)


def test_clauses_are_added_removed_changed_or_unchanged_in_order():
    old = [C("a", "A", "one two"), C("b", "B", "gone"), C("c", "C", "three")]
    new = [C("a", "A", "one two"), C("c", "C (renamed)", "three four"), C("d", "D", "new")]
    diff = policy_diff(old, new)
    assert [(c.clause_id, c.kind) for c in diff.changes] == [
        ("a", UNCHANGED), ("b", REMOVED), ("c", CHANGED), ("d", ADDED)]
    changed = diff.changed[0]
    assert changed.title_changed and changed.old_title == "C" and changed.text_changed
    assert diff.summary == "Clauses: 1 changed, 1 added, 1 removed, 1 unchanged."
    assert not diff.is_empty


def test_a_title_only_change_is_a_change_without_text_change():
    diff = policy_diff([C("a", "A", "x")], [C("a", "B", "x")])
    assert diff.changed[0].title_changed and not diff.changed[0].text_changed


def test_removed_clauses_at_the_end_and_no_old_version():
    diff = policy_diff([C("a", "A", "x"), C("z", "Z", "y")], [C("a", "A", "x")])
    assert [(c.clause_id, c.kind) for c in diff.changes] == [("a", UNCHANGED), ("z", REMOVED)]
    first = policy_diff([], [C("a", "A", "x")])
    assert [c.kind for c in first.changes] == [ADDED]


def test_identical_policies_have_an_empty_diff():
    doc = parse_policy(seed_text())
    diff = policy_diff(doc.clauses, doc.clauses, old_settings=doc.settings, new_settings=doc.settings)
    assert diff.is_empty and len(diff.unchanged) == len(doc.clauses)


def test_the_seed_policy_against_its_revision():
    old, new = parse_policy(seed_text()), parse_policy(new_version_text())
    diff = policy_diff(old.clauses, new.clauses, old_settings=old.settings, new_settings=new.settings)
    assert [c.clause_id for c in diff.changed] == ["tou.3"]
    assert [c.clause_id for c in diff.added] == ["review.minutes"]
    assert [c.clause_id for c in diff.removed] == ["scope.discuss"]
    assert diff.settings_changed == ("review_interval_months",)
    segments = diff.changed[0].segments
    assert Segment("removed", "not ") in segments and Segment("added", "never ") in segments
    assert any(s.kind == "added" and "Council's" in s.text for s in segments)
