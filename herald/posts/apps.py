from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from herald.posts.search import ensure_search_index

    ensure_search_index(connections[using])


class Config(AppConfig):
    name = "herald.posts"
    label = "posts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A later migration that rebuilds posts_post on SQLite drops the FTS triggers: put them back.
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="herald.posts.search_index")
