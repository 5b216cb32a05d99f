"""The hotline's configuration pages (Cap.ORDER_CONFIGURE): service categories with their
deadlines, and routing rules with a "test a route" check. Writes go through workorders.config."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import places_for
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.workorders import config
from shiliu.workorders.choices import DEFAULT_ACK_HOURS, DEFAULT_RESOLVE_DAYS, Kind
from shiliu.workorders.forms import CategoryForm, RouteTestForm, RoutingRuleForm
from shiliu.workorders.models import Category


def _category_arguments(data: dict) -> dict:
    return {k: data.get(k) for k in ("name", "name_en", "kind", "ack_hours", "resolve_days", "active")}


@require_GET
@access_rule(Cap.ORDER_CONFIGURE)
def categories(request):
    language = get_language()
    rows = [{"category": c, "label": c.label(language)} for c in Category.objects.order_by("code")]
    defaults = [(Kind(k).label, days) for k, days in DEFAULT_RESOLVE_DAYS.items()]
    return render(request, "workorders/categories.html", {
        "rows": rows, "defaults": defaults, "default_ack_hours": DEFAULT_ACK_HOURS,
        "can_edit": config.may_configure_categories(request.user),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORDER_CONFIGURE)
def category_create(request):
    if not config.may_configure_categories(request.user):
        raise PermissionDenied()
    form = CategoryForm(request.POST or None, initial={"kind": Kind.HELP, "active": True})
    if request.method == "POST" and form.is_valid():
        try:
            category = config.category_create(by=request.user, code=form.cleaned_data["code"],
                                              **_category_arguments(form.cleaned_data))
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The category “%(name)s” was created.") % {"name": category.name})
            return redirect("workorders:categories")
    return render(request, "workorders/category_form.html", {"form": form, "category": None})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORDER_CONFIGURE)
def category_edit(request, pk: int):
    if not config.may_configure_categories(request.user):
        raise PermissionDenied()
    category = get_object_or_404(Category, pk=pk)
    initial = {f: getattr(category, f) for f in config.CATEGORY_FIELDS} | {"version": category.version}
    form = CategoryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            config.category_update(by=request.user, category=category, version=form.cleaned_data["version"],
                                   **_category_arguments(form.cleaned_data))
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The category “%(name)s” was saved.") % {"name": category.name})
            return redirect("workorders:categories")
    return render(request, "workorders/category_form.html", {"form": form, "category": category})


def _routing_context(request, *, rule_form=None) -> dict:
    user, language = request.user, get_language()
    places = places_for(user, Cap.ORDER_CONFIGURE).filter(is_active=True).order_by("path")
    units = config.unit_choices(user)
    test_form = RouteTestForm(request.GET if "place" in request.GET else None, places=places)
    tested = None
    if test_form.is_bound and test_form.is_valid() and test_form.cleaned_data.get("place"):
        place, category = test_form.cleaned_data["place"], test_form.cleaned_data.get("category")
        rule = config.applicable_rule(place, category)
        tested = {"place": place.display_name(language), "rule": rule,
                  "category": category.label(language) if category else "",
                  "unit": rule.unit.display_name(language) if rule else "",
                  "rule_place": rule.place.display_name(language) if rule else "",
                  "rule_category": rule.category.label(language) if rule and rule.category else ""}
    rules = [{"rule": r, "place": r.place.display_name(language), "unit": r.unit.display_name(language),
              "category": r.category.label(language) if r.category else ""} for r in config.rules_visible(user)]
    return {"rules": rules, "rule_form": rule_form or RoutingRuleForm(places=places, units=units),
            "test_form": test_form, "tested": tested}


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORDER_CONFIGURE)
def routing(request):
    """GET lists the rules (and tests a route); POST creates a rule."""
    if request.method == "POST":
        places = places_for(request.user, Cap.ORDER_CONFIGURE).filter(is_active=True)
        form = RoutingRuleForm(request.POST, places=places, units=config.unit_choices(request.user))
        if form.is_valid():
            try:
                config.routing_rule_create(by=request.user, **form.cleaned_data)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, _("The routing rule was added."))
                return redirect("workorders:routing")
        return render(request, "workorders/routing.html", _routing_context(request, rule_form=form))
    return render(request, "workorders/routing.html", _routing_context(request))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORDER_CONFIGURE)
def routing_delete(request, pk: int):
    """GET asks for confirmation; POST deletes."""
    rule = config.rule_get(request.user, pk)
    if request.method == "POST":
        config.routing_rule_delete(by=request.user, rule=rule)
        messages.success(request, _("The routing rule was deleted."))
        return redirect("workorders:routing")
    language = get_language()
    return render(request, "workorders/routing_delete.html", {
        "rule": rule, "place": rule.place.display_name(language), "unit": rule.unit.display_name(language),
        "category": rule.category.label(language) if rule.category else ""})
