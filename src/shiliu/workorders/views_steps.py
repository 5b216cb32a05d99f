"""The steps of a service item's order on its page: the timeline of steps, completing the current
one (its unit only) and recording the resident's consent to pass their data to a department."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.workorders import machine, selectors
from shiliu.workorders.forms import ConsentForm, StepCompleteForm
from shiliu.workorders.models import OrderStep, ReferralConsent, WorkOrder
from shiliu.workorders.steps import CONSENT_TEXT, CONSENT_VERSION, consent_record, step_complete


def step_lines(order: WorkOrder, user, language: str | None, *, bound: StepCompleteForm | None = None) -> list[dict]:
    """The order's steps for its page: done / current (with its due time) / to come, and the
    completion form on the current step for a user of its unit."""
    now = timezone.now()
    lines = []
    for step in order.steps.select_related("unit", "done_by").order_by("position"):
        state = step.state
        mine = (state == "current" and order.status == "in_progress" and can(user, Cap.ORDER_HANDLE, step.unit))
        form = None
        if mine:
            form = bound or StepCompleteForm(prefix=f"step{step.position}", initial={"version": order.version})
        late = step.due_at is not None and ((step.done_at or now) > step.due_at)
        lines.append({"step": step, "name": step.label(language), "unit": step.unit.display_name(language),
                      "state": state, "late": late, "form": form})
    return lines


def consent_context(order: WorkOrder, user, *, show_contact: bool, bound: ConsentForm | None = None) -> dict:
    """The consent on record, or the form to record it (anyone who may act on the open order,
    when there is a contact to pass on)."""
    consent = ReferralConsent.objects.filter(order=order).select_related("recorded_by").first()
    form = None
    has_contact = bool(order.contact_phone or order.contact_name or order.requester_id)
    if consent is None and order.is_open and has_contact and machine.may_note(order, user) and show_contact:
        form = bound or ConsentForm(prefix="consent", initial={"text_version": CONSENT_VERSION})
    return {"consent": consent, "consent_form": form, "consent_text": CONSENT_TEXT}


def _rerender(request, order: WorkOrder, **extra):
    from shiliu.workorders.views_detail import detail_context

    context = detail_context(request, order)
    context.update(extra)
    return render(request, "workorders/detail.html", context, status=400)


@require_POST
@access_rule(Cap.ORDER_HANDLE)
def complete(request, pk: int, position: int):
    """The current step's unit reports it done. Anyone else: 404, as for an order not theirs."""
    user = request.user
    order = selectors.order_get(user, pk)
    step = OrderStep.objects.select_related("unit").filter(order=order, position=position).first()
    if step is None or not can(user, Cap.ORDER_HANDLE, step.unit):
        raise Http404()
    form = StepCompleteForm(request.POST, prefix=f"step{position}")
    if form.is_valid():
        try:
            step_complete(by=user, order=order, position=position, outcome=form.cleaned_data["outcome"],
                          version=form.cleaned_data["version"])
        except PermissionDenied:
            raise Http404() from None
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The step is done; the next one has started."))
            if not selectors.orders_visible(user).filter(pk=order.pk).exists():
                return redirect("workorders:inbox")  # it moved on to a unit you do not see
            return redirect("workorders:detail", pk=order.pk)
        order = selectors.order_get(user, pk)
    return _rerender(request, order, steps=step_lines(order, user, get_language(), bound=form))


@require_POST
@access_rule(Cap.ORDER_VIEW)
def consent(request, pk: int):
    user = request.user
    order = selectors.order_get(user, pk)
    if not machine.may_note(order, user):
        raise Http404()
    form = ConsentForm(request.POST, prefix="consent")
    if form.is_valid():
        try:
            consent_record(by=user, order=order, text_version=form.cleaned_data["text_version"])
        except PermissionDenied:
            raise Http404() from None
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The resident's consent was recorded."))
            return redirect("workorders:detail", pk=order.pk)
    return _rerender(request, order, **consent_context(order, user, show_contact=True, bound=form))
