from django.apps import AppConfig


class Config(AppConfig):
    name = "herald.elections"
    label = "elections"
    verbose_name = "Elections"
    default_auto_field = "django.db.models.BigAutoField"
