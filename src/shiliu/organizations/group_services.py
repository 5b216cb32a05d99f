"""Writes to the leadership groups and the coordination group, and to their member seats.

A seat is a member unit (a department, a subdistrict, a community), a named official with a
title, or both. Ending a seat sets ``until``; it is never deleted, so the group's composition
over time stays readable.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.organizations.choices import COORDINATION_UNIT_KINDS, LEVEL_PLACE_KINDS, GroupKind, GroupLevel, GroupRole
from shiliu.organizations.models import Group, GroupMember
from shiliu.organizations.services import (
    DESCRIPTION_MAX,
    MEMBER_NAME_MAX,
    NAME_MAX,
    clean_date,
    conditional_update,
    lock_current,
)
from shiliu.places.models import Place, PlaceKind

GROUP_EDITABLE = ("kind", "level", "place", "name", "name_en", "description", "public")


def _clean_group(data: dict, *, by, existing: Group | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    out["name"] = clean_text(errors, "name", data.get("name"), max_length=NAME_MAX,
                             required=_("Enter the group's name."))
    out["name_en"] = clean_text(errors, "name_en", data.get("name_en"), max_length=NAME_MAX)
    out["description"] = clean_text(errors, "description", data.get("description"), max_length=DESCRIPTION_MAX)
    out["public"] = bool(data.get("public"))
    kind = data.get("kind")
    if kind not in GroupKind.values:
        errors.add("kind", _("Choose one of the listed kinds."))
    out["kind"] = kind
    level = data.get("level")
    if level not in GroupLevel.values:
        errors.add("level", _("Choose one of the listed levels."))
        level = None
    out["level"] = level
    place = data.get("place")
    if not isinstance(place, Place):
        errors.add("place", _("Choose a place."))
    elif not can(by, Cap.ORG_EDIT, place):
        errors.add("place", _("You cannot manage groups at this place."))
    elif level and place.kind not in LEVEL_PLACE_KINDS[level]:
        errors.add("place", _("A group of the %(level)s stands at a %(places)s.") % {
            "level": GroupLevel(level).label,
            "places": _(", ").join(str(PlaceKind(k).label) for k in PlaceKind.values
                                  if k in LEVEL_PLACE_KINDS[level])})
    out["place"] = place
    if isinstance(place, Place) and out["name"] and "place" not in errors:
        twins = Group.objects.filter(place=place, name=out["name"])
        if existing is not None:
            twins = twins.exclude(pk=existing.pk)
        if twins.exists():
            errors.add("name", _("A group with this name already exists at this place."))
    errors.raise_any()
    return out


@transaction.atomic
def group_create(*, by, kind: str, level: str, place: Place, name: str, name_en: str = "", description: str = "",
                 public: bool = True) -> Group:
    """Record a leadership or coordination group at a place where ``by`` holds org.edit: a district-level
    group at the district, a subdistrict-level one at a subdistrict, a community-level one at a community
    or village. Emits ``org.group.create``."""
    data = _clean_group(dict(kind=kind, level=level, place=place, name=name, name_en=name_en,
                             description=description, public=public), by=by, existing=None)
    group = Group.objects.create(created_by=by, **data)
    audit_write(by=by, action="org.group.create", target=group, detail={"kind": kind, "place": place.code})
    return group


@transaction.atomic
def group_update(*, group: Group, by, version: int, **fields) -> Group:
    """Change a group's fields (send its version; a stale one raises StaleVersion)."""
    unknown = set(fields) - set(GROUP_EDITABLE)
    if unknown:
        raise ValueError(f"group_update does not change {sorted(unknown)}")
    current = lock_current(Group, group.pk, version=version)
    if not can(by, Cap.ORG_EDIT, current.place):
        raise PermissionDenied()
    merged = {name: fields.get(name, getattr(current, name)) for name in GROUP_EDITABLE}
    data = _clean_group(merged, by=by, existing=current)
    changed = {}
    for name, value in data.items():
        before = getattr(current, name)
        if (before.pk if isinstance(before, Model) else before) != (value.pk if isinstance(value, Model) else value):
            changed[name] = value
    if not changed:
        return current
    conditional_update(Group, current.pk, version, {**changed, "updated_at": timezone.now()})
    current.refresh_from_db()
    audit_write(by=by, action="org.group.update", target=current, detail={"changed": sorted(changed)})
    return current


def _lock_group(group: Group, by) -> Group:
    current = Group.objects.select_for_update(of=("self",)).select_related("place").get(pk=group.pk)
    if not can(by, Cap.ORG_EDIT, current.place):
        raise PermissionDenied()
    return current


@transaction.atomic
def group_member_add(*, by, group: Group, unit: Place | None = None, person_name: str = "", title: str = "",
                     role: str = GroupRole.MEMBER, since: date | None = None) -> GroupMember:
    """Give a seat on a group to a member unit and/or a named official. The unit lies within the
    group's place (the district's departments and subdistricts, a subdistrict's communities); the
    coordination group seats departments, subdistricts and offices only. Emits ``org.group.member.add``."""
    group = _lock_group(group, by)
    errors = FieldErrors()
    person_name = clean_text(errors, "person_name", person_name, max_length=MEMBER_NAME_MAX)
    title = clean_text(errors, "title", title, max_length=MEMBER_NAME_MAX)
    if unit is not None and not isinstance(unit, Place):
        errors.add("unit", _("Choose a place."))
        unit = None
    if unit is None and not person_name:
        errors.add("unit", _("Choose a member unit, name a person, or both."))
    if unit is not None:
        if not unit.is_within(group.place):
            errors.add("unit", _("The member unit must be %(place)s or a place below it.")
                       % {"place": group.place.name})
        elif group.kind == GroupKind.COORDINATION and unit.kind not in COORDINATION_UNIT_KINDS:
            errors.add("unit", _("The coordination group seats departments, subdistricts and offices."))
    if role not in GroupRole.values:
        errors.add("role", _("Choose one of the listed roles in the group."))
    since = clean_date(errors, "since", since or timezone.localdate())
    if not errors:
        twins = group.members.filter(until__isnull=True, unit=unit, person_name=person_name)
        if twins.exists():
            errors.add("unit" if unit is not None else "person_name", _("This seat is already on the group."))
    errors.raise_any()
    member = GroupMember.objects.create(group=group, unit=unit, person_name=person_name, title=title, role=role,
                                        since=since, created_by=by)
    audit_write(by=by, action="org.group.member.add", target=member,
                detail={"group": group.pk, "unit": unit.code if unit else None, "role": role})
    return member


@transaction.atomic
def group_member_end(*, member: GroupMember, by, version: int, until: date | None = None) -> GroupMember:
    """End a seat on ``until`` (default today); the row stays. Emits ``org.group.member.end``."""
    _lock_group(member.group, by)
    current = lock_current(GroupMember, member.pk, version=version)
    errors = FieldErrors()
    if current.until is not None:
        errors.add("until", _("This seat has already ended."))
    until = clean_date(errors, "until", until or timezone.localdate())
    if until and until < current.since:
        errors.add("until", _("A seat cannot end before it began."))
    errors.raise_any()
    conditional_update(GroupMember, current.pk, version, {"until": until})
    current.refresh_from_db()
    audit_write(by=by, action="org.group.member.end", target=current,
                detail={"group": current.group_id, "until": until.isoformat() if until else None})
    return current
