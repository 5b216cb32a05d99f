"""One work order's page: header, contact (masked), timeline, files, and one form per action
the user may take now (machine.actions_for). Every action form carries the order's version;
a stale one shows the "someone changed this" message next to the form, never a crash.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shiliu.access.policy import Cap, role_has
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, scope_q
from shiliu.accounts.models import Role, RoleAssignment
from shiliu.audit.services import audit_read
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.people.choices import Language
from shiliu.people.masking import mask_phone
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders import machine, selectors, services
from shiliu.workorders.attachments import attachment_add
from shiliu.workorders.choices import EventKind, Satisfaction, Solved
from shiliu.workorders.forms import (
    AttachForm,
    CallbackForm,
    ChangeCategoryForm,
    DecisionNoteForm,
    DispatchForm,
    NoteForm,
    ReasonForm,
    ReferForm,
    ResolveForm,
    SuperviseForm,
    VersionForm,
)
from shiliu.workorders.models import WorkOrder
from shiliu.workorders.selectors import contact_visible
from shiliu.workorders.steps import pending as pending_steps
from shiliu.workorders.views_steps import consent_context, step_lines


def _language_label(code: str) -> str:
    return str(Language(code).label) if code in Language.values else code


# --- who may see the resident's contact ---------------------------------------------------------

# --- the dispatcher's units and who speaks the resident's language -------------------------------

HANDLING_ROLES = [role for role in Role.values if role_has(role, Cap.ORDER_HANDLE)]


def dispatch_units(user):
    """Units an order may be dispatched to: places in the dispatcher's area (not a district as a
    whole) and the district's departments."""
    return (Place.objects.filter(scope_q(user, Cap.ORDER_DISPATCH) | Q(kind=PlaceKind.DEPARTMENT), is_active=True)
            .exclude(kind=PlaceKind.DISTRICT).order_by("path"))


def speakers_at(units, language: str) -> dict[int, list[str]]:
    """Staff who handle orders at each unit and list ``language`` among theirs (User.languages)."""
    found: dict[int, list[str]] = {}
    assignments = (RoleAssignment.objects.filter(is_active=True, user__is_active=True, role__in=HANDLING_ROLES,
                                                 place__in=units).select_related("user").order_by("user__username"))
    for assignment in assignments:
        if language in (assignment.user.languages or []):
            names = found.setdefault(assignment.place_id, [])
            name = str(assignment.user)
            if name not in names:
                names.append(name)
    return found


# --- the actions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Action:
    name: str
    title: object  # lazy text
    button: object
    done: object  # the message after it worked
    form: Callable
    run: Callable  # (user, order, cleaned_data, files) -> None
    files: bool = False
    quiet: bool = False  # a secondary look (cancel, refuse)


def _version(data) -> int:
    return data["version"]


def _dispatch_form(request, order, data=None, files=None, prefix="dispatch"):
    units = dispatch_units(request.user)
    labels: dict[int, str] = {}
    speakers: list[tuple[str, list[str]]] = []
    if order.needs_interpreter:
        by_unit = {p.pk: p for p in units}
        found = speakers_at(list(by_unit.values()), order.language)
        language = _language_label(order.language)
        labels = {pk: " · " + _("%(n)d speak %(language)s") % {"n": len(names), "language": language}
                  for pk, names in found.items()}
        speakers = [(by_unit[pk].display_name(get_language()), names) for pk, names in found.items()]
    form = DispatchForm(data, units=units, unit_labels=labels, prefix=prefix, initial={"version": order.version})
    form.speakers = speakers  # type: ignore[attr-defined]
    return form


def _simple(form_class):
    def build(request, order, data=None, files=None, prefix=""):
        return form_class(data, files, prefix=prefix, initial={"version": order.version})
    return build


def _plain(form_class):
    def build(request, order, data=None, files=None, prefix=""):
        return form_class(data, files, prefix=prefix)
    return build


