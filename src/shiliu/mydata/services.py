"""Every write to residents' data requests: atomic, audited, version-checked (H2), told by SMS (H4).

A resident (a phone proved with a one-time code) asks to correct or delete their data; the
district office (``data.requests`` at the district) starts the work, erases what the law lets it
(every app's collector, all or nothing) or answers a correction with what was changed, or refuses
with a reason (A5). Each step that the resident must know about queues one SMS.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shiliu.audit.services import audit_write
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.mydata import collectors, texts
from shiliu.mydata.choices import OPEN, RequestKind, RequestStatus
from shiliu.mydata.models import ANSWER_MAX, TEXT_MAX, DataRequest
from shiliu.notify.services import send_sms
from shiliu.people.services import phone_index

LANGUAGES = ("zh-hans", "en")
# F6: each request queues an SMS and a task for the office; a proved phone may not flood either.
REQUESTS_PER_PHONE = ratelimit.Limit("mydata-request-phone", 10, 3600)
REQUESTS_PER_ADDRESS = ratelimit.Limit("mydata-request-address", 30, 3600)


def hit_request_limits(*, phone: str, address: str) -> None:
    """Count one request for the phone (its blind index) and the client address; RateLimited past either."""
    ratelimit.hit(REQUESTS_PER_ADDRESS, address or "-")
    ratelimit.hit(REQUESTS_PER_PHONE, phone_index(phone))


def may_handle(user) -> bool:
    """The district office: ``data.requests`` held at the top of the tree (no place scopes a request)."""
    from shiliu.access.policy import Cap
    from shiliu.access.scope import roots

    if user is None or not user.is_authenticated:
        return False
    return any(root.parent_id is None for root in roots(user, Cap.DATA_REQUESTS))


def _page_url() -> str:
    return str(settings.SHILIU_PUBLIC_URL or "").rstrip("/") + reverse("mydata:mine")


def _kind_words(kind: str) -> dict:
    words = {}
    for language in LANGUAGES:
        with translation.override(language):
            words[language] = _("correct") if kind == RequestKind.CORRECT else _("delete")
    return words


def request_create(*, phone: str, kind: str, text: str = "", section: str = "", form_key: str = "") -> DataRequest:
    """Record a resident's request and confirm it by SMS. The same ``form_key`` sent again returns
    the first request (H1). Emits ``mydata.request.create``."""
    errors = FieldErrors()
    if kind not in RequestKind.values:
        errors.add("kind", _("Choose correction or deletion."))
    text = clean_text(errors, "text", text, max_length=TEXT_MAX,
                      required=_("Say what is wrong and what it should say.") if kind == RequestKind.CORRECT else None)
    known = {module.LABEL for module in collectors.collector_modules()}
    section = (section or "").strip()
    if section and section not in known:
        errors.add("section", _("Choose one of the listed sections."))
    errors.raise_any()
    index = phone_index(phone)
    form_key = (form_key or "")[:64]
    if form_key:
        earlier = DataRequest.objects.filter(form_key=form_key).first()
        if earlier is not None and earlier.phone_index == index:
            return earlier
        if earlier is not None:  # another phone's key: refuse, never their request and never a 500
            raise ValidationError({"form_key": [_("This key was already used. Send the request with a new key.")]})
    try:
        with transaction.atomic():
            request = DataRequest.objects.create(kind=kind, phone=phone, phone_index=index, section=section,
                                                 text=text, form_key=form_key)
            audit_write(by=None, action="mydata.request.create", target=request, detail={"kind": kind})
            send_sms(key=f"mydata.received:{request.pk}", phone=phone, template="mydata.received",
                     params={"reference": request.reference, "kind": _kind_words(kind), "url": _page_url()})
    except IntegrityError:  # the same form, sent twice at once
        earlier = DataRequest.objects.filter(form_key=form_key, phone_index=index).first()
        if earlier is None:
            raise
        return earlier
    return request


def _fresh(request: DataRequest, version: int, by) -> DataRequest:
    if not may_handle(by):
        raise PermissionDenied()
    current = DataRequest.objects.select_for_update().get(pk=request.pk)
    if current.version != version:
        raise StaleVersion()
    return current


def _save(current: DataRequest, version: int, **changes) -> DataRequest:
    if not DataRequest.objects.filter(pk=current.pk, version=version).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()):
        raise StaleVersion()
    current.refresh_from_db()
    return current


@transaction.atomic
def request_start(*, request: DataRequest, by, version: int) -> DataRequest:
    """The office takes the request up: received → in progress. Emits ``mydata.request.start``."""
    current = _fresh(request, version, by)
    if current.status != RequestStatus.RECEIVED:
        raise ValidationError({"__all__": [_("Only a request just received can be started.")]})
    current = _save(current, version, status=RequestStatus.IN_PROGRESS, handled_by=by)
    audit_write(by=by, action="mydata.request.start", target=current)
    return current


def _in_languages(outcomes: list[collectors.Outcome]) -> dict:
    data = {}
    for language in LANGUAGES:
        with translation.override(language):
            data[language] = [o.as_data() for o in outcomes]
    return data


def _summary(outcomes: list[collectors.Outcome]) -> tuple[dict, dict]:
    """(erased, kept) as short texts per language for the SMS."""
    erased, kept = {}, {}
    for language in LANGUAGES:
        with translation.override(language):
            items = [str(e) for o in outcomes for e in o.erased]
            erased[language] = "; ".join(items) or _("nothing")
            kept[language] = "; ".join(f"{k.what}: {k.reason}" for o in outcomes for k in o.kept) or _("nothing")
    return erased, kept


@transaction.atomic
def request_erase(*, request: DataRequest, by, version: int) -> DataRequest:
    """Erase what the law lets us: run every app's ``erase`` for the request's phone, all or nothing
    (an error in one collector undoes the others and leaves the request as it was), record what was
    erased and kept with the reasons, close the request and tell the resident by SMS.
    Emits ``mydata.request.erase``."""
    current = _fresh(request, version, by)
    if current.kind != RequestKind.DELETE:
        raise ValidationError({"__all__": [_("Only a deletion request erases data. Answer a correction instead.")]})
    if current.status not in OPEN:
        raise ValidationError({"__all__": [_("This request is already closed.")]})
    outcomes = collectors.erase_all(current.phone)
    outcomes.append(collectors.Outcome(app="audit", title=texts.AUDIT, kept=[
        collectors.Kept(what=texts.AUDIT, reason=texts.AUDIT_RETAINED)]))
    erased, kept = _summary(outcomes)
    with translation.override("zh-hans"):
        answer = _("Erased: %(erased)s. Kept: %(kept)s.") % {"erased": erased["zh-hans"], "kept": kept["zh-hans"]}
    current = _save(current, version, status=RequestStatus.DONE, outcome=_in_languages(outcomes),
                    answer=answer[:ANSWER_MAX], handled_by=by, answered_at=timezone.now())
    audit_write(by=by, action="mydata.request.erase", target=current,
                detail={"apps": [o.app for o in outcomes if o.erased]})
    send_sms(key=f"mydata.erased:{current.pk}", phone=current.phone, template="mydata.erased",
             params={"reference": current.reference, "erased": erased, "kept": kept, "url": _page_url()})
    return current


@transaction.atomic
def request_answer(*, request: DataRequest, by, version: int, status: str, answer: str) -> DataRequest:
    """Close a request with an answer: "done" with what was changed (a correction), or "refused"
    with the reason (A5). Emits ``mydata.request.answer``."""
    current = _fresh(request, version, by)
    errors = FieldErrors()
    if status not in (RequestStatus.DONE, RequestStatus.REFUSED):
        errors.add("status", _("Choose done or refused."))
    answer = clean_text(errors, "answer", answer, max_length=ANSWER_MAX,
                        required=_("Tell the resident what was changed, or why the request is refused."))
    if current.status not in OPEN:
        errors.add("__all__", _("This request is already closed."))
    elif status == RequestStatus.DONE and current.kind == RequestKind.DELETE:
        errors.add("status", _("A deletion is done by erasing; answer it here only to refuse it."))
    errors.raise_any()
    current = _save(current, version, status=status, answer=answer, handled_by=by, answered_at=timezone.now())
    audit_write(by=by, action="mydata.request.answer", target=current, detail={"status": status})
    words = {}
    for language in LANGUAGES:
        with translation.override(language):
            words[language] = str(RequestStatus(status).label)
    send_sms(key=f"mydata.answered:{current.pk}", phone=current.phone, template="mydata.answered",
             params={"reference": current.reference, "status": words, "url": _page_url()})
    return current
