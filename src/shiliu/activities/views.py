"""Pages of activities for staff: parse, authorise, call a selector or service, render.

Order of checks on every record page: the access rule (403 for a role without the capability
anywhere), then the scoped lookup (404 outside what the user may see, 403 where they see a
published activity of another place but may not change it).
"""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import holds
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.activities import exports, selectors, services
from shiliu.activities.choices import TRANSITIONS, ActivityStatus, RegistrationStatus
from shiliu.activities.forms import SUGGESTED_GROUPS, ActivityForm, FilterForm, OutcomeForm, PhotoForm, RegistrationForm
from shiliu.activities.models import Registration
from shiliu.activities.notices import spaced
from shiliu.activities.qr import checkin_url, qr_svg
from shiliu.activities.registrations import (
    checkin_by_list,
    checkin_window_error,
    registration_cancel,
    registration_create,
    waiting_rank,
)
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.people.masking import mask_phone

PAGE_SIZE = 25
XLSX = XLSX_CONTENT_TYPE


def _filter(request) -> tuple[FilterForm, selectors.ActivityFilter]:
    form = FilterForm(request.GET or None, places=selectors.filter_places(request.user))
    flt = selectors.ActivityFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = selectors.ActivityFilter(q=data["q"], type=data["type"], group=data["group"], status=data["status"],
                                       place=data["place"],
                                       start=data["start"], end=data["end"], held=data["held"])
    return form, flt


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_list(request):
    form, flt = _filter(request)
    paginator = Paginator(selectors.activity_list(request.user, flt), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "activities/list.html", {
        "form": form, "page": page, "activities": list(page.object_list), "query": query.urlencode(),
        "can_create": holds(request.user, Cap.ACTIVITY_EDIT), "language": get_language(),
    })


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_export(request):
    try:  # F6: the page and the API share one count
        ratelimit.hit(ratelimit.EXPORT, f"activities:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    _form, flt = _filter(request)
    data = exports.activities_xlsx(selectors.activity_list(request.user, flt), get_language())
    return _xlsx(data, f"activities-{timezone.localdate():%Y%m%d}.xlsx")


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_calendar(request):
    places = selectors.filter_places(request.user)
    place = None
    if request.GET.get("place"):
        place = places.filter(pk=request.GET["place"] if request.GET["place"].isdigit() else 0).first()
        if place is None:
            raise Http404()
    place = place or places.first()
    if place is None:
        raise Http404()
    today = timezone.localdate()
    year, month = today.year, today.month
    raw = request.GET.get("month", "")
    if raw:
        try:
            year, month = (int(part) for part in raw.split("-", 1))
            date(year, month, 1)
        except ValueError:
            raise Http404() from None
        if not 2000 <= year <= 2100:
            raise Http404()
    first = date(year, month, 1)
    previous = date(year - (month == 1), 12 if month == 1 else month - 1, 1)
    following = date(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return render(request, "activities/calendar.html", {
        "place": place, "month": first,
        "place_options": _indented(places),
        "weeks": selectors.month_calendar(request.user, place, year, month),
        "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}", "this_month": f"{today:%Y-%m}",
        "language": get_language(),
    })


def _indented(places) -> list[tuple[int, str]]:
    """(pk, name) indented below the user's own top places, which stand flush left."""
    places = list(places)
    top = min((p.depth for p in places), default=0)
    return [(p.pk, "— " * (p.depth - top) + p.display_name(get_language())) for p in places]


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ACTIVITY_EDIT)
def activity_create(request):
    form = ActivityForm(request.POST or None, user=request.user, editing=False)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(by=request.user, **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity was planned. Open it for registration when ready."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "editing": False})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ACTIVITY_VIEW)
def activity_edit(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    initial = {name: getattr(activity, name) for name in (
        "title", "title_en", "type", "starts_at", "ends_at", "venue", "capacity", "waiting_list",
        "public_registration", "description", "version")}
    initial["starts_at"] = timezone.localtime(activity.starts_at)
    initial["ends_at"] = timezone.localtime(activity.ends_at)
    initial["place"] = activity.place_id
    initial["organization"] = activity.organization_id
    initial["co_organizers"] = list(activity.co_organizers.values_list("pk", flat=True))
    form = ActivityForm(request.POST or None, initial=initial, user=request.user, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, by=request.user, version=form.cleaned_data["version"],
                                     **form.service_arguments())
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "editing": True, "activity": activity})


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_detail(request, pk: int):
    activity = selectors.activity_get(request.user, pk)
    manage = selectors.can_manage(request.user, activity)
    language = get_language()
    return render(request, "activities/detail.html", {
        "activity": activity, "title": activity.display_title(language), "language": language,
        "place_name": activity.place.display_name(language),
        "co_organizers": [p.display_name(language) for p in activity.co_organizers.order_by("path")],
        "organization": activity.organization.display_name(language) if activity.organization else "",
        "counts": list(activity.participant_counts.all()),
        "photos": list(activity.photos.all()),
        "attendance": getattr(activity, "checked_in", 0) + activity.extra_attendance,
        "can_manage": manage, "can_see_people": selectors.can_see_people(request.user, activity),
        "next_statuses": [ActivityStatus(s) for s in sorted(TRANSITIONS.get(activity.status, ()))] if manage else [],
        "checkin_closed": checkin_window_error(activity),
        "photo_form": PhotoForm() if manage else None,
    })


@require_POST
@access_rule(Cap.ACTIVITY_VIEW)
def activity_status(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    try:
        services.activity_set_status(activity=activity, by=request.user, status=request.POST.get("status", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The status was changed."))
    return redirect("activities:detail", pk=activity.pk)


@require_POST
@access_rule(Cap.ACTIVITY_VIEW)
def activity_publish(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    published = request.POST.get("published") == "1"
    services.activity_publish(activity=activity, by=request.user, published=published)
    messages.success(request, _("The activity is published.") if published else _("The activity is no longer "
                                                                                    "published."))
    return redirect("activities:detail", pk=activity.pk)


def _registration_rows(registrations: list[Registration]) -> list[dict]:
    ranks = {r.pk: i for i, r in enumerate(selectors.waiting_list(registrations), start=1)}
    return [{"registration": r, "phone_masked": mask_phone(r.phone), "rank": ranks.get(r.pk)} for r in registrations]


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ACTIVITY_VIEW)
def registration_list(request, pk: int):
    """Who registered, the waiting list, check-in by list; and a form to register someone."""
    activity = selectors.activity_get(request.user, pk)
    registrations = list(selectors.registrations_for(request.user, activity))
    manage = selectors.can_manage(request.user, activity)
    form = RegistrationForm(request.POST or None) if manage else None
    if request.method == "POST":
        if form is None:
            raise Http404()
        if form.is_valid():
            try:
                registration, _created = registration_create(activity=activity, by=request.user,
                                                             **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if registration.status == RegistrationStatus.WAITLISTED:
                    messages.warning(request, _("The activity is full: %(name)s is number %(rank)s on the waiting "
                                                "list. They were sent a message.") % {
                        "name": registration.name, "rank": waiting_rank(registration)})
                else:
                    messages.success(request, _("%(name)s is registered. Check-in code: %(code)s (also sent by "
                                                "SMS).") % {"name": registration.name,
                                                            "code": spaced(registration.code)})
                return redirect("activities:registrations", pk=activity.pk)
    rows = _registration_rows(registrations)
    audit_list_read(by=request.user, action="activity.registrations.list", model_label="activities.registration",
                    ids=[r.pk for r in registrations])
    live = [row for row in rows if row["registration"].status != RegistrationStatus.WAITLISTED]
    waiting = sorted((row for row in rows if row["rank"]), key=lambda row: row["rank"])
    return render(request, "activities/registrations.html", {
        "activity": activity, "title": activity.display_title(get_language()), "rows": live, "waiting": waiting,
        "form": form, "can_manage": manage, "checkin_closed": checkin_window_error(activity),
    })


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def registration_export(request, pk: int):
    activity = selectors.activity_get(request.user, pk)
    registrations = selectors.registrations_for(request.user, activity)
    if not recently_reauthenticated(request):  # C7: an export of people's data
        messages.info(request, _("Confirm your password first, then try again."))
        back = reverse("activities:registrations", args=[activity.pk])
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": back}))
    try:
        ratelimit.hit(ratelimit.EXPORT, f"activity-registrations:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    rows = list(registrations[: settings.SHILIU_LIST_EXPORT_CAP])  # D5: capped
    audit_list_read(by=request.user, action="activity.registrations.export", model_label="activities.registration",
                    ids=[r.pk for r in rows])
    return _xlsx(exports.registrations_xlsx(activity, rows), f"registrations-{activity.pk}.xlsx")


def _registration_action(request, pk: int, rid: int, action) -> HttpResponse:
    activity = selectors.activity_get(request.user, pk)
    registration = selectors.registration_get(request.user, activity, rid)
    try:
        message = action(registration)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect(reverse("activities:registrations", args=[activity.pk]) + f"#r{registration.pk}")


@require_POST
@access_rule(Cap.ACTIVITY_EDIT)
def registration_checkin(request, pk: int, rid: int):
    def act(registration):
        checkin_by_list(registration=registration, by=request.user)
        return _("%(name)s is checked in.") % {"name": registration.name}

    return _registration_action(request, pk, rid, act)


@require_POST
@access_rule(Cap.ACTIVITY_EDIT)
def registration_cancel_view(request, pk: int, rid: int):
    def act(registration):
        was_waiting = registration.status == RegistrationStatus.WAITLISTED
        registration_cancel(registration=registration, by=request.user)
        return (_("%(name)s left the waiting list.") if was_waiting else _("The registration of %(name)s was "
                                                                            "cancelled.")) % {"name": registration.name}

    return _registration_action(request, pk, rid, act)


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_qr(request, pk: int):
    """A page to print and put up at the venue: the QR code of the public check-in page."""
    activity = selectors.activity_get_for_edit(request.user, pk)
    return render(request, "activities/qr.html", {
        "activity": activity, "title": activity.display_title(get_language()), "url": checkin_url(activity),
        "checkin_closed": checkin_window_error(activity),
    })


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def activity_qr_image(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    response = HttpResponse(qr_svg(checkin_url(activity)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="checkin-{activity.pk}.svg"'
    return response


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ACTIVITY_VIEW)
def activity_outcome(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    counts = list(activity.participant_counts.all())
    initial = {"extra_attendance": activity.extra_attendance, "summary": activity.summary,
               "version": activity.version}
    for i, count in enumerate(counts):
        initial[f"group_{i}"], initial[f"count_{i}"] = count.group, count.count
    if not counts:
        for i, group in enumerate(SUGGESTED_GROUPS[:2]):
            initial[f"group_{i}"] = str(group)
    form = OutcomeForm(request.POST or None, initial=initial, rows=max(6, len(counts) + 2))
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(activity=activity, by=request.user, version=form.cleaned_data["version"],
                                    extra_attendance=form.cleaned_data["extra_attendance"] or 0,
                                    summary=form.cleaned_data["summary"], counts=form.counts())
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc, field_map=form.field_map())
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/outcome.html", {
        "activity": activity, "title": activity.display_title(get_language()), "form": form,
        "suggested_groups": SUGGESTED_GROUPS,
    })


@require_POST
@access_rule(Cap.ACTIVITY_VIEW)
def photo_upload(request, pk: int):
    activity = selectors.activity_get_for_edit(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(activity=activity, by=request.user, upload=form.cleaned_data["photo"],
                               caption=form.cleaned_data["caption"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The photo was added. Its thumbnail appears in a moment."))
            return redirect(reverse("activities:detail", args=[activity.pk]) + "#photos")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect(reverse("activities:detail", args=[activity.pk]) + "#photos")


def _serve(photo, *, thumbnail: bool) -> FileResponse:
    field = photo.thumbnail if thumbnail and photo.thumbnail else photo.file
    content_type = "image/jpeg" if field is photo.thumbnail else photo.content_type
    name = f"activity-{photo.activity_id}-photo-{photo.pk}{'-thumb' if field is photo.thumbnail else ''}"
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(content_type, "bin")
    # B6: as an attachment (an <img> still shows it), never sniffed, never cached by a shared cache.
    return FileResponse(field.open("rb"), content_type=content_type, as_attachment=True,
                        filename=f"{name}.{extension}")


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def photo_file(request, token: str):
    photo = selectors.photo_get(request.user, token)
    audit_read(by=request.user, action="activity.photo.view", target=photo, subject_id=None, category="photo")
    return _serve(photo, thumbnail=False)


@require_GET
@access_rule(Cap.ACTIVITY_VIEW)
def photo_thumbnail(request, token: str):
    return _serve(selectors.photo_get(request.user, token), thumbnail=True)


@require_POST
@access_rule(Cap.ACTIVITY_EDIT)
def photo_delete(request, token: str):
    photo = selectors.photo_get(request.user, token)
    services.photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect(reverse("activities:detail", args=[photo.activity_id]) + "#photos")

