from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "shiliu.jobs"
