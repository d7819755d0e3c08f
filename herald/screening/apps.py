"""Django app configuration. Imports nothing from the engine so Django start-up stays light."""

from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "herald.screening"
    label = "screening"
    verbose_name = "Screening"
    default_auto_field = "django.db.models.BigAutoField"
