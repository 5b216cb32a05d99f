from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotifyConfig(AppConfig):
    name = "shiliu.notify"

    def ready(self):
        # Each app registers its messages in its notifications.py (shiliu.notify.messages);
        # import them all, so that the web and the worker know every code.
        autodiscover_modules("notifications")
