from django.apps import AppConfig


class Config(AppConfig):
    name = "herald.channels"
    label = "channels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from herald.connectors.registry import default_registry

        # The council news feed is Herald's own "blog": registered like any other connector.
        if "newsfeed" not in default_registry.available():
            default_registry.register("newsfeed", "herald.channels.newsfeed:NewsFeedConnector")
