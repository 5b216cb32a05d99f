from django.apps import AppConfig


class MydataConfig(AppConfig):
    name = "shiliu.mydata"
