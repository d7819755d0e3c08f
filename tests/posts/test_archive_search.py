"""Full-text archive search (issue 6 §5): SQLite FTS5 here, PostgreSQL full-text in the PostgreSQL run."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from herald.posts import services
from herald.posts.search import drop_search_index, ensure_search_index, text_matches
from herald.posts.selectors import post_archive
from tests.posts.helpers import draft

pytestmark = pytest.mark.django_db(transaction=True)


def submitted(rep, text, channel):
    post = draft(rep, text, [channel])
    return services.post_submit(acting_user=rep.user, post=post)


def found(council, query):
    return {p.text for p in post_archive(council=council, search=query)}


@pytest.fixture
def archive(acked, channel, stubs):
    texts = ["The new playgrounds on Station Road open on Saturday.",
             "Bins are collected on Tuesday after the bank holiday.",
             "Café opening hours at the Market Hall: 9 to 5.",
             "Road closure: Gold Street resurfacing next week."]
    for text in texts:
        submitted(acked.officer, text, channel)
    draft(acked.officer, "A draft about playgrounds never reaches the archive.", [channel])
    return texts


def test_words_are_matched_with_stemming_and_in_any_order(acked, archive):
    assert found(acked.council, "playground") == {archive[0]}
    assert found(acked.council, "saturday playgrounds") == {archive[0]}
    assert found(acked.council, "road") == {archive[0], archive[3]}
    assert found(acked.council, "holiday bins") == {archive[1]}
    assert found(acked.council, "zebra") == set()


def test_accents_and_case_do_not_matter(acked, archive):
    assert found(acked.council, "CAFE") == {archive[2]}


def test_query_syntax_in_user_input_is_just_words(acked, archive):
    for query in ['"', "road OR", "NEAR(road", "*", "road AND -bins", "'; DROP TABLE posts_post; --", "()", "^road"]:
        result = found(acked.council, query)
        assert result <= set(archive)
    assert found(acked.council, "'; DROP TABLE posts_post; --") == set()
    assert found(acked.council, "road AND -bins") <= set(archive)


def test_edits_are_searchable_and_old_words_are_not(acked, channel, stubs):
    post = draft(acked.officer, "Litter pick on the recreation ground.", [channel])
    services.post_update_draft(acting_user=acked.officer.user, post=post, text="Tree planting on the recreation ground.",
                               channels=[channel])
    services.post_submit(acting_user=acked.officer.user, post=post)
    assert found(acked.council, "planting") and not found(acked.council, "litter")


def test_other_councils_posts_are_never_found(acked, other_people, archive):
    assert found(other_people.council, "playground") == set()


def test_author_name_still_matches(acked, archive):
    assert len(found(acked.council, acked.officer.name.split()[-1])) == len(archive)


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_index_is_rebuilt_after_migrate_when_triggers_went_missing(acked, archive):
    drop_search_index(connection)
    assert ensure_search_index(connection) is True
    assert found(acked.council, "playground") == {archive[0]}
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER posts_post_fts_au")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'posts_post_fts%'")
        assert cursor.fetchone()[0] == 3
    assert ensure_search_index(connection) is False


def test_empty_query_matches_nothing():
    assert text_matches("  !!  ").children == [("pk__in", [])]


def test_archive_pages_hold_fifty_posts_newest_first(acked, channel, stubs, signed_in):
    from herald.web.views.posts import ARCHIVE_PAGE

    for n in range(ARCHIVE_PAGE + 3):
        submitted(acked.officer, f"Notice number {n} about the allotments.", channel)
    clerk = signed_in(acked.clerk)
    first = clerk.get("/posts/archive", {"q": "allotments"}).content.decode()
    assert f"Posts 1 to {ARCHIVE_PAGE}, newest first" in first and f"Notice number {ARCHIVE_PAGE + 2} " in first
    assert 'rel="next"' in first and 'rel="prev"' not in first and "q=allotments&amp;page=2" in first
    second = clerk.get("/posts/archive", {"q": "allotments", "page": "2"}).content.decode()
    assert f"Posts {ARCHIVE_PAGE + 1} to {ARCHIVE_PAGE + 3}, newest first" in second and "Notice number 0 " in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert clerk.get("/posts/archive", {"page": "nonsense"}).status_code == 200
    assert "No posts" in clerk.get("/posts/archive", {"page": "99"}).content.decode()
