from django.apps import AppConfig


class CreationConfig(AppConfig):
    name = "shiliu.creation"
