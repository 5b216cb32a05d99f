"""The hotline's configuration: service categories with their deadlines, and routing rules
(place × category → responsible unit). Edited by the district office (Cap.ORDER_CONFIGURE).

Writes are keyword-only, atomic, validated field by field and audited, like every service.
"""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots, scope_q
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.choices import DEFAULT_ACK_HOURS, DEFAULT_RESOLVE_DAYS, Kind
from shiliu.workorders.models import Category, RoutingRule

CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}$")
ACK_HOURS_MAX = 240  # 30 working days of 8 hours
RESOLVE_DAYS_MAX = 120
CATEGORY_FIELDS = ("name", "name_en", "kind", "ack_hours", "resolve_days", "active")



def may_configure_categories(user) -> bool:
    """Categories serve the whole deployment: only who configures at a top place edits them."""
    return any(root.parent_id is None for root in roots(user, Cap.ORDER_CONFIGURE))


def _int(errors: FieldErrors, field: str, value, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors.add(field, message)
        return 0
    if not low <= number <= high:
        errors.add(field, message)
    return number


def _clean_category(errors: FieldErrors, *, name, name_en, kind, ack_hours, resolve_days) -> dict:
    name = (name or "").strip()
    name_en = (name_en or "").strip()
    if not name:
        errors.add("name", _("Give the category a name."))
    elif len(name) > 60:
        errors.add("name", _("At most %(limit)d characters.") % {"limit": 60})
    if len(name_en) > 80:
        errors.add("name_en", _("At most %(limit)d characters.") % {"limit": 80})
    if kind not in Kind.values:
        errors.add("kind", _("Choose one of the listed kinds."))
    if ack_hours in (None, ""):
        ack_hours = DEFAULT_ACK_HOURS
    if resolve_days in (None, "") and kind in Kind.values:
        resolve_days = DEFAULT_RESOLVE_DAYS[Kind(kind)]
    hours = _int(errors, "ack_hours", ack_hours, 1, ACK_HOURS_MAX,
                 _("Enter a whole number of working hours from 1 to %(n)d.") % {"n": ACK_HOURS_MAX})
    days = _int(errors, "resolve_days", resolve_days, 1, RESOLVE_DAYS_MAX,
                _("Enter a whole number of working days from 1 to %(n)d.") % {"n": RESOLVE_DAYS_MAX})
    return {"name": name, "name_en": name_en, "kind": kind, "ack_hours": hours, "resolve_days": days}


@transaction.atomic
def category_create(*, by, code: str, name: str, name_en: str = "", kind: str = Kind.HELP,
                    ack_hours: int | None = None, resolve_days: int | None = None, active: bool = True) -> Category:
    """A new category. Empty deadlines take the defaults of its kind (12345 practice:
    consultation 2, help and suggestion 10, complaint 15 working days; acknowledge in 4 hours)."""
    if not may_configure_categories(by):
        raise PermissionDenied()
    errors = FieldErrors()
    code = (code or "").strip().lower()
    if not CODE.match(code):
        errors.add("code", _("Use 1 to 20 lower-case letters, digits and hyphens, like “legal-aid”."))
    elif Category.objects.filter(code=code).exists():
        errors.add("code", _("Another category already has this code."))
    fields = _clean_category(errors, name=name, name_en=name_en, kind=kind, ack_hours=ack_hours,
                             resolve_days=resolve_days)
    errors.raise_any()
    category = Category.objects.create(code=code, active=bool(active), **fields)
    audit_write(by=by, action="workorder.category.create", target=category,
                detail={"code": code, **{k: fields[k] for k in ("kind", "ack_hours", "resolve_days")}})
    return category


@transaction.atomic
def category_update(*, by, category: Category, version: int, name: str, name_en: str = "", kind: str,
                    ack_hours: int | None, resolve_days: int | None, active: bool) -> Category:
    """Change a category. Its code never changes (the knowledge base and the API use it). New
    deadlines apply to orders dispatched from now on; running deadlines are not moved."""
    if not may_configure_categories(by):
        raise PermissionDenied()
    errors = FieldErrors()
    fields = _clean_category(errors, name=name, name_en=name_en, kind=kind, ack_hours=ack_hours,
                             resolve_days=resolve_days)
    errors.raise_any()
    fields["active"] = bool(active)
    changed = Category.objects.filter(pk=category.pk, version=version).update(version=version + 1, **fields)
    if not changed:
        raise StaleVersion()
    before = {f: getattr(category, f) for f in CATEGORY_FIELDS}
    category.refresh_from_db()
    after = {f: getattr(category, f) for f in CATEGORY_FIELDS}
    audit_write(by=by, action="workorder.category.update", target=category,
                detail={"changed": sorted(f for f in CATEGORY_FIELDS if before[f] != after[f])})
    return category


# --- routing rules ----------------------------------------------------------------------------

def rules_visible(user) -> QuerySet[RoutingRule]:
    """Rules on places where the user configures, or whose unit lies there."""
    return (RoutingRule.objects.filter(scope_q(user, Cap.ORDER_CONFIGURE, "place__path"))
            .select_related("place", "category", "unit").order_by("place__path", "category__code", "id"))


def rule_get(user, pk) -> RoutingRule:
    from django.http import Http404

    try:
        return rules_visible(user).get(pk=pk)
    except (RoutingRule.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def unit_choices(user) -> QuerySet[Place]:
    """Units a rule may name: active places where the user configures (not the district as a
    whole: someone must be named responsible), and the district's departments."""
    return (Place.objects.filter(scope_q(user, Cap.ORDER_CONFIGURE) | Q(kind=PlaceKind.DEPARTMENT), is_active=True)
            .exclude(kind=PlaceKind.DISTRICT).order_by("path"))


def applicable_rule(place: Place, category: Category | None) -> RoutingRule | None:
    """The rule that routes an order about ``place`` in ``category``: the one on the deepest
    ancestor of the place (or the place itself); on one place, a rule naming the category
    before one for any category. The same choice as workorders.services.route."""
    ancestors = [place.path[:i] for i in range(len(place.path), 0, -8)]
    rules = RoutingRule.objects.filter(place__path__in=ancestors).filter(
        Q(category__isnull=True) | Q(category=category)).select_related("place", "category", "unit")
    return max(rules, default=None, key=lambda r: (len(r.place.path), r.category_id is not None))


@transaction.atomic
def routing_rule_create(*, by, place: Place | None, category: Category | None, unit: Place | None) -> RoutingRule:
    """Orders about ``place`` (and below) in ``category`` (None: any category) go to ``unit``."""
    errors = FieldErrors()
    if place is None:
        errors.add("place", _("Choose the place the rule covers."))
    elif not can(by, Cap.ORDER_CONFIGURE, place):
        raise PermissionDenied()
    if category is not None and not category.active:
        errors.add("category", _("This category is no longer in use."))
    if unit is None or not unit.is_active or unit.kind == PlaceKind.DISTRICT:
        errors.add("unit", _("Choose the unit that will handle these orders."))
    elif not (can(by, Cap.ORDER_CONFIGURE, unit) or unit.kind == PlaceKind.DEPARTMENT):
        errors.add("unit", _("Choose a unit in your area or a department."))
    if place is not None and not errors.get("place"):
        if RoutingRule.objects.filter(place=place, category=category).exists():
            errors.add("category", _("This place already has a rule for this category. Delete that rule first."))
    errors.raise_any()
    assert place is not None and unit is not None
    rule = RoutingRule.objects.create(place=place, category=category, unit=unit, created_by=by)
    audit_write(by=by, action="workorder.routing.create", target=rule,
                detail={"place": place.pk, "category": getattr(category, "code", None), "unit": unit.pk})
    return rule


@transaction.atomic
def routing_rule_delete(*, by, rule: RoutingRule) -> None:
    """Orders already routed stay with their unit; new ones follow the remaining rules."""
    if not can(by, Cap.ORDER_CONFIGURE, rule.place):
        raise PermissionDenied()
    detail = {"rule": rule.pk, "place": rule.place_id, "category": getattr(rule.category, "code", None),
              "unit": rule.unit_id}
    audit_write(by=by, action="workorder.routing.delete", target=rule.place, detail=detail)
    rule.delete()