ACTIONS: dict[str, Action] = {a.name: a for a in [
    Action("acknowledge", gettext_lazy("Acknowledge"), gettext_lazy("Acknowledge: my unit takes it"),
           gettext_lazy("You acknowledged the order. The resolution deadline runs now."), _simple(VersionForm),
           lambda u, o, d, f: services.order_acknowledge(by=u, order=o, version=_version(d))),
    Action("dispatch", gettext_lazy("Dispatch"), gettext_lazy("Dispatch"),
           gettext_lazy("The order was dispatched."), _dispatch_form,
           lambda u, o, d, f: services.order_dispatch(by=u, order=o, version=_version(d), unit=d["unit"],
                                                      note=d["note"])),
    Action("resolve", gettext_lazy("Resolve"), gettext_lazy("Resolve and reply"),
           gettext_lazy("The order was resolved. The hotline will call the resident back."), _simple(ResolveForm),
           lambda u, o, d, f: services.order_resolve(by=u, order=o, version=_version(d), reply=d["reply"])),
    Action("callback", gettext_lazy("Callback"), gettext_lazy("Record the callback"),
           gettext_lazy("The callback was recorded."), _simple(CallbackForm),
           lambda u, o, d, f: services.order_callback(by=u, order=o, version=_version(d), solved=d["solved"],
                                                      satisfaction=d["satisfaction"], comment=d["comment"])),
    Action("approve_reopen", gettext_lazy("Approve the reopen"), gettext_lazy("Approve: the unit handles it again"),
           gettext_lazy("The reopen was approved; the order is back with the unit."), _simple(DecisionNoteForm),
           lambda u, o, d, f: services.order_decide_reopen(by=u, order=o, version=_version(d), approve=True,
                                                           note=d["note"])),
    Action("refuse_reopen", gettext_lazy("Refuse the reopen"), gettext_lazy("Refuse and close"),
           gettext_lazy("The reopen was refused and the order closed."), _simple(DecisionNoteForm),
           lambda u, o, d, f: services.order_decide_reopen(by=u, order=o, version=_version(d), approve=False,
                                                           note=d["note"]), quiet=True),
    Action("refer", gettext_lazy("Refer to a department"), gettext_lazy("Refer"),
           gettext_lazy("The order was referred to the department."), _simple(ReferForm),
           lambda u, o, d, f: services.order_refer(by=u, order=o, version=_version(d), department=d["department"],
                                                   note=d["note"], share_contact=d["share_contact"],
                                                   consent_confirmed=d["consent_confirmed"])),
    Action("return", gettext_lazy("Return to the dispatcher"), gettext_lazy("Return"),
           gettext_lazy("The order was returned to the dispatcher."), _simple(ReasonForm),
           lambda u, o, d, f: services.order_return(by=u, order=o, version=_version(d), reason=d["reason"]),
           quiet=True),
    Action("change_category", gettext_lazy("Change the category"), gettext_lazy("Change and re-route"),
           gettext_lazy("The category was changed and the order re-routed."), _simple(ChangeCategoryForm),
           lambda u, o, d, f: services.order_change_category(by=u, order=o, version=_version(d),
                                                             category=d["category"]), quiet=True),
    Action("supervise", gettext_lazy("Supervise"), gettext_lazy("Supervise"),
           gettext_lazy("Supervision was recorded and the unit told."), _plain(SuperviseForm),
           lambda u, o, d, f: services.order_supervise(by=u, order=o, note=d["note"], urge=False)),
    Action("urge", gettext_lazy("Urge"), gettext_lazy("Urge"),
           gettext_lazy("The unit was urged."), _plain(SuperviseForm),
           lambda u, o, d, f: services.order_supervise(by=u, order=o, note=d["note"], urge=True), quiet=True),
    Action("cancel", gettext_lazy("Cancel the order"), gettext_lazy("Cancel the order"),
           gettext_lazy("The order was cancelled."), _simple(ReasonForm),
           lambda u, o, d, f: services.order_cancel(by=u, order=o, version=_version(d), reason=d["reason"]),
           quiet=True),
    Action("note", gettext_lazy("Add a note"), gettext_lazy("Add the note"),
           gettext_lazy("The note was added."), _plain(NoteForm),
           lambda u, o, d, f: services.order_note(by=u, order=o, note=d["note"])),
    Action("attach", gettext_lazy("Attach a file"), gettext_lazy("Attach"),
           gettext_lazy("The file was attached."), _plain(AttachForm),
           lambda u, o, d, f: _attach(u, o, d), files=True),
]}


def _attach(user, order, data) -> None:
    if not data.get("file"):
        raise ValidationError({"file": [_("Choose a file to attach.")]})
    attachment_add(by=user, order=order, upload=data["file"])


def allowed_actions(order: WorkOrder, user) -> list[str]:
    names = machine.actions_for(order, user)
    if "resolve" in names and pending_steps(order):
        names.remove("resolve")  # the service item's steps come first (ADR 0017)
    if machine.may_note(order, user):
        names += ["note", "attach"]
    return [name for name in ACTIONS if name in names]


