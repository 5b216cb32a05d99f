"""Call records: the list with its filters, one call, and the list as xlsx (masked numbers)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.audit.models import AuditKind
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.core.xlsx import write_workbook
from shiliu.hotline import selectors
from shiliu.hotline.forms import CallFilterForm
from shiliu.people.masking import mask_phone

PAGE_SIZE = 50


def _filtered(request):
    form = CallFilterForm(request.GET or None, operators=selectors.operators_seen(request.user))
    filters: dict = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    return form, filters


def _row(call) -> dict:
    return {"call": call, "masked": mask_phone(call.caller_phone)}


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def call_list(request):
    form, filters = _filtered(request)
    paginator = Paginator(selectors.call_list(request.user, **filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [_row(call) for call in page.object_list]
    audit_list_read(by=request.user, action="hotline.call.list", model_label="hotline.call",
                    ids=[row["call"].pk for row in rows])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "hotline/calls.html", {
        "form": form, "rows": rows, "page": page, "query": query.urlencode(),
        "language": get_language(),
    })


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def call_detail(request, pk: int):
    call = selectors.call_get(request.user, pk)
    audit_read(by=request.user, action="hotline.call.view", target=call, subject_id=None, category="contact")
    return render(request, "hotline/call_detail.html", {
        "call": call, "masked": mask_phone(call.caller_phone), "events": list(call.events.all()),
        "articles": list(call.articles.all()),
        "language": get_language(),
    })


def export_headers() -> list[str]:
    return [_("Call"), _("Started"), _("Caller's number"), _("Hotline"), _("State"), _("Outcome"), _("Category"),
            _("Operator"), _("Answered at"), _("Ended at"), _("Work order"), _("Summary")]


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def calls_export(request):
    """The filtered list as xlsx: masked numbers, capped, after a recent re-authentication, at
    most 10 a minute per user, recorded in the audit trail (C7, D5, F5, F6)."""
    if not recently_reauthenticated(request):
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    try:
        ratelimit.hit(ratelimit.EXPORT, f"hotline-calls:{request.user.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    form, filters = _filtered(request)
    if form.is_bound and not form.is_valid():
        return redirect(reverse("hotline:calls") + "?" + request.GET.urlencode())
    cap = settings.SHILIU_LIST_EXPORT_CAP
    calls = list(selectors.call_list(request.user, **filters)[:cap])
    language = get_language()

    def local(moment):
        return timezone.localtime(moment).replace(tzinfo=None) if moment else None

    rows = [(c.pk, local(c.started_at), mask_phone(c.caller_phone) or _("hidden"), c.place.display_name(language),
             c.get_state_display(), c.get_outcome_display(), c.category.label(language) if c.category else "",
             c.operator.get_username() if c.operator else "", local(c.answered_at), local(c.ended_at),
             c.order.number if c.order else "", c.summary) for c in calls]
    data = write_workbook(export_headers(), rows, title=_("Calls"))
    audit_read(by=request.user, action="hotline.call.export", target=None, subject_id=None, category="contact",
               kind=AuditKind.EXPORT, detail={"ids": [c.pk for c in calls][:500], "count": len(calls), "cap": cap})
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="hotline-calls.xlsx"'
    return response
