"""Writes to the service guide: items and their versions, domains and life events.

Every write needs ``guide.edit`` (the district office), runs in one transaction and writes its
audit record in it. An item's content is never edited in place: ``item_publish`` checks the
whole new content (fields, materials, steps) and adds a version; the versions before it stay as
they were, so a work order that began under one keeps following it. ``ServiceItem.version`` is
the optimistic lock of every change to an item (H2).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.guide.models import (
    CODE_MAX,
    Domain,
    ItemChannel,
    ItemVersion,
    LifeEvent,
    Material,
    MaterialForm,
    ServiceItem,
    Step,
    StepOwner,
)
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.models import Category

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
DAYS_MAX = 365
COPIES_MAX = 20
MATERIALS_MAX = 40
STEPS_MAX = 20

# The content of one version, in the order the export writes it.
TEXT_FIELDS = {  # field: max length
    "name": 100, "name_en": 160, "description": 2000, "description_en": 3000, "eligibility": 1000,
    "eligibility_en": 1500, "fees": 200, "fees_en": 300, "legal_basis": 1000,
}
MATERIAL_TEXT = {"name": 120, "name_en": 200, "notes": 300, "notes_en": 400}
STEP_TEXT = {"name": 120, "name_en": 200}


def may_edit(user) -> bool:
    return holds(user, Cap.GUIDE_EDIT)


def _require_edit(by) -> None:
    if not may_edit(by):
        raise PermissionDenied()


def _whole(errors: FieldErrors, field: str, value, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
    except (TypeError, ValueError):
        errors.add(field, message)
        return 0
    if not low <= number <= high:
        errors.add(field, message)
    return number


def _bool(value) -> bool:
    return value if isinstance(value, bool) else str(value).strip().lower() in {"1", "true", "yes", "on", "是"}


def _department(value) -> Place | None:
    if value in (None, "", 0):
        return None
    if isinstance(value, Place):
        return value if value.kind == PlaceKind.DEPARTMENT else None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return Place.objects.filter(pk=pk, kind=PlaceKind.DEPARTMENT).first()


def clean_content(content: dict) -> dict:
    """The content of a version, cleaned; raises one ValidationError naming every bad field.

    Materials and steps are lists of dicts; their errors are named like a formset's fields
    (``materials-0-name``, ``steps-2-time_limit_days``), so a page shows each message next to its
    cell. Unknown channels, a step without a time limit, a department step without a department
    (a place of kind department), steps that together take longer than the promised time limit:
    each is refused.
    """
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    for field, length in TEXT_FIELDS.items():
        clean[field] = clean_text(errors, field, content.get(field), max_length=length,
                                  required=_("Enter the item's name.") if field == "name" else None)
    clean["promised_days"] = _whole(errors, "promised_days", content.get("promised_days"), 1, DAYS_MAX,
                                    _("Enter a whole number of working days from 1 to %(n)d.") % {"n": DAYS_MAX})
    channels = content.get("channels") or []
    if isinstance(channels, str):
        channels = [c.strip() for c in re.split(r"[,，;；\s]+", channels) if c.strip()]
    unknown = [c for c in channels if c not in ItemChannel.values]
    if unknown:
        errors.add("channels", _("Unknown channel: %(names)s. Use window, hotline, online or visit.")
                   % {"names": ", ".join(map(str, unknown))})
    elif not channels:
        errors.add("channels", _("Choose at least one channel the item is offered on."))
    clean["channels"] = [c for c in ItemChannel.values if c in channels]

    materials = list(content.get("materials") or [])
    if len(materials) > MATERIALS_MAX:
        errors.add("materials", _("At most %(n)d materials.") % {"n": MATERIALS_MAX})
    clean["materials"] = []
    for i, raw in enumerate(materials[:MATERIALS_MAX]):
        prefix = f"materials-{i}-"
        row: dict[str, Any] = {key: clean_text(errors, prefix + key, raw.get(key), max_length=length,
                                               required=_("Enter the material's name.") if key == "name" else None)
               for key, length in MATERIAL_TEXT.items()}
        form = raw.get("form") or MaterialForm.ORIGINAL
        if form not in MaterialForm.values:
            errors.add(prefix + "form", _("Choose original, copy, or both."))
        row["form"] = form
        row["copies"] = _whole(errors, prefix + "copies", raw.get("copies", 1), 1, COPIES_MAX,
                               _("Enter a number of copies from 1 to %(n)d.") % {"n": COPIES_MAX})
        row["required"] = _bool(raw.get("required", True))
        clean["materials"].append(row)

    steps = list(content.get("steps") or [])
    if not steps:
        errors.add("steps", _("An item needs at least one step."))
    if len(steps) > STEPS_MAX:
        errors.add("steps", _("At most %(n)d steps.") % {"n": STEPS_MAX})
    clean["steps"] = []
    total = 0
    for i, raw in enumerate(steps[:STEPS_MAX]):
        prefix = f"steps-{i}-"
        step: dict[str, Any] = {key: clean_text(errors, prefix + key, raw.get(key), max_length=length,
                                                required=_("Enter the step's name.") if key == "name" else None)
                                for key, length in STEP_TEXT.items()}
        owner = raw.get("owner") or ""
        if owner not in StepOwner.values:
            errors.add(prefix + "owner", _("Choose who does this step."))
        step["owner"] = owner
        department = None
        if owner == StepOwner.DEPARTMENT:
            department = _department(raw.get("department"))
            if department is None:
                errors.add(prefix + "department", _("A department's step needs the department (a place of kind "
                                                    "department)."))
        step["department"] = department
        limit = raw.get("time_limit_days")
        if limit in (None, ""):
            errors.add(prefix + "time_limit_days", _("Every step needs a time limit."))
        else:
            limit = _whole(errors, prefix + "time_limit_days", limit, 1, DAYS_MAX,
                           _("Enter a whole number of working days from 1 to %(n)d.") % {"n": DAYS_MAX})
            total += limit
        step["time_limit_days"] = limit or 0
        step["tell_resident"] = _bool(raw.get("tell_resident", False))
        clean["steps"].append(step)
    if "promised_days" not in errors and total > clean["promised_days"] and clean["promised_days"]:
        errors.add("promised_days", _("The steps take %(total)d working days together, longer than the promised "
                                      "time limit.") % {"total": total})
    errors.raise_any()
    return clean


def content_of(version: ItemVersion) -> dict:
    """A version's content in the shape ``clean_content`` returns (departments as places)."""
    content: dict[str, Any] = {field: getattr(version, field) for field in TEXT_FIELDS}
    content["promised_days"] = version.promised_days
    content["channels"] = [c for c in ItemChannel.values if c in (version.channels or [])]
    content["materials"] = [
        {"name": m.name, "name_en": m.name_en, "notes": m.notes, "notes_en": m.notes_en, "form": m.form,
         "copies": m.copies, "required": m.required} for m in version.materials.all()]
    content["steps"] = [
        {"name": s.name, "name_en": s.name_en, "owner": s.owner, "department": s.department,
         "time_limit_days": s.time_limit_days, "tell_resident": s.tell_resident} for s in version.steps.all()]
    return content


