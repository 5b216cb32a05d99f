"""Keeps the place paths copied onto work orders right when a subtree of places moves."""

from django.db.models import Value
from django.db.models.functions import Concat, Substr

from shiliu.places.models import path_upper_bound
from shiliu.workorders.models import WorkOrder


def rewrite_paths(sender, *, old_path: str, new_path: str, **kwargs) -> None:
    upper = path_upper_bound(old_path)
    for field in ("place_path", "unit_path"):
        WorkOrder.objects.filter(**{f"{field}__gte": old_path, f"{field}__lt": upper}).update(
            **{field: Concat(Value(new_path), Substr(field, len(old_path) + 1))})
