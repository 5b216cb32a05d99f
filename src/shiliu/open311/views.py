"""Open311 GeoReport v2 at /open311/v2/, in JSON and XML, so existing civic clients work.

- Services are Shiliu's work-order categories, then the service guide's items offered online or
  by hotline (service_code = the item's code); a request is a work order (channel online), and one
  for an item follows that item's current version.
- Every endpoint but discovery and the service list needs ``api_key`` (an Open311Client).
- A request's location is ``address_id``: the code of a Shiliu place at or below the client's.
- Responses carry no personal data: description, name, phone and address go only to trusted
  clients. ``service_request_id`` is the order's number; ``token`` its tracking code.
"""

from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.rules import public
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.open311.models import Open311Client
from shiliu.places.models import Place, path_upper_bound
from shiliu.workorders.choices import Channel, Status
from shiliu.workorders.models import Category, WorkOrder
from shiliu.workorders.selectors import orders_visible
from shiliu.workorders.services import order_open

FORMATS = {"json", "xml"}
CLOSED = {Status.RESOLVED, Status.CLOSED, Status.CANCELLED}
LIST_DAYS = 90
LIST_MAX = 1000
READ_LIMIT = ratelimit.Limit("open311-read", 120, 60)


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _xml(root: str, item: str, rows: list[dict]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    ET.SubElement(child, "item").text = str(entry)
            elif value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _respond(fmt: str, root: str, item: str, rows: list[dict] | dict, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        payload = rows if isinstance(rows, list) else [rows]
        return HttpResponse(_xml(root, item, payload), status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(rows, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, error: Open311Error) -> HttpResponse:
    return _respond(fmt if fmt in FORMATS else "json", "errors", "error",
                    [{"code": error.status, "description": error.description}], status=error.status)


def _handle(view):
    def wrapped(request, *args, fmt: str = "json", **kwargs):
        if fmt not in FORMATS:
            return _error("json", Open311Error(404, _("Use the .json or .xml ending.")))
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as e:
            return _error(fmt, e)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _client(request, *, required: bool = True) -> Open311Client | None:
    key = (request.POST.get("api_key") or request.GET.get("api_key") or "").strip()
    if not key:
        if required:
            raise Open311Error(403, _("This call needs an api_key."))
        return None
    client = (Open311Client.objects.select_related("account", "place")
              .filter(key_hash=Open311Client.hash(key), active=True).first())
    if client is None:
        raise Open311Error(403, _("This api_key is not valid."))
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def _service(category: Category) -> dict:
    return {"service_code": category.code, "service_name": category.name, "description": category.name_en,
            "metadata": False, "type": "realtime", "keywords": "", "group": category.get_kind_display()}


REMOTE_CHANNELS = {"online", "hotline"}


def _guide_items() -> list:
    """The guide's items on offer online or by hotline (the guide is small: filtered here, not in SQL,
    because SQLite cannot look inside a JSON list)."""
    from shiliu.guide.selectors import items_public

    return [item for item in items_public().order_by("code")
            if item.current is not None and REMOTE_CHANNELS & set(item.current.channels or [])]


def _item_service(item) -> dict:
    version = item.current
    return {"service_code": item.code, "service_name": version.name, "description": version.name_en,
            "metadata": False, "type": "realtime", "keywords": item.domain.name_en, "group": item.domain.name}


def _guide_item(code: str):
    return next((item for item in _guide_items() if item.code == code), None)


def _request(order: WorkOrder, trusted: bool) -> dict:
    row = {
        "service_request_id": order.number,
        "status": "closed" if order.status in CLOSED else "open",
        "status_notes": str(order.get_status_display()),
        "service_name": order.category.name,
        "service_code": order.category.code,
        "agency_responsible": order.unit.name if order.unit else "",
        "service_notice": "",
        "requested_datetime": order.created_at.isoformat(),
        "updated_datetime": order.updated_at.isoformat(),
        "expected_datetime": order.resolve_due.isoformat() if order.resolve_due else None,
        "address_id": order.place.code,
        "zipcode": None, "lat": None, "long": None, "media_url": None,
    }
    if trusted:
        # The request's words and the requester's name, never the phone number (no bulk feed of
        # contacts); each such read is audited by the caller of _request.
        row.update({"description": order.description, "name": order.contact_name,
                    "status_notes": order.reply or row["status_notes"]})
    return row


def _audit_reads(client: Open311Client, orders: list[WorkOrder]) -> None:
    if client.trusted and orders:
        audit_list_read(by=client.account, action="open311.requests.read", model_label="workorders.workorder",
                        ids=[o.pk for o in orders], category="contact")


def _read_limit(client: Open311Client) -> None:
    try:
        ratelimit.hit(READ_LIMIT, str(client.pk))
    except ratelimit.RateLimited:
        raise Open311Error(429, _("Too many requests; wait a little, then try again.")) from None


def _own(client: Open311Client):
    """The requests this client filed: an integration reads back its own, not the area's."""
    return orders_visible(client.account).filter(created_by=client.account)


def _order_pk(request_id: str) -> int:
    tail = (request_id or "").rsplit("-", 1)[-1]
    if not tail.isdigit():
        raise Open311Error(404, _("No request has this id."))
    return int(tail)


# --- discovery and services ----------------------------------------------------------------------

@csrf_exempt
@require_GET
@public
@_handle
def discovery(request, fmt):
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"]).rsplit("/", 1)[0] + "/")
    return _respond(fmt, "discovery", "endpoint", {
        "changeset": "2026-11-27T00:00:00+08:00", "contact": "", "key_service": "",
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2", "url": base,
                       "changeset": "2026-11-27T00:00:00+08:00", "type": "production",
                       "formats": ["application/json", "text/xml"]}],
    })


@csrf_exempt
@require_GET
@public
@_handle
def services(request, fmt):
    rows = [_service(c) for c in Category.objects.filter(active=True)]
    return _respond(fmt, "services", "service", rows + [_item_service(i) for i in _guide_items()])


@csrf_exempt
@require_GET
@public
@_handle
def service_definition(request, code, fmt):
    if not Category.objects.filter(code=code, active=True).exists() and _guide_item(code) is None:
        raise Open311Error(404, _("No service has this code."))
    return _respond(fmt, "service_definition", "attributes", {"service_code": code, "attributes": []})


# --- requests ------------------------------------------------------------------------------------------

@csrf_exempt
@require_http_methods(["GET", "POST"])
@public  # the api_key is checked below: an Open311 client is not a staff session
@_handle
def requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    client = _client(request)
    assert client is not None
    _read_limit(client)
    visible = _own(client).select_related("category", "unit", "place")
    ids = [i for i in (request.GET.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        qs = visible.filter(pk__in=[_order_pk(i.strip()) for i in ids[:LIST_MAX]])
    else:
        now = timezone.now()
        start = _when(request.GET.get("start_date"), "start_date") or now - timedelta(days=LIST_DAYS)
        end = _when(request.GET.get("end_date"), "end_date") or now
        qs = visible.filter(created_at__gte=start, created_at__lte=end)
        codes = [c for c in (request.GET.get("service_code") or "").split(",") if c]
        if codes:
            qs = qs.filter(category__code__in=codes)
        status = request.GET.get("status")
        if status == "open":
            qs = qs.exclude(status__in=CLOSED)
        elif status == "closed":
            qs = qs.filter(status__in=CLOSED)
        elif status:
            raise Open311Error(400, _("status is open or closed."))
    orders = list(qs.order_by("-created_at")[:LIST_MAX])
    _audit_reads(client, orders)
    return _respond(fmt, "service_requests", "request", [_request(o, client.trusted) for o in orders])


def _when(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise Open311Error(400, _("%(name)s is not a w3c date-time, like 2026-11-27T09:00:00+08:00.") % {"name": name})
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _create(request, fmt):
    client = _client(request)
    assert client is not None
    try:
        ratelimit.hit(ratelimit.Limit("open311-create", 60, 60), str(client.pk))
    except ratelimit.RateLimited:
        raise Open311Error(429, _("Too many requests; wait a little, then try again.")) from None
    data = request.POST
    code = (data.get("service_code") or "").strip()
    category = Category.objects.filter(code=code, active=True).first() if code else None
    item = _guide_item(code) if code and category is None else None
    if item is not None:
        category = item.category
    if category is None:
        raise Open311Error(400, _("service_code is missing or unknown."))
    place = client.place
    if data.get("address_id"):
        place = Place.objects.filter(code=data["address_id"].strip()).first()
        if place is None or not (place.path >= client.place.path and place.path < path_upper_bound(client.place.path)):
            raise Open311Error(400, _("address_id is not a place this client may report about."))
    elif not (data.get("address_string") or (data.get("lat") and data.get("long"))):
        raise Open311Error(400, _("A location is required: address_id (a place code), address_string or lat/long."))
    description = (data.get("description") or "").strip()
    if data.get("address_string"):
        description = f"{description}\n{_('Address')}: {data['address_string'].strip()[:200]}".strip()
    name = " ".join(p for p in ((data.get("last_name") or "").strip(), (data.get("first_name") or "").strip()) if p)
    phone = (data.get("phone") or "").strip()
    try:
        order, _created = order_open(
            by=client.account, channel=Channel.ONLINE, category=category, description=description, place=place,
            contact_name=name, contact_phone=phone,
            # The client's app asks the resident before it sends a name or number (its terms of use).
            contact_consent=bool(name or phone), item_version=item.current if item is not None else None)
    except ValidationError as e:
        messages = [f"{field}: {m}" for field, msgs in getattr(e, "message_dict", {"": e.messages}).items()
                    for m in msgs]
        raise Open311Error(400, "; ".join(messages)) from None
    except PermissionDenied:
        raise Open311Error(403, _("This client may not report about that place.")) from None
    return _respond(fmt, "service_requests", "request", [{
        "service_request_id": order.number, "token": order.tracking_code, "service_notice": "",
        "account_id": None}], status=201)


@csrf_exempt
@require_GET
@public
@_handle
def request_detail(request, request_id, fmt):
    client = _client(request)
    assert client is not None
    _read_limit(client)
    order = _own(client).select_related("category", "unit", "place").filter(pk=_order_pk(request_id)).first()
    if order is None or order.number != request_id:
        raise Open311Error(404, _("No request has this id."))
    _audit_reads(client, [order])
    return _respond(fmt, "service_requests", "request", [_request(order, client.trusted)])


@csrf_exempt
@require_GET
@public
@_handle
def token(request, token, fmt):
    client = _client(request)
    assert client is not None
    _read_limit(client)
    order = _own(client).filter(Q(tracking_code=(token or "").upper())).first()
    if order is None:
        raise Open311Error(404, _("No request has this token."))
    return _respond(fmt, "service_requests", "request", [{"service_request_id": order.number, "token": token}])