def _words(item_code: str, domain: Domain, content: dict) -> str:
    from shiliu.knowledge import search
    from shiliu.knowledge.selectors import synonym_classes

    text = " ".join([item_code, domain.name, domain.name_en, content["name"], content["name_en"],
                     content["description"], content["eligibility"]]
                    + [m["name"] for m in content["materials"]])
    return search.column(search.index_words(text, synonym_classes()))


def reindex_search_words(**_signal) -> int:
    """Recompute the search words of every item's current version with today's synonym table (a
    synonym added after publishing finds old items too); returns how many changed. Connected to
    ``knowledge.services.synonyms_changed``. The words are an index, not the version's content."""
    changed = 0
    versions = (ItemVersion.objects.filter(pk__in=ServiceItem.objects.values("current"))
                .select_related("item__domain").prefetch_related("materials", "steps").order_by("pk"))
    for version in versions:
        words = _words(version.item.code, version.item.domain, content_of(version))
        if words != version.search_words:
            ItemVersion.objects.filter(pk=version.pk).update(search_words=words)
            changed += 1
    return changed


def _write_version(*, item: ServiceItem, content: dict, note: str, by) -> ItemVersion:
    last = item.versions.order_by("-number").values_list("number", flat=True).first() or 0
    fields = {key: value for key, value in content.items() if key not in ("materials", "steps")}
    version = ItemVersion.objects.create(item=item, number=last + 1, note=note, published_by=by,
                                         published_at=timezone.now(),
                                         search_words=_words(item.code, item.domain, content), **fields)
    Material.objects.bulk_create([Material(item_version=version, position=i + 1, **m)
                                  for i, m in enumerate(content["materials"])])
    Step.objects.bulk_create([Step(item_version=version, position=i + 1, **s)
                              for i, s in enumerate(content["steps"])])
    return version


