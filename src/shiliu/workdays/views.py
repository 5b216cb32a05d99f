"""Pages of the working-day calendar (the district office): parse, authorise, call, render."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.workdays import selectors
from shiliu.workdays.calendar import published_years, unknown_years_notice
from shiliu.workdays.choices import MAX_YEAR, MIN_YEAR
from shiliu.workdays.forms import REST, WORK, ConfirmForm, DayForm, ImportForm, YearForm
from shiliu.workdays.services import (
    calendar_day_clear,
    calendar_day_set,
    calendar_year_confirm,
    calendar_year_withdraw,
)
from shiliu.workdays.transfer import ImportRejected, column_label, export_year, import_year

XLSX = XLSX_CONTENT_TYPE


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _year_url(year: int, month: int | None = None) -> str:
    url = reverse("workdays:calendar") + f"?year={year}"
    return url + (f"#m{month}" if month else "")


def _parse_day(text: str) -> date:
    """A day from the URL (YYYY-MM-DD) within the supported years; anything else is not found."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404() from None
    if len(text) != 10 or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise Http404()
    return day


def _year_context(request, year: int, *, year_form=None, confirm_form=None) -> dict:
    status = selectors.year_status(year)
    return {
        "year": year,
        "status": status,
        "months": selectors.year_months(year),
        "notice_years": unknown_years_notice(timezone.localdate()),
        "year_form": year_form or YearForm(initial={"year": year}),
        "confirm_form": confirm_form or ConfirmForm(initial={"year": year, "note": status.entered.note
                                                             if status.entered else ""}),
        "can_copy": year in published_years(),
        "previous": year - 1 if year > MIN_YEAR else None,
        "next": year + 1 if year < MAX_YEAR else None,
        "today": timezone.localdate(),
    }


@require_GET
@access_rule(Cap.CALENDAR_EDIT)
def calendar(request):
    """The year as month grids: each day working or rest, its name and what decided it."""
    year, status = timezone.localdate().year, 200
    form = YearForm(request.GET) if "year" in request.GET else None
    if form is not None:
        if form.is_valid():
            year = form.cleaned_data["year"]
        else:
            status = 400
    return render(request, "workdays/calendar.html", _year_context(request, year, year_form=form), status=status)


def _day_form(view: selectors.DayView, data=None) -> DayForm:
    name = view.entry.name if view.entry else ""
    if view.entry is None:
        named = selectors.package_day(view.date)
        name = selectors.package_day_name_zh(named) if named else ""
    initial = {"kind": WORK if view.is_workday else REST, "name": name, "version": view.version}
    return DayForm(data, initial=initial)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CALENDAR_EDIT)
def day(request, day: str):
    """Set one day to working or rest (with a name), or clear the district's entry for it."""
    the_day = _parse_day(day)
    view = selectors.day_view(the_day)
    form = _day_form(view, request.POST or None)
    saved = ""
    if request.method == "POST" and form.is_valid():
        clear = request.POST.get("action") == "clear"
        try:
            if clear:
                calendar_day_clear(day=the_day, by=request.user, version=form.cleaned_data["version"])
            else:
                calendar_day_set(day=the_day, is_workday=form.cleaned_data["kind"] == WORK,
                                 name=form.cleaned_data["name"], by=request.user,
                                 version=form.cleaned_data["version"])
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc, field_map={"is_workday": "kind"})
        else:
            saved = (_("The district's entry for %(day)s was removed.") if clear
                     else _("%(day)s was saved.")) % {"day": the_day.isoformat()}
            if not _is_htmx(request):
                messages.success(request, saved)
                return redirect(_year_url(the_day.year, the_day.month))
    if _is_htmx(request):
        if request.method == "POST":
            # The whole month again: its grid shows the change, its editor the outcome.
            month = selectors.year_months(the_day.year)[the_day.month - 1]
            view = selectors.day_view(the_day)
            return render(request, "workdays/_month.html", {
                "month": month, "year": the_day.year, "today": timezone.localdate(),
                "editor": {"view": view, "form": None if saved else form, "saved": saved},
            })
        return render(request, "workdays/_day_form.html", {"view": view, "form": form, "htmx": True})
    return render(request, "workdays/day.html", {"view": view, "form": form},
                  status=422 if form.errors else 200)


@require_POST
@access_rule(Cap.CALENDAR_EDIT)
def confirm(request):
    """Mark a year as entered (optionally copying the State Council's days into entries)."""
    form = ConfirmForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            calendar_year_confirm(year=year, by=request.user, note=form.cleaned_data["note"],
                                  copy_package=form.cleaned_data["copy_package"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The calendar of %(year)s is marked as entered.") % {"year": year})
            return redirect(_year_url(year))
    year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
    if not year:
        raise Http404()
    return render(request, "workdays/calendar.html", _year_context(request, year, confirm_form=form), status=422)


@require_POST
@access_rule(Cap.CALENDAR_EDIT)
def withdraw(request):
    """Undo the confirmation of a year: it counts as unknown again."""
    form = YearForm(request.POST)
    if not form.is_valid():
        raise Http404()
    year = form.cleaned_data["year"]
    if calendar_year_withdraw(year=year, by=request.user):
        messages.success(request, _("The calendar of %(year)s is no longer marked as entered.") % {"year": year})
    return redirect(_year_url(year))


@require_GET
@access_rule(Cap.CALENDAR_EDIT)
def export(request):
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404()
    try:  # F6: exports are limited per user, like every other export
        ratelimit.hit(ratelimit.EXPORT, f"workdays:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    year = form.cleaned_data["year"]
    response = HttpResponse(export_year(year=year, by=request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="calendar-{year}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CALENDAR_EDIT)
def import_(request):
    """Replace a year's district entries with an xlsx file, all or nothing."""
    initial_year = timezone.localdate().year + 1
    if "year" in request.GET:
        chosen = YearForm(request.GET)
        initial_year = chosen.cleaned_data["year"] if chosen.is_valid() else initial_year
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": initial_year, "confirm": True})
    errors = []
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            counts = import_year(file=form.cleaned_data["file"], year=year, by=request.user,
                                 confirm=form.cleaned_data["confirm"])
        except ImportRejected as exc:
            errors = [{"row": e.row, "column": column_label(e.column) if e.column else "", "message": e.message}
                      for e in exc.errors]
        else:
            messages.success(request, _("Import of %(year)s done: %(created)s added, %(updated)s changed, "
                                        "%(removed)s removed, %(unchanged)s unchanged.") % {"year": year, **counts})
            return redirect(_year_url(year))
    status = 422 if errors or form.errors else 200
    return render(request, "workdays/import.html", {"form": form, "errors": errors}, status=status)
