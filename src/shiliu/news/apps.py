from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "shiliu.news"
