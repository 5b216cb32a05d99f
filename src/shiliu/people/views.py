"""Residents' pages: parse, authorise, call people.services / people.selectors, render.

Order of checks on every record page: the access rule (403 for a role without the
capability anywhere), then the scoped lookup (404 for a record outside the user's
subtree, exactly like a missing one).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.accounts.middleware import recently_reauthenticated
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.people.choices import Basis, Gender
from shiliu.people.choices import Language as SpokenLanguage
from shiliu.people.forms import ResidentForm, RevealForm
from shiliu.people.masking import mask_phone
from shiliu.people.models import Resident
from shiliu.people.selectors import resident_get, resident_search, resident_view
from shiliu.people.services import REVEALABLE, consent_withdraw, resident_create, resident_reveal, resident_update
from shiliu.people.validation import national_phone

PAGE_SIZE = 25


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_http_methods(["GET", "POST"])
@access_rule(Cap.RESIDENT_VIEW)
def resident_list(request):
    """GET lists; a search is POSTed, so names and numbers never travel in the URL (B5)."""
    query = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    if query:
        try:
            ratelimit.hit(ratelimit.SEARCH, str(request.user.pk))
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
    paginator = Paginator(resident_search(request.user, query), PAGE_SIZE)
    page = paginator.get_page(request.POST.get("page") if request.method == "POST" else request.GET.get("page"))
    language = get_language()
    rows = [{"resident": r, "phone_masked": mask_phone(r.phone), "place": r.place.display_name(language)}
            for r in page.object_list]
    audit_list_read(by=request.user, action="resident.list", model_label="people.resident",
                    ids=[row["resident"].pk for row in rows])
    return render(request, "people/list.html", {
        "rows": rows, "page": page, "query": query,
        "can_create": holds(request.user, Cap.RESIDENT_CREATE),
    })


def _form_context(form, **extra) -> dict:
    return {"form": form, **extra}


@require_http_methods(["GET", "POST"])
@access_rule(Cap.RESIDENT_CREATE)
def resident_new(request):
    user = request.user
    form = ResidentForm(request.POST or None, user=user, may_see_id=holds(user, Cap.RESIDENT_ID_NUMBER),
                        may_see_sensitive=holds(user, Cap.RESIDENT_SENSITIVE))
    if request.method == "POST" and form.is_valid():
        try:
            resident = resident_create(by=user, **form.service_arguments())
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The resident was recorded."))
            return redirect("people:detail", pk=resident.pk)
    return render(request, "people/form.html", _form_context(form, editing=False))


def _detail_context(request, resident: Resident) -> dict:
    view = resident_view(resident, request.user)
    reveal_forms = {}
    if view["can_reveal"]:
        if view["phone_masked"]:
            reveal_forms["phone"] = RevealForm(initial={"field": "phone"}, field_name="phone")
        if view.get("id_number_masked"):
            reveal_forms["id_number"] = RevealForm(initial={"field": "id_number"}, field_name="id_number")
    languages = dict(SpokenLanguage.choices)
    return {
        "resident": resident, "view": view, "reveal_forms": reveal_forms,
        "gender_label": Gender(view["gender"]).label if view["gender"] in Gender.values else "",
        "basis_label": Basis(view["basis"]).label if view["basis"] in Basis.values else "",
        "language_labels": [str(languages.get(code, code)) for code in view["languages"]],
        "place_label": view["place"].display_name(get_language()),
    }


@require_GET
@access_rule(Cap.RESIDENT_VIEW)
def resident_detail(request, pk: int):
    resident = resident_get(request.user, pk)
    return render(request, "people/detail.html", _detail_context(request, resident))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.RESIDENT_EDIT)
def resident_edit(request, pk: int):
    user = request.user
    resident = resident_get(user, pk, Cap.RESIDENT_EDIT)
    view = resident_view(resident, user, audit_action="resident.edit_view")
    initial = {"name": resident.name, "gender": resident.gender, "birth_date": resident.birth_date,
               "languages": resident.languages, "place": resident.place_id, "basis": resident.basis,
               "ethnicity": view.get("ethnicity", ""), "version": resident.version}
    form = ResidentForm(request.POST or None, initial=initial, user=user, resident=resident, view=view,
                        may_see_id="id_number_masked" in view, may_see_sensitive="ethnicity" in view)
    if request.method == "POST" and form.is_valid():
        try:
            resident_update(resident=resident, by=user, version=form.cleaned_data["version"],
                            **form.service_arguments())
        except (StaleVersion, ValidationError) as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:detail", pk=resident.pk)
    return render(request, "people/form.html", _form_context(form, editing=True, resident=resident, view=view))


@require_POST
@access_rule(Cap.RESIDENT_REVEAL)
def resident_reveal_view(request, pk: int):
    """Show one full value once, after a recent re-authentication (C7) and with a reason (B1)."""
    resident = resident_get(request.user, pk, Cap.RESIDENT_REVEAL)
    if not recently_reauthenticated(request):
        target = reverse("accounts:reauth") + "?" + urlencode({"next": reverse("people:detail", args=[pk])})
        if _is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    posted_field = request.POST.get("field", "")
    form = RevealForm(request.POST, field_name=posted_field if posted_field in REVEALABLE else "")
    value: str | None = None
    if form.is_valid():
        try:
            value = resident_reveal(resident=resident, by=request.user, field=form.cleaned_data["field"],
                                    reason=form.cleaned_data["reason"])
        except ValidationError as e:
            add_service_errors(form, e)
    field = form.cleaned_data.get("field") if hasattr(form, "cleaned_data") else None
    if value is not None and field == "phone":
        value = national_phone(value)  # 13812345678, as people in China write it
    context = {"resident": resident, "form": form, "field": field, "value": value}
    template = "people/_reveal.html" if _is_htmx(request) else "people/reveal.html"
    return render(request, template, context)


@require_POST
@access_rule(Cap.RESIDENT_EDIT)
def consent_withdraw_view(request, pk: int, consent_pk: int):
    resident = resident_get(request.user, pk, Cap.RESIDENT_EDIT)
    if not can(request.user, Cap.RESIDENT_SENSITIVE, resident.place):
        raise Http404()
    consent = get_object_or_404(resident.consents, pk=consent_pk)
    consent_withdraw(consent=consent, by=request.user)
    messages.success(request, _("The consent was withdrawn and the ethnicity it covered was erased."))
    return redirect("people:detail", pk=resident.pk)
