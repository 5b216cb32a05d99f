"""The place tree as an xlsx file: export, and an all-or-nothing import.

The import reads the whole file, checks every row against the tree as it would be
after the import (kinds, parents, cycles, lengths), and reports every problem with
its row and column. Only a file without a single error is applied, in one
transaction, through the same services as the pages and the API.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shiliu.access.policy import Cap
from shiliu.access.scope import holds, places_for
from shiliu.audit.services import audit_write
from shiliu.core.imports import ImportRejected, RowError, cell_bool, cell_text, read_import
from shiliu.core.xlsx import write_workbook
from shiliu.places.models import ALLOWED_CHILDREN, Place, PlaceKind
from shiliu.places.services import place_create, place_move, place_update

COLUMNS = [
    ("code", gettext_lazy("code")),
    ("kind", gettext_lazy("kind")),
    ("name", gettext_lazy("name")),
    ("name_en", gettext_lazy("English name")),
    ("parent_code", gettext_lazy("parent code")),
    ("address", gettext_lazy("address")),
    ("active", gettext_lazy("active")),
]
REQUIRED = ("code", "kind", "name", "parent_code")


def _max_length(name: str) -> int:
    field = Place._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length
    return field.max_length


MAX_LENGTH = {name: _max_length(name) for name in ("code", "name", "name_en", "address")}
_ACTIVE_YES = frozenset({"有效", "启用"})
_ACTIVE_NO = frozenset({"无效", "停用"})


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0


@dataclass
class _Row:
    row: int
    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def _require_transfer(by) -> None:
    if not holds(by, Cap.PLACE_TRANSFER):
        raise PermissionDenied()


def column_label(key: str) -> str:
    return str(dict(COLUMNS).get(key, key))


# --- export -----------------------------------------------------------------------------------


def export_places(*, by) -> bytes:
    """The places ``by`` may transfer, in tree order, as xlsx. Audited as ``place.export``."""
    _require_transfer(by)
    places = list(places_for(by, Cap.PLACE_TRANSFER).select_related("parent").order_by("path"))
    rows = [
        (p.code, p.kind, p.name, p.name_en, p.parent.code if p.parent else "", p.address, p.is_active)
        for p in places
    ]
    data = write_workbook([column_label(key) for key, _label in COLUMNS], rows, title="places")
    audit_write(by=by, action="place.export", detail={"count": len(rows)})
    return data


# --- import: reading the file -----------------------------------------------------------------


def _header_names() -> dict[str, str]:
    """Every accepted spelling of every column name: the key and its label in each language."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for key, label in COLUMNS:
                names[str(label).strip().lower()] = key
    for key, _label in COLUMNS:
        names[key] = key
    return names




def _kind(value: str) -> str | None:
    if value in PlaceKind.values:
        return value
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind in PlaceKind:
                if value.lower() == str(kind.label).lower():
                    return kind.value
    return None






def _read(file) -> tuple[list[_Row], set[str], list[RowError]]:
    """Parse the file into rows of clean values, with every error found in single cells."""
    table, errors = read_import(file)
    if errors:
        return [], set(), errors
    names = _header_names()
    columns: dict[int, str] = {}
    for index, cell in enumerate(table[0]):
        text = cell_text(cell)
        if not text:
            continue
        key = names.get(text.lower())
        if key is None:
            errors.append(RowError(1, text, _("This column is not known.")))
        elif key in columns.values():
            errors.append(RowError(1, key, _("This column appears twice.")))
        else:
            columns[index] = key
    present = set(columns.values())
    for key in REQUIRED:
        if key not in present:
            errors.append(RowError(1, key, _("This column is missing.")))
    if errors:
        return [], present, errors

    rows: list[_Row] = []
    for number, cells in enumerate(table[1:], start=2):
        raw = {key: cells[index] if index < len(cells) else None for index, key in columns.items()}
        if all(cell_text(v) == "" for v in raw.values()):
            continue
        row = _Row(number)
        for key in ("code", "name", "name_en", "parent_code", "address"):
            if key in raw:
                row.values[key] = cell_text(raw[key])
        for key in ("code", "name"):
            if not row.values[key]:
                errors.append(RowError(number, key, _("This cell is required.")))
        for key in ("code", "name", "name_en", "address"):
            if key in row.values and len(row.values[key]) > MAX_LENGTH[key]:
                errors.append(RowError(number, key, _("At most %(n)s characters.") % {"n": MAX_LENGTH[key]}))
        kind_text = cell_text(raw["kind"])
        row.values["kind"] = _kind(kind_text) if kind_text else None
        if not kind_text:
            errors.append(RowError(number, "kind", _("This cell is required.")))
        elif row.values["kind"] is None:
            errors.append(RowError(number, "kind", _("“%(value)s” is not a kind of place.") % {"value": kind_text}))
        if "active" in raw:
            row.values["is_active"] = cell_bool(raw["active"], yes=_ACTIVE_YES, no=_ACTIVE_NO)
            if row.values["is_active"] is None:
                errors.append(RowError(number, "active", _("Write TRUE or FALSE.")))
        rows.append(row)
    return rows, present, errors


