from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "shiliu.places"
