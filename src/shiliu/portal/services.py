"""Asking online: a resident's request becomes a work order (channel ONLINE) in the engine.

The portal opens orders through one machine account (``portal_account``: the operator's role at
the district) and ``workorders.services.order_open``; the resident's verified phone is the
order's contact (with consent) and, as a blind index, the key of "my requests"
(``OnlineRequest``). Nothing is written before every check has passed.
"""

import inspect
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shiliu.accounts.models import Role, RoleAssignment, User
from shiliu.accounts.services import role_grant
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.places.models import Place, PlaceKind
from shiliu.portal.identity import phone_index
from shiliu.portal.models import OnlineRequest
from shiliu.workorders.attachments import CheckedFile, attachment_add, check_upload
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import DESCRIPTION_MAX, Category, WorkOrder
from shiliu.workorders.services import order_open

ACCOUNT = "portal-online"
# The consent text shown on the ask page (templates/portal/_consent.html) has this version;
# change both together, and the version each resident accepted stays on their request.
CONSENT_VERSION = "2026-11-1"
FORM_KEY_MAX = 64
FILES_MAX = 5
ASK_PLACE_KINDS = (PlaceKind.SUBDISTRICT, PlaceKind.COMMUNITY, PlaceKind.VILLAGE)


def portal_account() -> User:
    """The machine account that opens the portal's orders (created on first use)."""
    account = User.objects.filter(username=ACCOUNT).first()
    if account is not None:
        return account
    root = Place.objects.filter(parent__isnull=True, kind=PlaceKind.DISTRICT).order_by("path").first()
    if root is None:
        raise RuntimeError("the portal needs the district's place before it can open requests")
    with transaction.atomic():
        account, created = User.objects.get_or_create(
            username=ACCOUNT, defaults={"display_name": _("Online portal")[:60], "is_active": True, "machine": True})
        if created:
            account.set_unusable_password()
            account.save(update_fields=["password"])
        if not RoleAssignment.objects.filter(user=account, role=Role.OPERATOR, place=root).exists():
            role_grant(user=account, role=Role.OPERATOR, place=root, by=None)
    return account


def ask_places() -> list[Place]:
    """The places a resident may say their request is about: subdistricts and communities."""
    return list(Place.objects.filter(kind__in=ASK_PLACE_KINDS, is_active=True).order_by("path"))


def fallback_category() -> Category | None:
    """The category of a request described only in the resident's words."""
    code = getattr(settings, "SHILIU_PORTAL_FALLBACK_CATEGORY", "other")
    return Category.objects.filter(code=code, active=True).first()


def _takes_item_version() -> bool:
    return "item_version" in inspect.signature(order_open).parameters


def service_choices(language: str | None) -> list[tuple[str, str]]:
    """("c<pk>", category) for each active category and ("i<pk>", item) for each guide item
    offered online, when the service guide has items."""
    choices = [(f"c{c.pk}", c.label(language)) for c in Category.objects.filter(active=True).order_by("code")]
    for item in _online_items():
        choices.append((f"i{item.pk}", item.current.label(language)))
    return choices


def _online_items() -> list[Any]:
    if not _takes_item_version():
        return []
    try:
        from shiliu.guide.selectors import items_public
    except ImportError:  # the guide is optional
        return []
    return [item for item in items_public().filter(category__active=True)
            if item.current is not None and "online" in (item.current.channels or [])]


def _service(value: str, errors: FieldErrors) -> tuple[Category | None, Any]:
    value = (value or "").strip()
    if not value:
        category = fallback_category()
        if category is None:
            errors.add("service", _("Choose what your request is about."))
        return category, None
    kind, _sep, pk = value[:1], None, value[1:]
    if kind == "c" and pk.isdigit() and len(pk) < 10:
        category = Category.objects.filter(pk=int(pk), active=True).first()
        if category is not None:
            return category, None
    if kind == "i" and pk.isdigit() and len(pk) < 10:
        for item in _online_items():
            if item.pk == int(pk):
                return item.category, item.current
    errors.add("service", _("Choose one of the listed services."))
    return None, None