# --- import: checking the tree it would make --------------------------------------------------


def _check_tree(rows: list[_Row], by) -> tuple[list[RowError], dict[str, int]]:
    """Check every row against the tree after the import. Returns errors and each code's depth."""
    errors: list[RowError] = []
    by_code: dict[str, _Row] = {}
    for row in rows:
        if not row.code:
            continue  # already reported: without a code the row cannot take part in the tree
        if row.code in by_code:
            errors.append(RowError(row.row, "code", _("This code is also in row %(row)s.")
                                   % {"row": by_code[row.code].row}))
        else:
            by_code[row.code] = row

    in_scope = {p.code: p for p in places_for(by, Cap.PLACE_TRANSFER).select_related("parent")}
    mentioned = set(by_code) | {r.parent_code for r in rows if r.parent_code}
    elsewhere = set(Place.objects.filter(code__in=mentioned - set(in_scope)).values_list("code", flat=True))

    def final_kind(code: str) -> str | None:
        if code in by_code:
            return by_code[code].kind
        return in_scope[code].kind if code in in_scope else None

    def final_parent(code: str) -> str:
        if code in by_code:
            return by_code[code].parent_code
        place = in_scope[code]
        return place.parent.code if place.parent else ""

    for code, row in by_code.items():
        existing = in_scope.get(code)
        if existing is None and code in elsewhere:
            errors.append(RowError(row.row, "code", _("This code is already used by a place outside your area.")))
            continue
        current_parent = existing.parent.code if existing and existing.parent else ""
        if not row.parent_code:
            if existing is None:
                errors.append(RowError(row.row, "parent_code", _("A new place needs the code of its parent.")))
            elif current_parent:
                errors.append(RowError(row.row, "parent_code",
                                       _("Only a district can stand at the top of the tree.")))
            elif row.kind and row.kind != PlaceKind.DISTRICT:
                errors.append(RowError(row.row, "kind", _("Only a district can stand at the top of the tree.")))
            continue
        if row.parent_code == code:
            errors.append(RowError(row.row, "parent_code", _("A place cannot be its own parent.")))
            continue
        known = row.parent_code in by_code or row.parent_code in in_scope
        # A place may stay under a parent outside the user's area, but not be put there.
        if not known and not (row.parent_code in elsewhere and row.parent_code == current_parent):
            errors.append(RowError(row.row, "parent_code", _("There is no place with the code “%(code)s”.")
                                   % {"code": row.parent_code}))
            continue
        parent_kind = final_kind(row.parent_code)
        if parent_kind is None and row.parent_code not in by_code and existing is not None and existing.parent:
            parent_kind = existing.parent.kind
        if row.kind and parent_kind and row.kind not in ALLOWED_CHILDREN.get(parent_kind, set()):
            errors.append(RowError(row.row, "kind", _("A %(kind)s cannot be placed under a %(parent)s.")
                                   % {"kind": PlaceKind(row.kind).label, "parent": PlaceKind(parent_kind).label}))

    # A kind change must still suit the children that stay where they are.
    changed_kind = {c: r for c, r in by_code.items() if c in in_scope and r.kind and r.kind != in_scope[c].kind}
    if changed_kind:
        for child in Place.objects.filter(parent__code__in=list(changed_kind)).select_related("parent"):
            if child.code in by_code:
                continue  # its own row was checked against the parent's new kind
            row = changed_kind[child.parent.code if child.parent else ""]
            if child.kind not in ALLOWED_CHILDREN.get(row.kind, set()):
                message = _("Its place “%(child)s” (a %(kind)s) cannot be under a %(new)s.")
                values = {"child": child.name, "kind": PlaceKind(child.kind).label, "new": PlaceKind(row.kind).label}
                errors.append(RowError(row.row, "kind", message % values))

    # Cycles, and the depth of every code in the tree after the import (for the order of work).
    depth: dict[str, int] = {}
    graph = set(in_scope) | set(by_code)
    for code, row in by_code.items():
        if row.parent_code == code:
            continue  # reported above
        chain, seen, current = [], set(), code
        while current in graph and current not in depth and current not in seen:
            seen.add(current)
            chain.append(current)
            current = final_parent(current)
        if current in seen:
            # Only the rows on the loop itself get the error; a row hanging below a loop is
            # fine on its own and the file is refused anyway.
            if code in chain[chain.index(current):]:
                errors.append(RowError(row.row, "parent_code", _("This parent would put the place under itself.")))
            continue
        base = depth.get(current, -1)
        for offset, link in enumerate(reversed(chain), start=1):
            depth[link] = base + offset
    return errors, depth


