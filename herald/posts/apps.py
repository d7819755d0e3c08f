from django.apps import AppConfig


class Config(AppConfig):
    name = "herald.posts"
    label = "posts"
    default_auto_field = "django.db.models.BigAutoField"
