from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "shiliu.figures"

    def ready(self):
        from shiliu.figures.rollup import rewrite_paths
        from shiliu.places.signals import place_moved

        place_moved.connect(rewrite_paths, dispatch_uid="figures.rewrite_paths")