def _check_links(errors: FieldErrors, domain, category) -> None:
    if not isinstance(domain, Domain):
        errors.add("domain", _("Choose the item's domain."))
    if not isinstance(category, Category):
        errors.add("category", _("Choose the work-order category its orders are counted under."))


@transaction.atomic
def item_create(*, by, code: str, domain: Domain | None, category: Category | None, content: dict,
                life_events=(), sample: bool = False, note: str = "") -> ServiceItem:
    """A new service item with its first version. Audited as ``guide.item.create``."""
    _require_edit(by)
    errors = FieldErrors()
    code = (code or "").strip()
    if not CODE.match(code):
        errors.add("code", _("Use 1 to %(n)d letters, digits and hyphens, like “SI-01”.") % {"n": CODE_MAX})
    elif ServiceItem.objects.filter(code__iexact=code).exists():
        errors.add("code", _("Another item already has this code."))
    _check_links(errors, domain, category)
    try:
        clean = clean_content(content)
    except ValidationError as exc:
        errors.add_all(exc)
        clean = {}
    errors.raise_any()
    assert domain is not None and category is not None  # checked above
    item = ServiceItem.objects.create(code=code, domain=domain, category=category, sample=bool(sample))
    item.life_events.set(list(life_events))
    version = _write_version(item=item, content=clean, note=(note or "")[:200], by=by)
    item.current = version
    item.save(update_fields=["current", "updated_at"])
    audit_write(by=by, action="guide.item.create", target=item, detail={"code": code, "version": 1})
    return item


@dataclass
class PublishResult:
    item: ServiceItem
    version: ItemVersion | None  # None: the content was the same, nothing was published


@transaction.atomic
def item_publish(*, by, item: ServiceItem, version: int, content: dict, note: str = "",
                 domain: Domain | None = None, category: Category | None = None, life_events=None,
                 only_if_changed: bool = False) -> PublishResult:
    """Publish a new version of ``item`` with the whole ``content`` (fields, materials, steps).

    ``version`` is the item's version the editor read; a stale one raises StaleVersion and
    changes nothing. ``domain``, ``category`` and ``life_events`` change the item itself when
    given. With ``only_if_changed`` a content equal to the current version's publishes nothing
    (the import). Audited as ``guide.item.publish``.
    """
    _require_edit(by)
    locked = ServiceItem.objects.select_for_update().select_related("domain").get(pk=item.pk)
    if locked.version != version:
        raise StaleVersion()
    errors = FieldErrors()
    _check_links(errors, domain or locked.domain, category or locked.category)
    try:
        clean = clean_content(content)
    except ValidationError as exc:
        errors.add_all(exc)
        clean = {}
    errors.raise_any()
    changed_links = []
    if domain is not None and domain.pk != locked.domain_id:
        locked.domain = domain
        changed_links.append("domain")
    if category is not None and category.pk != locked.category_id:
        locked.category = category
        changed_links.append("category")
    if life_events is not None:
        wanted = {e.pk for e in life_events}
        if wanted != set(locked.life_events.values_list("pk", flat=True)):
            locked.life_events.set(list(life_events))
            changed_links.append("life_events")
    same = locked.current is not None and content_of(locked.current) == clean
    new_version = None
    if not (same and only_if_changed):
        new_version = _write_version(item=locked, content=clean, note=(note or "")[:200], by=by)
        locked.current = new_version
    if new_version is None and not changed_links:
        return PublishResult(item=locked, version=None)
    locked.version += 1
    locked.save()
    audit_write(by=by, action="guide.item.publish", target=locked,
                detail={"code": locked.code, "version": new_version.number if new_version else None,
                        "links": changed_links})
    return PublishResult(item=locked, version=new_version)