def check_files(uploads, errors: FieldErrors) -> list[CheckedFile]:
    """Each upload checked by content and size (workorders.attachments); nothing is stored."""
    uploads = list(uploads or [])
    if len(uploads) > FILES_MAX:
        errors.add("attachments", _("Attach at most %(n)d files.") % {"n": FILES_MAX})
        return []
    checked = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload, field="attachments"))
        except ValidationError as e:
            for message in e.message_dict.get("attachments", e.messages):
                errors.add("attachments", message)
    return checked


def request_open(*, phone: str, service: str, description: str, place_id, uploads=(), consent: bool,
                 form_key: str) -> tuple[WorkOrder, bool]:
    """Open a resident's request: a work order, channel ONLINE, with the verified ``phone``
    (E.164) as its contact. Returns (order, created); the same ``form_key`` again (a double
    submit, a resend after a lost answer) returns the first order. Raises one ValidationError
    ({field: [messages]}) and writes nothing when anything is wrong."""
    errors = FieldErrors()
    category, item_version = _service(service, errors)
    text = clean_text(errors, "description", description, max_length=DESCRIPTION_MAX,
                      required=_("Describe your problem in your own words."))
    places = {str(p.pk): p for p in ask_places()}
    place = places.get(str(place_id or ""))
    if place is None:
        errors.add("place", _("Choose the subdistrict or community your request is about."))
    if not consent:
        errors.add("consent", _("Read the text and tick the box: without your consent we cannot take the request."))
    key = (form_key or "").strip()
    if not key or len(key) > FORM_KEY_MAX:
        errors.add("__all__", _("The form has expired. Open it again and send it once more."))
    checked = check_files(uploads, errors)
    errors.raise_any()
    index = phone_index(phone)
    earlier = OnlineRequest.objects.filter(form_key=key).select_related("order").first()
    if earlier is not None:
        if earlier.phone_index != index:
            raise ValidationError({"__all__": [_("The form has expired. Open it again and send it once more.")]})
        return earlier.order, False
    extra: dict[str, Any] = {"item_version": item_version} if item_version is not None else {}
    account = portal_account()
    with transaction.atomic():
        order, created = order_open(
            by=account, channel=Channel.ONLINE, category=category, description=text, place=place,
            contact_phone=phone, contact_consent=True,
            idempotency_key=f"portal:{key}", **extra)
        if not created:  # a twin submit won the race inside order_open
            return order, False
        OnlineRequest.objects.create(order=order, phone_index=index, form_key=key, consent_version=CONSENT_VERSION)
        for item in checked:
            attachment_add(by=account, order=order, upload=None, checked=item)
    return order, True


def request_attach(*, order: WorkOrder, uploads) -> list:
    """Attach a resident's files to one of their own requests (the caller found ``order`` by the
    verified phone: selectors.my_order). The same checks as the ask page (check_files: content,
    size, at most FILES_MAX files — counted with those already attached by the portal), then the
    work-order attachment service, all or nothing. Raises ValidationError on ``attachments``;
    ``RequestClosed`` when the order is no longer open."""
    account = portal_account()
    errors = FieldErrors()
    uploads = list(uploads or [])
    if not uploads:
        errors.add("attachments", _("Choose at least one file."))
    already = order.attachments.filter(uploaded_by=account).count()
    if already + len(uploads) > FILES_MAX:
        errors.add("attachments", _("A request keeps at most %(n)d files; %(m)d more can be added.")
                   % {"n": FILES_MAX, "m": max(FILES_MAX - already, 0)})
    checked = [] if errors else check_files(uploads, errors)
    errors.raise_any()
    if not order.is_open:
        raise RequestClosed()
    with transaction.atomic():
        return [attachment_add(by=account, order=order, upload=None, checked=item) for item in checked]


class RequestClosed(Exception):
    """Files are added to open requests only."""
