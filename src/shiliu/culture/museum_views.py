"""Pages of the ethnic knowledge museum: the museum and its slots, groups' bookings, and the
public page where a group books a visit online (no account, rate limited per address)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.access.scope import can
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.accounts.models import User
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.net import client_address
from shiliu.core.pages import filters_of, paginate, posted, save_form
from shiliu.creation.views import xlsx_response
from shiliu.culture import exports, museum, selectors
from shiliu.culture.choices import BookingSource
from shiliu.culture.forms import (
    BookingFilterForm,
    BookingForm,
    ConfirmForm,
    MuseumForm,
    PublicBookingForm,
    ReasonForm,
    SlotForm,
    VisitForm,
)
from shiliu.culture.models import Museum
from shiliu.people.masking import mask_phone

# Online bookings per client address: a school books a few visits, a script is stopped (F6).
PUBLIC_BOOKING = ratelimit.Limit("museum-booking", 5, 600)
UPCOMING = 30


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def museum_detail(request, pk: int):
    item = selectors.museum_get(request.user, pk)
    slots: list[Any] = list(selectors.slots_of(item)[:UPCOMING])
    now = timezone.now()
    for slot in slots:
        slot.left = max(slot.capacity - slot.held, 0)
        slot.bookable = slot.left > 0 and slot.starts_at > now
    return render(request, "culture/museum_detail.html", {
        "museum": item, "guides": list(item.guides.order_by("username")), "slots": slots,
        "can_edit": can(request.user, Cap.CULTURE_EDIT, item.place),
        "can_see_bookings": can(request.user, Cap.CULTURE_VIEW, item.place),
    })


def _museum_form(request, item: Museum | None):
    guides = selectors.eligible_guides(item) if item else User.objects.none()
    initial = {}
    if item is not None:
        initial = {"name": item.name, "place": item.place_id, "address": item.address,
                   "description": item.description, "guides": list(item.guides.all()),
                   "online_booking": item.online_booking, "active": item.active, "public": item.public,
                   "version": item.version}
    return MuseumForm(posted(request), initial=initial, user=request.user, guides=guides)


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def museum_new(request):
    form = _museum_form(request, None)
    del form.fields["guides"]  # guides are chosen once the museum's place is known
    return save_form(request, form, lambda f: museum.museum_create(by=request.user, **f.service_arguments()),
                     success=_("The museum was recorded. Choose its guides under Edit."),
                     template="culture/form.html", context={"title": _("New museum"), "back": "culture:home"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def museum_edit(request, pk: int):
    item = selectors.museum_get_for_edit(request.user, pk)
    form = _museum_form(request, item)
    return save_form(request, form, lambda f: museum.museum_update(
        museum=item, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="culture/form.html",
        context={"title": _("Edit %(name)s") % {"name": item.name}, "back_object": item})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def slot_new(request, pk: int):
    item = selectors.museum_get_for_edit(request.user, pk)
    form = SlotForm(posted(request))

    def create(f):
        museum.slot_create(museum=item, by=request.user, **f.cleaned_data)
        return item

    return save_form(request, form, create, success=_("The slot was opened for bookings."),
                     template="culture/form.html",
                     context={"title": _("New visit slot at %(name)s") % {"name": item.name}, "back_object": item})


def _slot_label(slot) -> str:
    start = timezone.localtime(slot.starts_at)
    return f"{date_format(start, 'Y-m-d H:i')}–{date_format(timezone.localtime(slot.ends_at), 'H:i')}"


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CULTURE_EDIT)
def booking_new(request, slot_pk: int):
    """Staff enter a group's booking (taken by phone or at the door)."""
    slot: Any = selectors.slot_get(request.user, slot_pk)
    if not can(request.user, Cap.CULTURE_EDIT, slot.museum.place):
        raise PermissionDenied()
    form = BookingForm(posted(request))
    return save_form(request, form, lambda f: museum.booking_create(slot=slot, by=request.user, **f.cleaned_data),
                     success=_("The booking was recorded. Confirm it and choose a guide."),
                     template="culture/booking_form.html",
                     context={"title": _("Book a visit"), "slot": slot, "slot_label": _slot_label(slot),
                              "left": slot.capacity - slot.held, "back_object": slot.museum})


# --- bookings -----------------------------------------------------------------------------------

def _booking_filters(request):
    form = BookingFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def bookings(request):
    form, filters = _booking_filters(request)
    page = paginate(request, selectors.booking_list(request.user, **filters))
    audit_list_read(by=request.user, action="culture.booking.list", model_label="culture.visitbooking",
                    ids=[b.pk for b in page.object_list])
    return render(request, "culture/bookings.html", {
        "form": form, "page": page,
        "rows": [{"booking": b, "phone": mask_phone(b.contact_phone), "slot": _slot_label(b.slot)}
                 for b in page.object_list],
    })


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def bookings_export(request):
    if not recently_reauthenticated(request):  # C7: an export of people's names
        messages.info(request, _("Confirm your password first, then try again."))
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    _form, filters = _booking_filters(request)
    return xlsx_response(request, "bookings", lambda: exports.bookings_xlsx(
        selectors.booking_list(request.user, **filters), by=request.user), count=exports.count_export)


