"""The public service guide at /guide/public/: no account, no personal data, no JavaScript needed.

Residents find an item by domain, by life event or by searching in Chinese, and read everything
they need: who may ask, what to bring (with a printable list), the steps and their time limits,
fees and where it is offered. The pages name no staff member (not even who published a version)
and may be cached by browsers and proxies for a few minutes.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.core import ratelimit
from shiliu.core.caching import cacheable
from shiliu.core.errors import too_many_requests
from shiliu.core.net import client_address
from shiliu.guide import display, selectors
from shiliu.guide.forms import SearchForm
from shiliu.guide.models import Domain, LifeEvent


def _rows(items, language):
    return [{"item": i, "name": i.current.label(language), "domain": i.domain.label(language),
             "days": i.current.promised_days} for i in items]


@require_GET
@public
@cacheable
def index(request):
    """Every domain with its items, the life events, and the search box."""
    language = get_language()
    domains = selectors.domains_with_items(selectors.items_public().order_by("code"))
    for domain in domains:
        domain.shown = _rows(domain.items_shown, language)  # type: ignore[attr-defined]
    return render(request, "guide/public_index.html", {
        "domains": domains, "life_events": [(e, e.label(language)) for e in selectors.life_events()],
        "form": SearchForm(language=language)})


@require_GET
@public
@cacheable
def by_domain(request, code: str):
    language = get_language()
    domain = get_object_or_404(Domain, code=code)
    items = selectors.items_public().filter(domain=domain).order_by("code")
    return render(request, "guide/public_items.html", {"heading": domain.label(language),
                                                       "rows": _rows(items, language)})


@require_GET
@public
@cacheable
def by_life_event(request, code: str):
    language = get_language()
    event = get_object_or_404(LifeEvent, code=code)
    items = selectors.items_public().filter(life_events=event).order_by("domain__position", "code")
    return render(request, "guide/public_items.html", {"heading": event.label(language), "life_event": True,
                                                       "rows": _rows(items, language)})


@require_GET
@public
def search(request):
    language = get_language()
    form = SearchForm(request.GET or None, language=language)
    rows = None
    if form.is_valid() and any(form.cleaned_data.values()):
        try:
            ratelimit.hit(ratelimit.SEARCH, f"guide:{client_address(request)}")  # F6
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
        data = form.cleaned_data
        rows = _rows(selectors.filter_items(selectors.items_public(), query=data["q"], domain=data["domain"],
                                            life_event=data["life_event"]), language)
    return render(request, "guide/public_search.html", {"form": form, "rows": rows})


def _item_context(code: str) -> dict:
    language = get_language()
    item = selectors.item_public_get(code)
    assert item.current is not None
    return {"item": item, "shown": display.shown(item.current, language), "domain": item.domain,
            "domain_label": item.domain.label(language),
            "life_events": [(e, e.label(language)) for e in item.life_events.all()]}


@require_GET
@public
@cacheable
def item(request, code: str):
    return render(request, "guide/public_item.html", _item_context(code))


@require_GET
@public
@cacheable
def checklist(request, code: str):
    """The printable "what to bring" list."""
    return render(request, "guide/public_checklist.html", _item_context(code))
