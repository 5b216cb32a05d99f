"""Every write to the place tree goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.places.models import ALLOWED_CHILDREN, Place, PlaceKind
from shiliu.places.signals import place_moved


def _check_kind(kind: str, parent: Place | None) -> None:
    if kind not in PlaceKind.values:
        raise ValidationError({"kind": _("Choose one of the listed kinds.")})
    if parent is None:
        if kind != PlaceKind.DISTRICT:
            raise ValidationError({"parent": _("Only a district can stand at the top of the tree.")})
        return
    if kind not in ALLOWED_CHILDREN.get(parent.kind, set()):
        raise ValidationError(
            {
                "kind": _("A %(kind)s cannot be placed under a %(parent)s.")
                % {"kind": PlaceKind(kind).label, "parent": PlaceKind(parent.kind).label}
            }
        )


@transaction.atomic
def place_create(
    *, code: str, kind: str, name: str, parent: Place | None, by, name_en: str = "", address: str = "",
    is_active: bool = True,
) -> Place:
    """Create a node under ``parent``. Emits a ``place.create`` audit record."""
    if parent is not None:
        # The caller's copy may predate a move; the new path must come from the parent's current one.
        parent = Place.objects.select_for_update().get(pk=parent.pk)
    _check_kind(kind, parent)
    place = Place(code=code.strip(), kind=kind, name=name.strip(), name_en=name_en.strip(),
                  parent=parent, address=address.strip(), is_active=is_active, path="tmp")
    place.full_clean(exclude=["path"])
    # The path needs the id, which exists only after the insert.
    place.path = "pending-" + place.code
    place.save()
    place.path = (parent.path if parent else "") + Place.segment(place.pk)
    place.depth = 0 if parent is None else parent.depth + 1
    Place.objects.filter(pk=place.pk).update(path=place.path, depth=place.depth)
    audit_write(by=by, action="place.create", target=place, detail={"code": place.code, "kind": kind})
    return place


@transaction.atomic
def place_update(*, place: Place, by, version: int, **fields) -> Place:
    """Change a node's own fields (not its position). Refuses a stale ``version`` (H2)."""
    allowed = {"code", "name", "name_en", "address", "is_active", "kind"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"place_update does not change {sorted(unknown)}")
    current = Place.objects.select_for_update().get(pk=place.pk)
    if current.version != version:
        raise StaleVersion()
    if "kind" in fields and fields["kind"] != current.kind:
        _check_kind(fields["kind"], current.parent)
        for child in current.children.all():
            _check_kind(child.kind, Place(kind=fields["kind"]))
    changed = {}
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(current, name) != value:
            changed[name] = [getattr(current, name), value]
            setattr(current, name, value)
    if not changed:
        return current
    current.full_clean(exclude=["parent"])
    current.version += 1
    current.save()
    audit_write(by=by, action="place.update", target=current, detail={"changed": sorted(changed)})
    return current


@transaction.atomic
def place_move(*, place: Place, new_parent: Place, by, version: int) -> Place:
    """Move a node and its whole subtree under ``new_parent`` in one statement.

    Every descendant's path and depth are rewritten by a single UPDATE on the path
    range, so the tree is never seen half-moved.
    """
    current = Place.objects.select_for_update().get(pk=place.pk)
    new_parent = Place.objects.select_for_update().get(pk=new_parent.pk)
    if current.version != version:
        raise StaleVersion()
    if new_parent.path.startswith(current.path):
        raise ValidationError({"parent": _("A place cannot be moved under itself or one of its own places.")})
    _check_kind(current.kind, new_parent)
    old_path, old_parent_id = current.path, current.parent_id
    new_path = new_parent.path + Place.segment(current.pk)
    depth_delta = new_parent.depth + 1 - current.depth
    Place.objects.filter(path__gte=old_path, path__lt=current.path_upper).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_delta,
    )
    Place.objects.filter(pk=current.pk).update(parent=new_parent, version=F("version") + 1)
    place_moved.send(sender=Place, old_path=old_path, new_path=new_path)
    current.refresh_from_db()
    audit_write(
        by=by, action="place.move", target=current,
        detail={"from_parent": old_parent_id, "to_parent": new_parent.pk},
    )
    return current
