from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "shiliu.workdays"
