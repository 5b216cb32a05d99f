"""The employers' desk: the employer's contact person posts jobs without an account.

They prove the employer's contact phone with the portal's one-time code (``resident_required``
sends them to the code page and back); the desk then shows the employers that carry this number,
and for a verified one its postings, a form for a new one, editing and closing. Everything they
post waits for an officer's approval. Pages are never cached (``resident_required``), nothing
personal travels in a URL, and the forms are rate limited per address and per phone and carry
the honeypot of the public registration. The rules live in services.desk_* (one write path with
the API, shiliu.jobs.api_desk).
"""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.rules import public
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.jobs import selectors_desk, services
from shiliu.jobs.choices import EmployerStatus, Language, Skill, labels_of
from shiliu.jobs.forms import DeskPostingForm, VersionForm
from shiliu.people.masking import mask_phone
from shiliu.portal import limits
from shiliu.portal.identity import phone_index, resident_required, verified_phone

# Writes on the desk per client address (an office network) and per verified phone.
DESK_PER_ADDRESS = ratelimit.Limit("job-desk-address", 60, 3600)
DESK_PER_PHONE = ratelimit.Limit("job-desk-phone", 30, 3600)


def _phone(request) -> str:
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    return phone


def _refused(request, phone: str):
    """None, or the 429 page once the desk's writes pass their limit per address or per phone."""
    try:
        limits.hit_both(DESK_PER_ADDRESS, DESK_PER_PHONE, address=request.client_address,
                        index=phone_index(phone))
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    return None


def _context(request, phone: str, **extra) -> dict:
    return {"masked": mask_phone(phone), "resident_signed_in": True, **extra}


@require_GET
@public
@resident_required
def home(request):
    """The employers whose contact phone is the verified number, with their status."""
    phone = _phone(request)
    employers = list(selectors_desk.desk_employers(phone))
    return render(request, "jobs/desk_home.html", _context(request, phone, employers=employers))


@require_GET
@public
@resident_required
def employer(request, pk: int):
    """One employer: its status, and (when verified) its postings with their status and expiry."""
    phone = _phone(request)
    employer = selectors_desk.desk_employer_get(phone, pk)
    postings = list(selectors_desk.desk_postings(employer)[:selectors_desk.DESK_POSTINGS_MAX])
    return render(request, "jobs/desk_employer.html", _context(
        request, phone, employer=employer, postings=postings, today=timezone.localdate(),
        can_post=employer.status == EmployerStatus.VERIFIED, editable=services.DESK_EDITABLE,
        closable=services.TRANSITIONS["close"][0]))


@require_GET
@public
@resident_required
def posting(request, pk: int, posting_pk: int):
    phone = _phone(request)
    employer = selectors_desk.desk_employer_get(phone, pk)
    posting = selectors_desk.desk_posting_get(employer, posting_pk)
    return render(request, "jobs/desk_posting.html", _context(
        request, phone, employer=employer, posting=posting, today=timezone.localdate(),
        place=posting.place.display_name(get_language()), skills=labels_of(Skill, posting.skills),
        languages=labels_of(Language, posting.languages), editable=posting.status in services.DESK_EDITABLE,
        closable=posting.status in services.TRANSITIONS["close"][0]))


def _form_page(request, phone, form, *, employer, posting=None, status=200):
    return render(request, "jobs/desk_form.html", _context(
        request, phone, form=form, employer=employer, posting=posting,
        can_post=employer.status == EmployerStatus.VERIFIED), status=status)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def posting_new(request, pk: int):
    phone = _phone(request)
    employer = selectors_desk.desk_employer_get(phone, pk)
    if request.method == "GET":
        form = DeskPostingForm(initial={"form_key": secrets.token_urlsafe(24), "openings": 1})
        return _form_page(request, phone, form, employer=employer)
    form = DeskPostingForm(request.POST)
    if (refused := _refused(request, phone)) is not None:
        return refused
    if form.is_bot():
        return redirect("jobs:desk_employer", pk=employer.pk)  # a bot learns nothing; nothing is stored
    if form.is_valid():
        try:
            posting, created = services.desk_posting_create(phone=phone, employer=employer,
                                                            form_key=form.cleaned_data["form_key"],
                                                            **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The posting was sent. Staff check it before it is shown publicly."))
            return redirect("jobs:desk_posting", pk=employer.pk, posting_pk=posting.pk)
    return _form_page(request, phone, form, employer=employer, status=422)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def posting_edit(request, pk: int, posting_pk: int):
    phone = _phone(request)
    employer = selectors_desk.desk_employer_get(phone, pk)
    posting = selectors_desk.desk_posting_get(employer, posting_pk)
    if request.method == "GET":
        initial = {f: getattr(posting, f) for f in services.POSTING_FIELDS}
        initial.update(place=posting.place_id, skills=posting.skill_codes, languages=posting.language_codes,
                       version=posting.version)
        return _form_page(request, phone, DeskPostingForm(initial=initial), employer=employer, posting=posting)
    form = DeskPostingForm(request.POST)
    if (refused := _refused(request, phone)) is not None:
        return refused
    if form.is_bot():
        return redirect("jobs:desk_employer", pk=employer.pk)
    if form.is_valid():
        try:
            services.desk_posting_update(phone=phone, posting=posting, version=form.cleaned_data["version"] or 0,
                                         **form.service_arguments())
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were sent. Staff check the posting before it is shown "
                                        "publicly."))
            return redirect("jobs:desk_posting", pk=employer.pk, posting_pk=posting.pk)
    return _form_page(request, phone, form, employer=employer, posting=posting, status=422)


@require_POST
@public
@resident_required
def posting_close(request, pk: int, posting_pk: int):
    phone = _phone(request)
    employer = selectors_desk.desk_employer_get(phone, pk)
    posting = selectors_desk.desk_posting_get(employer, posting_pk)
    if (refused := _refused(request, phone)) is not None:
        return refused
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise StaleVersion()
        services.desk_posting_close(phone=phone, posting=posting, version=form.cleaned_data["version"])
    except StaleVersion:
        messages.error(request, str(StaleVersion.message))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The posting is closed."))
    return redirect("jobs:desk_posting", pk=employer.pk, posting_pk=posting.pk)
