"""The operator's desk: parse, authorise, call hotline.services / hotline.selectors, render.

Numbers travel only in POST bodies (B5). A call is addressed by its id; one outside the
user's hotlines answers 404 like a missing one (D2).
"""

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds, roots
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.hotline import knowledge, selectors, services
from shiliu.hotline.choices import CallState
from shiliu.hotline.forms import AnswerForm, LookupForm, OrderForm, OtherForm, RecordCallForm
from shiliu.hotline.models import Call
from shiliu.hotline.phones import dialable, typed_e164
from shiliu.hotline.selectors import EMPTY_HISTORY, CallerHistory
from shiliu.people.masking import mask_phone
from shiliu.workorders.models import DESCRIPTION_MAX, Category


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _desk_url(call: Call | None = None) -> str:
    url = reverse("hotline:desk")
    return f"{url}?{urlencode({'call': call.pk})}" if call is not None else url


def _go(request, url: str):
    """A redirect that htmx follows as a whole page."""
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _posted(request):
    """request.POST, or None when the body is over the size Django accepts (a 10 MB text)."""
    try:
        return request.POST
    except RequestDataTooBig:
        return None


def _too_big_message() -> str:
    return _("This is far too long: a description has at most %(n)d characters.") % {"n": DESCRIPTION_MAX}


def _order_initial(call: Call, history: CallerHistory, user) -> dict:
    """Sensible defaults: the caller's number, and the name and place they gave before."""
    initial: dict = {"version": call.version}
    if call.caller_phone:
        initial["contact_phone"] = dialable(call.caller_phone)
    resident = history.residents[0] if len(history.residents) == 1 else None
    if resident is not None:
        initial["contact_name"] = resident.name
        if can(user, Cap.ORDER_CREATE, resident.place):
            initial["place"] = resident.place_id
        spoken = [code for code in resident.languages or [] if code != "zh"]
        if spoken and "zh" not in (resident.languages or []):
            initial["language"] = spoken[0]
    elif history.orders:
        latest = history.orders[0]
        initial["contact_name"] = latest.contact_name
        if can(user, Cap.ORDER_CREATE, latest.place):
            initial["place"] = latest.place_id
    return initial


