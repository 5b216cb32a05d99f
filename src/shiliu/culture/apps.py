from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "shiliu.culture"
