"""Pages of creation work: parse, authorise, call a selector or service, render.

Order of checks on every record page: the access rule (403 for a role without the capability
anywhere), then the scoped lookup (404 outside what the user may see, exactly like a missing
record), then, for a change, the edit capability at the record's place (403 for a record the
user sees read-only).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import filters_of, paginate, posted, save_form
from shiliu.creation import exports, recognition, selectors, services
from shiliu.creation.choices import SixOnes
from shiliu.creation.forms import (
    BrandFilterForm,
    BrandForm,
    EvidenceForm,
    HonourFilterForm,
    HonourForm,
    ItemNoteForm,
    SiteFilterForm,
    SiteForm,
    WithdrawForm,
)
from shiliu.creation.links import activity_choices, activity_for_evidence


def xlsx_response(request, kind: str, make, count=exports.count_export):
    """The xlsx ``make()`` builds, as an attachment; 429 past the export limit (F6)."""
    try:
        count(request.user, kind)
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    response = HttpResponse(make(), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


# --- demonstration sites ------------------------------------------------------------------------

def _site_filters(request) -> tuple[SiteFilterForm, dict]:
    form = SiteFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CREATION_VIEW)
def home(request):
    """Demonstration sites with their six-ones progress; links to brands and honours."""
    form, filters = _site_filters(request)
    page = paginate(request, selectors.site_list(request.user, **filters))
    return render(request, "creation/home.html", {
        "form": form, "page": page, "six": selectors.SIX, "can_create": holds(request.user, Cap.CREATION_EDIT),
    })


@require_GET
@access_rule(Cap.CREATION_VIEW)
def sites_export(request):
    _form, filters = _site_filters(request)
    return xlsx_response(request, "sites", lambda: exports.sites_xlsx(selectors.site_list(request.user, **filters)))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def site_new(request):
    form = SiteForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: services.site_create(by=request.user, **f.service_arguments()),
                 success=_("The demonstration site was recorded with its six items."),
                 template="creation/form.html", context={"title": _("New demonstration site"), "back": "creation:home"})


@require_GET
@access_rule(Cap.CREATION_VIEW)
def site_detail(request, pk: int):
    site = selectors.site_get(request.user, pk)
    return render(request, "creation/site_detail.html", {
        "site": site, "items": selectors.checklist(site, request.user), "six": selectors.SIX,
        "can_edit": can(request.user, Cap.CREATION_EDIT, site.place),
        "can_see_evidence": can(request.user, Cap.CREATION_VIEW, site.place),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def site_edit(request, pk: int):
    site = selectors.site_get_for_edit(request.user, pk)
    initial = {"name": site.name, "level": site.level, "place": site.place_id, "status": site.status,
               "named_year": site.named_year, "description": site.description, "public": site.public,
               "version": site.version}
    form = SiteForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: services.site_update(
        site=site, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="creation/form.html",
        context={"title": _("Edit %(name)s") % {"name": site.name}, "back_object": site})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_VIEW)
def item_detail(request, pk: int, kind: str):
    """One of the six items: its evidence (and the withdrawn history), and a form to add more."""
    item = selectors.item_get(request.user, pk, kind)
    site = item.site
    can_edit = can(request.user, Cap.CREATION_EDIT, site.place)
    form = EvidenceForm(posted(request), request.FILES if request.method == "POST" else None,
                        activities=activity_choices(request.user, held_only=True) if can_edit else [])
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied()
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = activity_for_evidence(request.user, data["activity"]) if data["activity"] else None
                services.evidence_add(item=item, by=request.user, kind=data["kind"], note=data["note"],
                                      file=data["file"], activity=activity)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The evidence was added."))
                return redirect("creation:item", pk=site.pk, kind=item.kind)
    items = {i.kind: i for i in selectors.checklist(site, request.user)}
    return render(request, "creation/item.html", {
        "site": site, "item": items[item.kind], "form": form, "can_edit": can_edit,
        "note_form": ItemNoteForm(initial={"note": item.note}), "withdraw_form": WithdrawForm(),
        "kind_label": SixOnes(item.kind).label,
    })


@require_POST
@access_rule(Cap.CREATION_EDIT)
def item_note(request, pk: int, kind: str):
    item = selectors.item_get(request.user, pk, kind)
    form = ItemNoteForm(request.POST)
    if form.is_valid():
        try:
            services.item_note_set(item=item, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The changes were saved."))
    return redirect("creation:item", pk=pk, kind=kind)


@require_POST
@access_rule(Cap.CREATION_EDIT)
def evidence_withdraw(request, pk: int):
    evidence = selectors.evidence_get(request.user, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.evidence_withdraw(evidence=evidence, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The evidence was withdrawn. It stays in the history below."))
    return redirect("creation:item", pk=evidence.item.site_id, kind=evidence.item.kind)


@require_GET
@access_rule(Cap.CREATION_VIEW)
def evidence_file(request, pk: int):
    """The stored document or photo, as an attachment, to users who may see the evidence (B6)."""
    evidence = selectors.evidence_get(request.user, pk)
    if not evidence.file:
        raise Http404()
    audit_read(by=request.user, action="creation.evidence.file", target=evidence.item.site, subject_id=None,
               category="evidence", detail={"evidence": evidence.pk})
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name,
                        content_type=evidence.content_type)


# --- brands -------------------------------------------------------------------------------------

def _brand_filters(request):
    form = BrandFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CREATION_VIEW)
def brands(request):
    form, filters = _brand_filters(request)
    return render(request, "creation/brands.html", {
        "form": form, "page": paginate(request, selectors.brand_list(request.user, **filters)),
        "can_create": holds(request.user, Cap.CREATION_EDIT),
    })


@require_GET
@access_rule(Cap.CREATION_VIEW)
def brands_export(request):
    _form, filters = _brand_filters(request)
    return xlsx_response(request, "brands", lambda: exports.brands_xlsx(selectors.brand_list(request.user, **filters)))


@require_GET
@access_rule(Cap.CREATION_VIEW)
def brand_detail(request, pk: int):
    brand = selectors.brand_get(request.user, pk)
    return render(request, "creation/brand_detail.html", {
        "brand": brand, "can_edit": can(request.user, Cap.CREATION_EDIT, brand.place)})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def brand_new(request):
    form = BrandForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: recognition.brand_create(by=request.user, **f.service_arguments()),
                 success=_("The brand was recorded."), template="creation/form.html",
                 context={"title": _("New brand"), "back": "creation:brands"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def brand_edit(request, pk: int):
    brand = selectors.brand_get_for_edit(request.user, pk)
    initial = {"name": brand.name, "place": brand.place_id, "description": brand.description, "since": brand.since,
               "status": brand.status, "public": brand.public, "version": brand.version}
    form = BrandForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: recognition.brand_update(
        brand=brand, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="creation/form.html",
        context={"title": _("Edit %(name)s") % {"name": brand.name}, "back_object": brand})


# --- honours ------------------------------------------------------------------------------------

def _honour_filters(request):
    form = HonourFilterForm(request.GET or None, user=request.user)
    return form, filters_of(form)


@require_GET
@access_rule(Cap.CREATION_VIEW)
def honours(request):
    form, filters = _honour_filters(request)
    page = paginate(request, selectors.honour_list(request.user, **filters))
    audit_list_read(by=request.user, action="creation.honour.list", model_label="creation.honour",
                    ids=[h.pk for h in page.object_list if h.person_name], category="name")
    return render(request, "creation/honours.html", {
        "form": form, "page": page, "can_create": holds(request.user, Cap.CREATION_EDIT),
    })


@require_GET
@access_rule(Cap.CREATION_VIEW)
def honours_export(request):
    if not recently_reauthenticated(request):  # C7: an export of people's names
        messages.info(request, _("Confirm your password first, then try again."))
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    _form, filters = _honour_filters(request)
    return xlsx_response(request, "honours", lambda: exports.honours_xlsx(
        selectors.honour_list(request.user, **filters), by=request.user))


@require_GET
@access_rule(Cap.CREATION_VIEW)
def honour_detail(request, pk: int):
    honour = selectors.honour_get(request.user, pk)
    if honour.person_name:
        audit_read(by=request.user, action="creation.honour.view", target=honour, subject_id=None, category="name")
    return render(request, "creation/honour_detail.html", {
        "honour": honour, "can_edit": can(request.user, Cap.CREATION_EDIT, honour.place)})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def honour_new(request):
    form = HonourForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: recognition.honour_create(by=request.user, **f.service_arguments()),
                 success=_("The honour was recorded."), template="creation/form.html",
                 context={"title": _("New honour"), "back": "creation:honours"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.CREATION_EDIT)
def honour_edit(request, pk: int):
    honour = selectors.honour_get_for_edit(request.user, pk)
    initial = {"title": honour.title, "level": honour.level, "year": honour.year,
               "awarding_body": honour.awarding_body, "recipient": honour.recipient, "place": honour.place_id,
               "organization": honour.organization_id,
               "person_name": honour.person_name, "public": honour.public, "version": honour.version}
    form = HonourForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: recognition.honour_update(
        honour=honour, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template="creation/form.html",
        context={"title": _("Edit %(title)s") % {"title": honour.title}, "back_object": honour})
