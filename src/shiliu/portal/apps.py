from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "shiliu.portal"
