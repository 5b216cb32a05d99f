from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "shiliu.access"
