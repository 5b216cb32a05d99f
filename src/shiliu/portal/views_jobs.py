"""The resident's own job-seeker profile on the portal: see it, make it, change it, stop and
resume looking, and see the open postings that fit it. One write path with the API
(jobs.seeking.seeker_*_by_resident); the profile is found by the verified phone's blind index,
so no number, name or id of a person travels in a URL."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shiliu.access.rules import public
from shiliu.audit.services import audit_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.jobs import seeking
from shiliu.jobs.choices import Language, SeekerStatus, Skill, labels_of
from shiliu.jobs.selectors import public_places
from shiliu.portal import limits, selectors
from shiliu.portal.forms import SeekerProfileForm
from shiliu.portal.identity import phone_index, resident_required, verified_phone

TEMPLATE = "portal/jobs_profile.html"
FORM_TEMPLATE = "portal/jobs_profile_form.html"


def _choices(seeker=None) -> tuple[list, list]:
    language = get_language()
    places = [(str(p.pk), p.display_name(language)) for p in seeking.resident_places()]
    if seeker is not None and all(pk != str(seeker.place_id) for pk, _label in places):
        places.append((str(seeker.place_id), seeker.place.display_name(language)))  # a worker chose it
    wished = [(str(p.pk), p.display_name(language)) for p in public_places()]
    return places, wished


def _form(data=None, *, seeker=None) -> SeekerProfileForm:
    places, wished = _choices(seeker)
    initial = None
    if seeker is not None:
        initial = {"name": seeker.name, "place": str(seeker.place_id), "languages": seeker.language_codes,
                   "skills": seeker.skill_codes, "skills_other": seeker.skills_other,
                   "wished_place": str(seeker.wished_place_id or ""), "wished_pay_min": seeker.wished_pay_min,
                   "wished_pay_max": seeker.wished_pay_max, "availability": seeker.availability,
                   "consent": seeker.consent, "version": seeker.version}
    return SeekerProfileForm(data, initial=initial, places=places, wished=wished)


def _mine(request):
    """The verified phone (``resident_required``) and its profile, or None."""
    phone = verified_phone(request)
    assert phone is not None
    return phone, selectors.my_seeker(phone)


def _limited(request, phone: str) -> None:
    limits.hit_both(limits.PROFILE_PER_ADDRESS, limits.PROFILE_PER_PHONE, address=request.client_address,
                    index=phone_index(phone))


def _form_page(request, form, *, seeker=None, status=200):
    return render(request, FORM_TEMPLATE, {"form": form, "seeker": seeker, "resident_signed_in": True},
                  status=status)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def profile(request):
    """The profile and the postings that fit it; without a profile, the form that makes one."""
    phone, seeker = _mine(request)
    if seeker is None:
        return _create(request, phone)
    if request.method == "POST":  # a double submit of the creation form: the profile exists already
        return redirect("portal:jobs_profile")
    audit_read(by=None, action="jobs.seeker.view_by_resident", target=seeker, subject_id=seeker.resident_id,
               category="contact")
    language = get_language()
    return render(request, TEMPLATE, {
        "seeker": seeker, "resident_signed_in": True,
        "place": seeker.place.display_name(language),
        "wished": seeker.wished_place.display_name(language) if seeker.wished_place else "",
        "skills": labels_of(Skill, seeker.skills),
        "languages": labels_of(Language, seeker.languages),
        "matches": selectors.my_matches(seeker),
        "looking": seeker.status == SeekerStatus.LOOKING,
    })


def _create(request, phone: str):
    if request.method == "GET":
        return _form_page(request, _form())
    form = _form(request.POST)
    if not form.is_valid():
        return _form_page(request, form)
    try:
        _limited(request, phone)
    except ratelimit.RateLimited as e:
        return limits.refused(request, e.retry_after, form, lambda: _form_page(request, form))
    try:
        seeking.seeker_create_by_resident(phone=phone, **form.service_arguments())
    except ValidationError as e:
        add_service_errors(form, e)
        return _form_page(request, form)
    messages.success(request, _("Your job-seeker profile is saved."))
    return redirect("portal:jobs_profile")


@require_http_methods(["GET", "POST"])
@public
@resident_required
def profile_edit(request):
    phone, seeker = _mine(request)
    if seeker is None:
        return redirect("portal:jobs_profile")
    if request.method == "GET":
        return _form_page(request, _form(seeker=seeker), seeker=seeker)
    form = _form(request.POST, seeker=seeker)
    if not form.is_valid():
        return _form_page(request, form, seeker=seeker)
    try:
        _limited(request, phone)
    except ratelimit.RateLimited as e:
        return limits.refused(request, e.retry_after, form, lambda: _form_page(request, form, seeker=seeker))
    try:
        seeking.seeker_update_by_resident(phone=phone, seeker=seeker, version=form.cleaned_data["version"] or 0,
                                          **form.service_arguments())
    except (ValidationError, StaleVersion) as e:
        add_service_errors(form, e)
        return _form_page(request, form, seeker=seeker)
    messages.success(request, _("Your job-seeker profile is saved."))
    return redirect("portal:jobs_profile")


@require_POST
@public
@resident_required
def profile_status(request):
    """Stop looking for work, or look again."""
    phone, seeker = _mine(request)
    if seeker is None:
        return redirect("portal:jobs_profile")
    try:
        _limited(request, phone)
        version = int(request.POST.get("version") or 0)
        seeking.seeker_update_by_resident(phone=phone, seeker=seeker, version=version,
                                          status=request.POST.get("status", ""))
    except ratelimit.RateLimited as e:
        return too_many_requests(request, e.retry_after)
    except StaleVersion:
        messages.error(request, StaleVersion.message)
    except (ValidationError, ValueError):
        messages.error(request, _("Choose “looking for work” or “not looking for now”."))
    else:
        looking = request.POST.get("status") == SeekerStatus.LOOKING
        messages.success(request, _("You are looking for work again: we match you with new jobs.") if looking
                         else _("You stopped looking for work: we do not match or contact you until you resume."))
    return redirect("portal:jobs_profile")
