"""The hotline dashboard: figures per place and period, the orders behind each, xlsx export."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.core.xlsx import write_sheets
from shiliu.figures import drill
from shiliu.figures.forms import PeriodForm
from shiliu.figures.metrics import Period, figures_roots, order_figures, place_in_scope
from shiliu.places.models import Place
from shiliu.workorders.selectors import due_state

PAGE_SIZE = 25


def _period(request) -> tuple[PeriodForm, Place, Period]:
    default = Period.default()
    if not request.GET.get("start") and not request.GET.get("end"):
        # Show the period in force in the date boxes, not empty boxes.
        form = PeriodForm(initial={"start": default.start, "end": default.end})
        return form, place_in_scope(request.user, request.GET.get("place")), default
    form = PeriodForm(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        period = Period(data.get("start") or default.start, data.get("end") or default.end)
        place = place_in_scope(request.user, data.get("place"))
    else:
        period = default
        place = place_in_scope(request.user, request.GET.get("place") if "place" not in form.errors else None)
    return form, place, period


def _query(place: Place, period: Period, **extra) -> str:
    return urlencode({"place": place.pk, "start": period.start.isoformat(), "end": period.end.isoformat(),
                      **{k: v for k, v in extra.items() if v not in (None, "")}})


@require_GET
@access_rule(Cap.FIGURES_VIEW)
def dashboard(request):
    form, place, period = _period(request)
    figures = order_figures(request.user, place, period)
    english = (get_language() or "").startswith("en")
    q = _query(place, period)
    drill_url = reverse("figures:orders") + "?" + q
    chart = {
        "labels": {"created": _("Orders opened"), "resolved": _("Resolved")},
        "categories": [{"name": (r["category"].label(get_language()) if r["category"] else "?"),
                        "created": r["created"], "resolved": r["resolved"],
                        "url": drill_url + "&" + urlencode({"metric": "created",
                                                            "category": getattr(r["category"], "pk", "")})}
                       for r in figures.by_category],
        "places": [{"name": (r["place"].name_en if english and r["place"].name_en else r["place"].name),
                    "created": r["created"], "resolved": r["resolved"],
                    "url": reverse("figures:dashboard") + "?" + _query(r["place"], period)}
                   for r in figures.by_place],
        "days": [{"day": d["day"].isoformat(), "created": d["created"]} for d in figures.by_day],
    }
    # Ancestors up to the user's root, for the way back up.
    tops = figures_roots(request.user)
    root = next(t for t in tops if place.path.startswith(t.path))
    ids = place.ancestor_ids()
    crumbs = list(Place.objects.filter(pk__in=ids, path__gte=root.path).order_by("path"))
    return render(request, "figures/dashboard.html", {
        "form": form, "place": place, "period": period, "figures": figures, "chart": chart, "query": q,
        "drill_url": drill_url, "crumbs": crumbs, "roots": tops,
        "calls": figures.calls, "export_url": reverse("figures:export") + "?" + q,
    })


@require_GET
@access_rule(Cap.FIGURES_VIEW)
def drill_down(request):
    _form, place, period = _period(request)
    metric = request.GET.get("metric", "created")
    if not drill.known(metric):
        raise Http404()
    category = request.GET.get("category") or None
    child = None
    if request.GET.get("child"):
        child = place_in_scope(request.user, request.GET.get("child"))
    try:
        category_id = int(category) if category else None
    except ValueError:
        raise Http404() from None
    orders = drill.drill(place, period, metric, category_id=category_id, child=child)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"order": o, "due_state": due_state(o)} for o in page.object_list]
    return render(request, "figures/orders.html", {
        "place": place, "period": period, "metric": metric, "label": drill.label(metric), "page": page,
        "rows": rows, "back": reverse("figures:dashboard") + "?" + _query(place, period),
        "export_url": reverse("figures:export") + "?" + _query(place, period, metric=metric, category=category),
        "pager_query": _query(place, period, metric=metric, category=category),
    })


@require_GET
@access_rule(Cap.FIGURES_VIEW)
def export(request):
    """The figures (or, with ``metric``, the orders behind one) as xlsx. No personal data."""
    try:
        ratelimit.hit(ratelimit.EXPORT, str(request.user.pk))
    except ratelimit.RateLimited as e:
        return too_many_requests(request, e)
    _form, place, period = _period(request)
    metric = request.GET.get("metric")
    if metric:
        if not drill.known(metric):
            raise Http404()
        category = request.GET.get("category")
        orders = drill.drill(place, period, metric, category_id=int(category) if category and
                             category.isdigit() else None)[:20000]
        header = [_("Number"), _("Opened"), _("Category"), _("Place"), _("Unit"), _("Status"), _("Channel"),
                  _("Resolved"), _("On time")]
        rows = [[o.number, o.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), o.category.name, o.place.name,
                 o.unit.name if o.unit else "", o.get_status_display(), o.get_channel_display(),
                 o.resolved_at.astimezone().strftime("%Y-%m-%d %H:%M") if o.resolved_at else "",
                 {True: _("yes"), False: _("no")}.get(o.resolved_on_time, "")] for o in orders]
        sheets = [(drill.label(metric)[:31], header, rows)]
        name = f"orders-{metric}-{period.start}-{period.end}.xlsx"
    else:
        f = order_figures(request.user, place, period)
        summary = [[_("Orders opened"), f.totals["created"]], [_("Cancelled"), f.totals["cancelled"]],
                   [_("Overdue now"), f.overdue_now]]
        summary += [[str(r["label"]), "" if r["value"] is None else r["value"]] for r in f.rates]
        if f.calls:
            summary += [[_("Calls"), f.calls.get("calls", 0)],
                        [_("Answered on the call"), f.calls.get("answered_on_call", 0)]]
        by_cat = [[r["category"].name if r["category"] else "?", r["created"], r["resolved"],
                   "" if r["solved_rate"] is None else r["solved_rate"]] for r in f.by_category]
        by_place = [[r["place"].name, r["created"], r["resolved"],
                     "" if r["on_time_rate"] is None else r["on_time_rate"]] for r in f.by_place]
        returns = [[r["name"] or "", r["n"]] for r in f.returns_by_unit]
        sheets = [
            (_("Figures"), [_("Figure"), _("Value")], summary),
            (_("By category"), [_("Category"), _("Opened"), _("Resolved"), _("Solved rate %")], by_cat),
            (_("By place"), [_("Place"), _("Opened"), _("Resolved"), _("On-time rate %")], by_place),
            (_("Returns by unit"), [_("Unit"), _("Returns")], returns),
        ]
        name = f"figures-{place.code}-{period.start}-{period.end}.xlsx"
    content = write_sheets(sheets)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

