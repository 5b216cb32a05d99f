"""The place page: a place's network and its figures for a period (see place_page for the contract)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import get_scoped_or_404, places_for
from shiliu.organizations.forms import PeriodForm
from shiliu.organizations.honours import honours_context, place_honours
from shiliu.organizations.place_page import default_period, place_figures, place_records
from shiliu.places.models import Place


def place_for_page(user, pk) -> Place:
    """A place where the user holds org.view; 404 otherwise, like a missing one (D2)."""
    return get_scoped_or_404(Place.objects.all(), user, Cap.ORG_VIEW, path_field="path", pk=pk)


def period_from(request) -> tuple[PeriodForm, tuple]:
    """The chosen period, or this year when none (or an invalid one) is given."""
    start, end = default_period(timezone.localdate())
    form = PeriodForm(request.GET if ("from" in request.GET or "to" in request.GET) else None,
                      initial={"from": start, "to": end})
    if form.is_valid():
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    return form, (start, end)


@require_GET
@access_rule(Cap.ORG_VIEW)
def place(request, pk: int):
    user = request.user
    place = place_for_page(user, pk)
    form, (start, end) = period_from(request)
    language = get_language()
    visible = places_for(user, Cap.ORG_VIEW)
    honours = honours_context(user, place_honours(user, place), place)
    return render(request, "organizations/place.html", {
        "place": place, "place_name": place.display_name(language), "form": form, "start": start, "end": end,
        "valid_period": not form.is_bound or form.is_valid(),
        "figures": place_figures(user, place, start, end) if not form.is_bound or form.is_valid() else [],
        "sections": place_records(user, place),
        "ancestors": list(visible.filter(pk__in=place.ancestor_ids()[:-1]).order_by("path")),
        "children": list(visible.filter(parent=place).order_by("path")),
        "language": language,
        **honours,
    })