def _booking_context(request, booking, **forms) -> dict:
    can_edit = can(request.user, Cap.CULTURE_EDIT, booking.slot.museum.place)
    guides = booking.slot.museum.guides.order_by("username")
    context = {"booking": booking, "phone": mask_phone(booking.contact_phone),
               "slot_label": _slot_label(booking.slot), "can_edit": can_edit}
    if can_edit:
        version = {"version": booking.version}
        context.update({
            "confirm_form": forms.get("confirm_form") or ConfirmForm(initial={**version, "guide": booking.guide_id},
                                                                    guides=guides),
            "decline_form": forms.get("decline_form") or ReasonForm(initial=version, auto_id="decline_%s"),
            "cancel_form": forms.get("cancel_form") or ReasonForm(initial=version, auto_id="cancel_%s"),
            "visit_form": forms.get("visit_form") or VisitForm(initial={**version,
                                                                        "visited_count": booking.group_size}),
        })
    return context


@require_GET
@access_rule(Cap.CULTURE_VIEW)
def booking_detail(request, pk: int):
    booking = selectors.booking_get(request.user, pk)
    audit_read(by=request.user, action="culture.booking.view", target=booking, subject_id=None, category="contact")
    return render(request, "culture/booking_detail.html", _booking_context(request, booking))


ACTIONS = {
    # action: (form key, form class, call)
    "confirm": ("confirm_form", lambda b, d, by: museum.booking_confirm(booking=b, by=by, version=d["version"],
                                                                        guide=d["guide"])),
    "guide": ("confirm_form", lambda b, d, by: museum.booking_assign_guide(booking=b, by=by, version=d["version"],
                                                                           guide=d["guide"])),
    "decline": ("decline_form", lambda b, d, by: museum.booking_decline(booking=b, by=by, version=d["version"],
                                                                        reason=d["reason"])),
    "cancel": ("cancel_form", lambda b, d, by: museum.booking_cancel(booking=b, by=by, version=d["version"],
                                                                     reason=d["reason"])),
    "visit": ("visit_form", lambda b, d, by: museum.booking_record_visit(
        booking=b, by=by, version=d["version"], visited_count=d["visited_count"], notes=d["notes"])),
}
SUCCESS = {
    "confirm": _("The visit was confirmed. Call the contact to tell them the guide."),
    "guide": _("The guide was changed."),
    "decline": _("The request was declined and its places freed. Call the contact to tell them why."),
    "cancel": _("The booking was cancelled and its places freed."),
    "visit": _("The visit was recorded."),
}


@require_POST
@access_rule(Cap.CULTURE_EDIT)
def booking_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404()
    booking = selectors.booking_get_for_edit(request.user, pk)
    key, call = ACTIONS[action]
    guides = booking.slot.museum.guides.order_by("username")
    form_class = {"confirm_form": ConfirmForm, "decline_form": ReasonForm, "cancel_form": ReasonForm,
                  "visit_form": VisitForm}[key]
    form = form_class(request.POST, guides=guides) if form_class is ConfirmForm else form_class(request.POST)
    if form.is_valid():
        try:
            call(booking, form.cleaned_data, request.user)
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, str(SUCCESS[action]))
            return redirect(booking)
    audit_read(by=request.user, action="culture.booking.view", target=booking, subject_id=None, category="contact")
    return render(request, "culture/booking_detail.html", _booking_context(request, booking, **{key: form}))


# --- the public booking page --------------------------------------------------------------------

def _public_museum(pk: int) -> Museum:
    item = Museum.objects.select_related("place").filter(pk=pk, online_booking=True, active=True, public=True).first()
    if item is None:
        raise Http404()
    return item


@require_http_methods(["GET", "POST"])
@public
def public_booking(request, pk: int):
    """A visiting group books a slot online: it holds the places until staff confirm or decline."""
    item = _public_museum(pk)
    slots: list[Any] = [s for s in selectors.slots_of(item, start=timezone.now())[:UPCOMING]
                        if s.starts_at > timezone.now()]
    choices = [(s.pk, _("%(time)s (%(left)d places left)") % {"time": _slot_label(s), "left": s.capacity - s.held})
               for s in slots if s.capacity > s.held]
    form = PublicBookingForm(posted(request), slots=choices)
    if request.method == "POST":
        try:
            ratelimit.hit(PUBLIC_BOOKING, client_address(request))
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
        if form.is_valid():
            data = dict(form.cleaned_data)
            chosen = data.pop("slot")  # once: a pop inside the generator would be spent on the first slot
            slot = next((s for s in slots if s.pk == chosen), None)
            try:
                if slot is None:
                    raise ValidationError({"slot": [_("Choose one of the listed times.")]})
                booking = museum.booking_create(slot=slot, by=None, source=BookingSource.PUBLIC, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                url = reverse("culture:public_booking_done", args=[item.pk])
                return redirect(f"{url}?{urlencode({'ref': booking.reference})}")
    return render(request, "culture/public_booking.html", {"museum": item, "form": form, "has_slots": bool(choices)})


@require_GET
@public
def public_booking_done(request, pk: int):
    item = _public_museum(pk)
    reference = "".join(c for c in request.GET.get("ref", "")[:12] if c.isalnum()).upper()
    return render(request, "culture/public_booking_done.html", {"museum": item, "reference": reference})