# --- the page -------------------------------------------------------------------------------------

def _event_line(event, language) -> dict:
    data = event.data or {}
    detail = []
    if event.kind == EventKind.CALLBACK:
        for value, choices in ((data.get("solved"), Solved), (data.get("satisfaction"), Satisfaction)):
            if value in choices.values:
                detail.append(str(choices(value).label))
    if event.kind == EventKind.REFERRED:
        detail.append(_("contact shared with consent") if data.get("contact_shared") else _("contact not shared"))
    if event.kind == EventKind.CATEGORY_CHANGED:
        detail.append(f"{data.get('from', '')} → {data.get('to', '')}")
    if data.get("step"):
        detail.append(_("step %(n)s") % {"n": data["step"]})
    return {"event": event, "unit": event.unit.display_name(language) if event.unit else "",
            "actor": str(event.actor) if event.actor else (_("the resident") if event.kind == EventKind.CALLBACK
                                                           else _("the system")),
            "detail": detail}


def detail_context(request, order: WorkOrder, *, bound: tuple[str, object] | None = None) -> dict:
    user, language = request.user, get_language()
    events = selectors.hide_intake_file_names(order, user, list(selectors.timeline(order)))
    files = list(selectors.attachments_visible(order, user, events))
    show_contact = contact_visible(order, user, events)
    audited = show_contact and bool(order.contact_name or order.contact_phone or order.requester_id)
    if audited:
        audit_read(by=user, action="workorder.view", target=order, subject_id=order.requester_id,
                   category="contact")
    forms = []
    names = allowed_actions(order, user)
    if bound is not None and bound[0] not in names:
        names.append(bound[0])  # the order moved on meanwhile: show the form with its message
    for name in names:
        action = ACTIONS[name]
        form = bound[1] if bound is not None and bound[0] == name else action.form(request, order, prefix=name)
        forms.append({"action": action, "form": form, "open": bound is not None and bound[0] == name})
    requester_link = (show_contact and order.requester is not None
                      and can(user, Cap.RESIDENT_VIEW, order.requester.place))
    return {
        "order": order, "events": [_event_line(e, language) for e in events], "files": files, "audited": audited,
        "show_contact": show_contact, "phone_masked": mask_phone(order.contact_phone) if show_contact else "",
        "requester_link": requester_link,
        "category": order.category.label(language), "place": order.place.display_name(language),
        "unit": order.unit.display_name(language) if order.unit else "",
        "language": _language_label(order.language), "due_state": selectors.due_state(order),
        "forms": forms, "can_receipt": can(user, Cap.ORDER_VIEW, order.place),
        "item": order.item_version.label(language) if order.item_version else "",
        "steps": step_lines(order, user, language) if order.item_version_id else [],
        **consent_context(order, user, show_contact=show_contact),
    }


@require_GET
@access_rule(Cap.ORDER_VIEW)
def order_detail(request, pk: int):
    order = selectors.order_get(request.user, pk)
    return render(request, "workorders/detail.html", detail_context(request, order))


@require_POST
@access_rule(Cap.ORDER_VIEW)
def act(request, pk: int, action: str):
    """One action on the order, through its service. Errors come back next to the form."""
    if action not in ACTIONS:
        raise Http404()
    user = request.user
    order = selectors.order_get(user, pk)
    spec = ACTIONS[action]
    form = spec.form(request, order, request.POST, request.FILES if spec.files else None, prefix=action)
    if form.is_valid():
        try:
            spec.run(user, order, form.cleaned_data, request.FILES)
        except (ValidationError, StaleVersion) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, str(spec.done))
            return redirect("workorders:detail", pk=order.pk)
        order = selectors.order_get(user, pk)  # show the order as it is now
    return render(request, "workorders/detail.html", detail_context(request, order, bound=(action, form)))


@require_GET
@access_rule(Cap.ORDER_VIEW)
def attachment_download(request, pk: int, token: str):
    """A file of an order the user may see, always as a download, never rendered by the browser."""
    user = request.user
    order = selectors.order_get(user, pk)
    attachment = selectors.attachments_visible(order, user).filter(token=token).first()
    if attachment is None:
        raise Http404()
    audit_read(by=user, action="workorder.attachment", target=order, subject_id=order.requester_id,
               category="document", detail={"attachment": attachment.pk})
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
