"""Full-text search of post text: SQLite FTS5 with triggers, or a PostgreSQL GIN index (herald.posts.search)."""

from django.db import migrations


def create(apps, schema_editor):
    from herald.posts.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    from herald.posts.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
