from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "herald.complaints"
    label = "complaints"
    verbose_name = "Complaints"