@transaction.atomic
def item_set_active(*, by, item: ServiceItem, version: int, active: bool) -> ServiceItem:
    """Offer the item again, or stop offering it (it stays in the guide's history)."""
    _require_edit(by)
    locked = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != version:
        raise StaleVersion()
    if locked.active != bool(active):
        locked.active = bool(active)
        locked.version += 1
        locked.save(update_fields=["active", "version", "updated_at"])
        audit_write(by=by, action="guide.item.activate" if active else "guide.item.deactivate", target=locked,
                    detail={"code": locked.code})
    return locked


# --- domains and life events ------------------------------------------------------------------


def _clean_named(errors: FieldErrors, model, *, code: str | None, name, name_en, position, instance=None) -> dict:
    fields = {
        "name": clean_text(errors, "name", name, max_length=60, required=_("Enter a name.")),
        "name_en": clean_text(errors, "name_en", name_en, max_length=80),
        "position": _whole(errors, "position", position if position not in (None, "") else 0, 0, 32000,
                           _("Enter a whole number from 0 to 32000.")),
    }
    if instance is None:
        code = (code or "").strip()
        if not CODE.match(code):
            errors.add("code", _("Use 1 to %(n)d letters, digits and hyphens, like “SI-01”.") % {"n": CODE_MAX})
        elif model.objects.filter(code__iexact=code).exists():
            errors.add("code", _("This code is already taken."))
        fields["code"] = code
    return fields


def _named_create(model, action: str, *, by, code, name, name_en="", position=0):
    _require_edit(by)
    errors = FieldErrors()
    fields = _clean_named(errors, model, code=code, name=name, name_en=name_en, position=position)
    errors.raise_any()
    record = model.objects.create(**fields)
    audit_write(by=by, action=action, target=record, detail={"code": record.code})
    return record


def _named_update(model, action: str, *, by, record, version: int, name, name_en="", position=0):
    _require_edit(by)
    locked = model.objects.select_for_update().get(pk=record.pk)
    if locked.version != version:
        raise StaleVersion()
    errors = FieldErrors()
    fields = _clean_named(errors, model, code=None, name=name, name_en=name_en, position=position, instance=locked)
    errors.raise_any()
    for key, value in fields.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    audit_write(by=by, action=action, target=locked, detail={"code": locked.code})
    return locked


@transaction.atomic
def domain_create(*, by, code: str, name: str, name_en: str = "", position: int = 0) -> Domain:
    return _named_create(Domain, "guide.domain.create", by=by, code=code, name=name, name_en=name_en,
                         position=position)


@transaction.atomic
def domain_update(*, by, domain: Domain, version: int, name: str, name_en: str = "", position: int = 0) -> Domain:
    return _named_update(Domain, "guide.domain.update", by=by, record=domain, version=version, name=name,
                         name_en=name_en, position=position)


@transaction.atomic
def domain_delete(*, by, domain: Domain) -> None:
    """Remove a domain that holds no item."""
    _require_edit(by)
    if domain.items.exists():
        raise ValidationError({"code": [_("Items belong to this domain; move them first.")]})
    audit_write(by=by, action="guide.domain.delete", target=domain, detail={"code": domain.code})
    domain.delete()


@transaction.atomic
def life_event_create(*, by, code: str, name: str, name_en: str = "", position: int = 0) -> LifeEvent:
    return _named_create(LifeEvent, "guide.life_event.create", by=by, code=code, name=name, name_en=name_en,
                         position=position)


@transaction.atomic
def life_event_update(*, by, life_event: LifeEvent, version: int, name: str, name_en: str = "",
                      position: int = 0) -> LifeEvent:
    return _named_update(LifeEvent, "guide.life_event.update", by=by, record=life_event, version=version,
                         name=name, name_en=name_en, position=position)


@transaction.atomic
def life_event_delete(*, by, life_event: LifeEvent) -> None:
    """Remove a life event; items lose the link, nothing else changes."""
    _require_edit(by)
    audit_write(by=by, action="guide.life_event.delete", target=life_event, detail={"code": life_event.code})
    life_event.items.clear()
    life_event.delete()