# --- import: applying it ----------------------------------------------------------------------


def import_places(*, file, by) -> ImportResult:
    """Create and update places from an xlsx file (bytes or an uploaded file), all or nothing.

    Raises ImportRejected with every error (row, column, message) and changes nothing
    when any row is wrong. Otherwise creates new codes, updates existing ones and moves
    those whose parent code changed, in one transaction, with one ``place.import``
    audit record besides those of each change.
    """
    _require_transfer(by)
    rows, present, errors = _read(file)
    if errors and not rows:
        raise ImportRejected(errors)  # the file or its header: no row can be read
    with transaction.atomic():
        tree_errors, depth = _check_tree(rows, by)
        errors += tree_errors
        if errors:
            raise ImportRejected(sorted(set(errors), key=lambda e: (e.row, e.column, e.message)))
        result = ImportResult()
        # Parents before children in the tree as it will be: every parent is in its final
        # place when a child is created under it or moved into it.
        for row in sorted(rows, key=lambda r: depth[r.code]):
            try:
                _apply_row(row, present, by, result)
            except ValidationError as exc:
                raise ImportRejected([RowError(row.row, _column_of(exc), message)
                                      for message in exc.messages]) from None
        audit_write(by=by, action="place.import",
                    detail={"rows": len(rows), "created": result.created, "updated": result.updated,
                            "moved": result.moved})
    return result


def _column_of(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        key = next(iter(exc.error_dict))
        return {"parent": "parent_code", "is_active": "active"}.get(key, key if key in dict(COLUMNS) else "")
    return ""


def _apply_row(row: _Row, present: set[str], by, result: ImportResult) -> None:
    fields = {"kind": row.kind, "name": row.name}
    for key in ("name_en", "address", "is_active"):
        if key in row.values:
            fields[key] = row.values[key]
    place = Place.objects.filter(code=row.code).select_related("parent").first()
    if place is None:
        parent = Place.objects.get(code=row.parent_code)
        place_create(code=row.code, parent=parent, by=by, **fields)
        result.created += 1
        return
    moved = updated = False
    if row.parent_code and (place.parent is None or place.parent.code != row.parent_code):
        new_parent = Place.objects.get(code=row.parent_code)
        if row.kind != place.kind and place.kind not in ALLOWED_CHILDREN.get(new_parent.kind, set()):
            # The old kind does not fit under the new parent: change the kind first.
            before = place.version
            place = place_update(place=place, by=by, version=place.version, **fields)
            updated = place.version != before
        place = place_move(place=place, new_parent=new_parent, by=by, version=place.version)
        moved = True
    before = place.version
    place = place_update(place=place, by=by, version=place.version, **fields)
    updated = updated or place.version != before
    result.moved += moved
    result.updated += updated
    result.unchanged += not (moved or updated)
