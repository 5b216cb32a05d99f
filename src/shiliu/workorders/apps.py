from django.apps import AppConfig


class WorkordersConfig(AppConfig):
    name = "shiliu.workorders"

    def ready(self):
        from shiliu.places.signals import place_moved
        from shiliu.workorders.paths import rewrite_paths

        place_moved.connect(rewrite_paths, dispatch_uid="workorders.rewrite_paths")