def _desk(request, *, call: Call | None = None, history: CallerHistory | None = None, looked_up: bool = False,
          lookup_form=None, answer_form=None, order_form=None, other_form=None, looked_up_phone: str = "",
          status: int = 200):
    user = request.user
    if call is not None and history is None:
        history = (selectors.caller_history(user, call.caller_phone, call=call) if call.caller_phone
                   else EMPTY_HISTORY)
    history = history or EMPTY_HISTORY
    live = (call is not None and not call.outcome and call.state in (CallState.ANSWERED, CallState.ENDED)
            and call.operator_id in (None, user.pk))
    if live and call is not None:
        answer_form = answer_form or AnswerForm(initial={"version": call.version})
        other_form = other_form or OtherForm(initial={"version": call.version})
        order_form = order_form or OrderForm(user=user, initial=_order_initial(call, history, user))
    picked_ids: set[int] = set()
    if answer_form is not None and hasattr(answer_form.data, "getlist"):
        picked_ids = {int(a) for a in answer_form.data.getlist("answer-articles") if str(a).isdigit()}
    picked = knowledge.readable_articles(user, picked_ids)
    context = {
        "picked_articles": picked, "picked_ids": {a.pk for a in picked},
        "call": call, "live": live, "history": history, "looked_up": looked_up,
        "caller_masked": mask_phone(call.caller_phone) if call is not None else mask_phone(looked_up_phone),
        "lookup_form": lookup_form or LookupForm(),
        "record_form": RecordCallForm(initial={"phone": looked_up_phone}) if looked_up else None,
        "answer_form": answer_form, "order_form": order_form, "other_form": other_form,
        "incoming": list(selectors.incoming_calls(user)),
        "callbacks": selectors.callbacks_due(user) if holds(user, Cap.ORDER_CALLBACK) else [],
        "may_callback": holds(user, Cap.ORDER_CALLBACK),
        "kb_url": knowledge.search_url(), "categories": Category.objects.filter(active=True).order_by("code"),
        "may_view_residents": holds(user, Cap.RESIDENT_VIEW),
        "hotlines": roots(user, Cap.HOTLINE_TAKE),
    }
    return render(request, "hotline/desk.html", context, status=status)


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def desk(request):
    call = None
    if request.GET.get("call"):
        call = selectors.call_get(request.user, request.GET["call"])
    return _desk(request, call=call)


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def incoming(request):
    """The incoming-calls panel, polled every two seconds: one query for the calls and their
    counts, masked numbers only, nothing written (not even to the audit trail)."""
    return render(request, "hotline/_incoming.html", {"incoming": selectors.incoming_calls(request.user)})


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def lookup(request):
    """A number typed by hand: its earlier calls, orders and resident records (audited)."""
    form = LookupForm(request.POST)
    if form.is_valid():
        try:
            ratelimit.hit(ratelimit.SEARCH, str(request.user.pk))
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
        try:
            number = typed_e164(form.cleaned_data["phone"])
            history = selectors.caller_history(request.user, number)
        except ValidationError as e:
            add_service_errors(form, ValidationError({"phone": e.messages}))
        else:
            return _desk(request, history=history, looked_up=True, lookup_form=form, looked_up_phone=number)
    return _desk(request, lookup_form=form)


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def record(request):
    """Log a call taken on an ordinary phone (no phone system): answered by me, now."""
    form = RecordCallForm(request.POST)
    if form.is_valid():
        try:
            call = services.call_record(by=request.user, phone=form.cleaned_data["phone"])
        except ValidationError as e:
            for message in e.messages:
                messages.error(request, message)
            return redirect("hotline:desk")
        return redirect(_desk_url(call))
    return redirect("hotline:desk")


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def take(request, pk: int):
    call = selectors.call_get(request.user, pk)
    try:
        call = services.call_take(by=request.user, call=call)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _go(request, reverse("hotline:desk"))
    return _go(request, _desk_url(call))


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def answer(request, pk: int):
    call = selectors.call_get(request.user, pk)
    data = _posted(request)
    form = AnswerForm(data if data is not None else {})
    if data is None:
        form.is_valid()
        form.add_error("summary", _too_big_message())
    elif form.is_valid():
        try:
            services.call_answer_on_call(by=request.user, call=call, version=form.cleaned_data["version"],
                                         category=form.cleaned_data["category"],
                                         summary=form.cleaned_data["summary"],
                                         articles=form.cleaned_data["articles"])
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The call was logged as answered on the call."))
            return redirect("hotline:desk")
    return _desk(request, call=call, answer_form=form, status=413 if data is None else 200)


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def other(request, pk: int):
    call = selectors.call_get(request.user, pk)
    data = _posted(request)
    form = OtherForm(data if data is not None else {})
    if data is None:
        form.is_valid()
        form.add_error("summary", _too_big_message())
    elif form.is_valid():
        try:
            services.call_log_other(by=request.user, call=call, version=form.cleaned_data["version"],
                                    summary=form.cleaned_data["summary"])
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The call was logged."))
            return redirect("hotline:desk")
    return _desk(request, call=call, other_form=form, status=413 if data is None else 200)


@require_POST
@access_rule(Cap.HOTLINE_TAKE)
def open_order(request, pk: int):
    """Open a work order from the call; then the desk shows its number and tracking code."""
    user = request.user
    call = selectors.call_get(user, pk)
    data = _posted(request)
    form = OrderForm(data if data is not None else {}, request.FILES if data is not None else None, user=user)
    if data is None:
        form.is_valid()
        form.add_error("description", _too_big_message())
    elif form.is_valid():
        try:
            call, order = services.call_open_order(by=user, call=call, version=form.cleaned_data["version"],
                                                   **form.service_arguments())
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Work order %(number)s was opened. Read the tracking code out to the "
                                        "caller: %(code)s") % {"number": order.number, "code": order.tracking_code})
            return redirect(_desk_url(call))
    return _desk(request, call=call, order_form=form, status=413 if data is None else 200)


@require_GET
@access_rule(Cap.HOTLINE_TAKE)
def articles(request):
    """Articles to tick as used, for the answered-on-the-call form (the knowledge base's own
    partial shows them to read). Ticked ones stay ticked across searches."""
    query = request.GET.get("q", "").strip()[:100]
    if query:
        try:
            ratelimit.hit(knowledge.SEARCH_LIMIT, str(request.user.pk))  # the knowledge base's own count
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
    chosen = [int(a) for a in request.GET.getlist("answer-articles") if a.isdigit()][:20]
    kept = knowledge.readable_articles(request.user, chosen)
    found = knowledge.search(request.user, query,
                             category=request.GET.get("category") or None)
    rows = kept + [a for a in found if a.pk not in {k.pk for k in kept}]
    return render(request, "hotline/_articles.html", {"rows": rows, "chosen": {a.pk for a in kept}})
