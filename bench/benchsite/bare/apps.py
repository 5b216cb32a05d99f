from django.apps import AppConfig


class BareConfig(AppConfig):
    name = "benchsite.bare"
    label = "bench_bare"
