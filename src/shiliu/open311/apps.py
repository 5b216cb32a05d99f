from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "shiliu.open311"
