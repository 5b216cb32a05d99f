"""The resident's data page (a phone proved on the portal) and the district office's queue.

The resident sees only what is held about the phone they proved; downloads hold nothing else.
The office's pages need ``data.requests`` (403 without it) held at the district (404 otherwise);
each read of a request and of what is held about its phone is audited.
"""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import paginate
from shiliu.core.xlsx import CONTENT_TYPE as XLSX
from shiliu.mydata import collectors, exports, selectors, services
from shiliu.mydata.choices import OPEN, RequestKind, RequestStatus
from shiliu.mydata.forms import AnswerForm, CorrectionForm, DeletionForm, QueueFilterForm, VersionForm
from shiliu.people.masking import mask_phone
from shiliu.portal import limits
from shiliu.portal.identity import resident_required, verified_phone


def _phone(request) -> str:
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    return phone


def outcome_in_language(data_request) -> list:
    outcome = data_request.outcome or {}
    if isinstance(outcome, dict):
        language = translation.get_language() or "zh-hans"
        entries = outcome.get("en" if language.startswith("en") else "zh-hans") or []
        return [o for o in entries if o.get("erased") or o.get("kept")]
    return []


def _request_rows(requests) -> list[dict]:
    return [{_("Reference"): r.reference, _("Kind"): r.get_kind_display(), _("Status"): r.get_status_display(),
             _("Asked on"): timezone.localtime(r.created_at).strftime("%Y-%m-%d"), _("Request"): r.text,
             _("Answer"): r.answer} for r in requests]


def _mine_context(request, phone, **forms) -> dict:
    sections = collectors.holdings(phone)
    requests = list(selectors.mine(phone))
    for r in requests:
        r.outcome_here = outcome_in_language(r)  # type: ignore[attr-defined]
    audit_read(by=None, action="mydata.own.view", target=None, subject_id=None, category="own data",
               detail={"sections": [s.app for s in sections]})
    return {"sections": sections, "requests": requests, "phone": mask_phone(phone),
            "correction_form": forms.get("correction_form") or CorrectionForm(sections=sections),
            "deletion_form": forms.get("deletion_form") or DeletionForm(),
            "open_deletion": any(r.kind == RequestKind.DELETE and r.status in OPEN for r in requests)}


@require_GET
@public
@resident_required
def mine(request):
    return render(request, "mydata/mine.html", _mine_context(request, _phone(request)))


@require_POST
@public
@resident_required
def ask(request, kind: str):
    phone = _phone(request)
    form: CorrectionForm | DeletionForm
    if kind == RequestKind.CORRECT:
        form = CorrectionForm(request.POST, sections=collectors.holdings(phone))
        form_name = "correction_form"
    else:
        form = DeletionForm(request.POST)
        form_name = "deletion_form"
    if form.is_valid():
        try:
            services.hit_request_limits(phone=phone, address=request.client_address)
        except ratelimit.RateLimited as e:
            return limits.refused(request, e.retry_after, form, lambda: render(
                request, "mydata/mine.html", _mine_context(request, phone, **{form_name: form})))
        try:
            made = services.request_create(phone=phone, kind=kind, text=form.cleaned_data["text"],
                                           section=form.cleaned_data.get("section") or "",
                                           form_key=form.cleaned_data["form_key"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request %(reference)s was received. You will get an SMS when it is "
                                        "answered.") % {"reference": made.reference})
            return redirect("mydata:mine")
    return render(request, "mydata/mine.html", _mine_context(request, phone, **{form_name: form}), status=422)


def _download_parts(phone: str):
    sections = collectors.holdings(phone)
    requests = _request_rows(selectors.mine(phone))
    audit_read(by=None, action="mydata.own.download", target=None, subject_id=None, category="own data",
               detail={"sections": [s.app for s in sections]})
    return sections, requests


@require_GET
@public
@resident_required
def download_json(request):
    sections, requests = _download_parts(_phone(request))
    response = HttpResponse(exports.as_json(sections, requests), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.json"'
    return response


@require_GET
@public
@resident_required
def download_xlsx(request):
    sections, requests = _download_parts(_phone(request))
    response = HttpResponse(exports.as_xlsx(sections, requests, _("My data requests")), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


# --- the district office -----------------------------------------------------------------------

@require_GET
@access_rule(Cap.DATA_REQUESTS)
def queue(request):
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page = paginate(request, selectors.queue(request.user, status=status))
    rows = [{"request": r, "phone": mask_phone(r.phone)} for r in page.object_list]
    audit_list_read(by=request.user, action="mydata.request.list", model_label="mydata.datarequest",
                    ids=[r.pk for r in page.object_list], category="contact")
    return render(request, "mydata/queue.html", {"form": form, "page": page, "rows": rows})


def _detail_context(request, data_request, **forms) -> dict:
    audit_read(by=request.user, action="mydata.request.view", target=data_request, subject_id=None,
               category="contact")
    sections = collectors.holdings(data_request.phone)
    audit_read(by=request.user, action="mydata.request.holdings", target=data_request, subject_id=None,
               category="contact", detail={"sections": [s.app for s in sections]})
    is_open = data_request.status in OPEN
    return {
        "req": data_request, "phone": mask_phone(data_request.phone), "sections": sections,
        "outcome": outcome_in_language(data_request), "is_open": is_open,
        "can_start": data_request.status == RequestStatus.RECEIVED,
        "can_erase": is_open and data_request.kind == RequestKind.DELETE,
        "version_form": forms.get("version_form") or VersionForm(initial={"version": data_request.version}),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={
            "version": data_request.version,
            "status": RequestStatus.REFUSED if data_request.kind == RequestKind.DELETE else RequestStatus.DONE}),
    }


@require_GET
@access_rule(Cap.DATA_REQUESTS)
def detail(request, pk: int):
    data_request = selectors.request_get(request.user, pk)
    return render(request, "mydata/detail.html", _detail_context(request, data_request))


def _step(request, pk: int, form_class, call, *, success: str, form_name: str):
    data_request = selectors.request_get(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(data_request, form.cleaned_data)
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("mydata:detail", pk=data_request.pk)
    return render(request, "mydata/detail.html", _detail_context(request, data_request, **{form_name: form}),
                  status=422)


@require_POST
@access_rule(Cap.DATA_REQUESTS)
def start(request, pk: int):
    return _step(request, pk, VersionForm, lambda r, d: services.request_start(
        request=r, by=request.user, version=d["version"]), success=_("The request is in progress."),
        form_name="version_form")


@require_POST
@access_rule(Cap.DATA_REQUESTS)
def erase(request, pk: int):
    return _step(request, pk, VersionForm, lambda r, d: services.request_erase(
        request=r, by=request.user, version=d["version"]),
        success=_("What the law lets us erase was erased; the resident was told by SMS what was kept and why."),
        form_name="version_form")


@require_POST
@access_rule(Cap.DATA_REQUESTS)
def answer(request, pk: int):
    return _step(request, pk, AnswerForm, lambda r, d: services.request_answer(
        request=r, by=request.user, version=d["version"], status=d["status"], answer=d["answer"]),
        success=_("The answer was sent to the resident."), form_name="answer_form")


