"""Full-text search of posts: SQLite FTS5 or PostgreSQL full-text search, chosen by the database.

SQLite: an external-content FTS5 table `posts_post_fts` over `posts_post.text` (Porter stemming,
accents folded), kept current by three triggers. PostgreSQL: a stored generated column
`search_document` = `to_tsvector('english', text)` with accents folded, with a GIN index, queried
with `websearch_to_tsquery` (Django does not know the column; the ORM never selects or writes it).
Both are created by migration `posts.0002_fulltext` and checked again after every `migrate`
(`ensure_search_index`), because SQLite drops a table's triggers when a later migration has to
rebuild the table.

User input never reaches the query syntax: for FTS5 each word is quoted; PostgreSQL's
`websearch_to_tsquery` accepts any text.
"""

from __future__ import annotations

import re

from django.db import connection as default_connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "posts_post_fts"
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

_SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, content='posts_post', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS posts_post_fts_ai AFTER INSERT ON posts_post BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS posts_post_fts_ad AFTER DELETE ON posts_post BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS posts_post_fts_au AFTER UPDATE OF text ON posts_post BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
]
_SQLITE_TRIGGERS = ("posts_post_fts_ai", "posts_post_fts_ad", "posts_post_fts_au")
# PostgreSQL's 'english' configuration keeps accents; fold the common Latin ones with translate()
# (immutable, so usable in the index) on both sides, as SQLite's remove_diacritics does.
_ACCENTED, _PLAIN = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ", "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUY"
PG_DOCUMENT = f"to_tsvector('english', translate(text, '{_ACCENTED}', '{_PLAIN}'))"
# The document is a stored generated column: a search within one council's posts then reads it
# instead of running to_tsvector on each of them (about 50 µs a post), and its GIN index serves
# searches that match few posts.
_POSTGRES = [
    f"ALTER TABLE posts_post ADD COLUMN IF NOT EXISTS search_document tsvector GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED",
    "CREATE INDEX IF NOT EXISTS post_search_document ON posts_post USING gin (search_document)",
    "DROP INDEX IF EXISTS post_text_fulltext_folded",
]


def ensure_search_index(connection=default_connection) -> bool:
    """Create the search index where it is missing; rebuild it when triggers had gone. True if changed."""
    if "posts_post" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                           ["posts_post_fts%"])
            present = {row[0] for row in cursor.fetchall()}
            if FTS_TABLE in present and present.issuperset(_SQLITE_TRIGGERS):
                return False
            for statement in _SQLITE:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            # Look first: ALTER TABLE locks the whole table even when there is nothing to do.
            cursor.execute("SELECT (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                           "AND table_name = 'posts_post' AND column_name = 'search_document'), "
                           "to_regclass('post_search_document'), to_regclass('post_text_fulltext_folded')")
            column, index, old_index = cursor.fetchone()
            if column and index and not old_index:
                return False
            for statement in _POSTGRES:
                cursor.execute(statement)
            return True
    return False


def drop_search_index(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for trigger in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS post_text_fulltext_folded")
            cursor.execute("ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document")


def terms(query: str) -> list[str]:
    return _WORD.findall(query or "")[:MAX_TERMS]


def text_matches(query: str, connection=default_connection) -> Q:
    """A filter for posts whose text matches every word of `query` (stemmed: "playgrounds" finds
    "playground"). On databases without full-text search, a substring match."""
    words = terms(query)
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "sqlite":
        match = " ".join('"{}"*'.format(w.replace('"', "")) for w in words)
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))
    if connection.vendor == "postgresql":
        # A condition on the post row itself (not `id IN (...)` over every council's posts), so the
        # planner can combine the full-text index with the council's own rows.
        # Unqualified: Django may alias the table (U0) when this is part of a subquery; no other
        # table has a column of this name.
        return Q(RawSQL(f"search_document @@ websearch_to_tsquery('english', "
                        f"translate(%s, '{_ACCENTED}', '{_PLAIN}'))",
                        [query[:1000]], output_field=BooleanField()))
    q = Q()
    for w in words:
        q &= Q(text__icontains=w)
    return q
