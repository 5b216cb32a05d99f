"""Staff pages of the job market: employers, postings, seekers, referrals, placements, figures.

Order of checks: the access rule (403 without the capability anywhere), the scoped lookup (404
outside what the user may see), then the capability at the record's place (403 where read-only).
The public listing and the employers' own registration are in shiliu.jobs.views_public.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import filters_of, paginate, posted, save_form
from shiliu.jobs import seeking, selectors, services
from shiliu.jobs.choices import EmployerStatus, Language, PostingStatus, Skill, labels_of
from shiliu.jobs.forms import (
    EmployerEditForm,
    EmployerFilterForm,
    EmployerForm,
    FiguresForm,
    OutcomeForm,
    PlacementForm,
    PostingFilterForm,
    PostingForm,
    ReasonForm,
    ReferralForm,
    SeekerFilterForm,
    SeekerForm,
)
from shiliu.people.masking import mask_phone

FORM = "jobs/form.html"


@require_GET
@access_rule(Cap.JOB_VIEW)
def home(request):
    user = request.user
    today = timezone.localdate()
    return render(request, "jobs/home.html", {
        "open_postings": selectors.posting_list(user, status="open").count(),
        "to_verify": (selectors.employer_list(user, status=EmployerStatus.REGISTERED).count()
                      if holds(user, Cap.JOB_VERIFY) else None),
        "to_approve": list(selectors.awaiting_approval(user)[:10]) if holds(user, Cap.JOB_VERIFY) else None,
        "seekers": selectors.seeker_list(user, status="looking").count(),
        "placed_this_year": selectors.helped_into_work(user, date_from=today.replace(month=1, day=1))[1],
        "can_edit": holds(user, Cap.JOB_EDIT),
    })


def _refused(form, exc) -> None:
    add_service_errors(form, exc)


# --- employers ----------------------------------------------------------------------------------

@require_GET
@access_rule(Cap.JOB_VIEW)
def employers(request):
    form = EmployerFilterForm(request.GET or None, user=request.user)
    return render(request, "jobs/employers.html", {
        "form": form, "page": paginate(request, selectors.employer_list(request.user, **filters_of(form))),
        "can_create": holds(request.user, Cap.JOB_EDIT),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def employer_new(request):
    form = EmployerForm(posted(request), user=request.user)
    return save_form(request, form, lambda f: services.employer_register(by=request.user, **f.service_arguments()),
                     success=_("The employer was registered."), template=FORM,
                     context={"title": _("Register an employer"), "back": "jobs:employers"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def employer_edit(request, pk: int):
    employer = selectors.for_edit(selectors.employer_get(request.user, pk), request.user)
    audit_read(by=request.user, action="jobs.employer.edit_view", target=employer, subject_id=None,
               category="contact")
    phone = employer.contact_phone
    initial = {"name": employer.name, "address": employer.address, "place": employer.place_id,
               "contact_name": employer.contact_name, "contact_phone": phone[3:] if phone.startswith("+86") else phone,
               "version": employer.version}
    form = EmployerEditForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: services.employer_update(
        employer=employer, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template=FORM,
        context={"title": _("Edit %(title)s") % {"title": employer.name}, "back_object": employer})


def _employer_page(request, employer, *, reject_form=None, status=200):
    user = request.user
    audit_read(by=user, action="jobs.employer.view", target=employer, subject_id=None, category="contact")
    return render(request, "jobs/employer_detail.html", {
        "employer": employer, "phone": mask_phone(employer.contact_phone),
        "can_verify": can(user, Cap.JOB_VERIFY, employer.place) and employer.status != EmployerStatus.VERIFIED,
        "reject_form": reject_form or ReasonForm(initial={"version": employer.version}),
        "postings": list(selectors.posting_list(user, employer=employer)[:20]),
        "can_post": can(user, Cap.JOB_EDIT, employer.place) and employer.status == EmployerStatus.VERIFIED,
        "can_edit": can(user, Cap.JOB_EDIT, employer.place),
    }, status=status)


@require_GET
@access_rule(Cap.JOB_VIEW)
def employer_detail(request, pk: int):
    return _employer_page(request, selectors.employer_get(request.user, pk))


@require_POST
@access_rule(Cap.JOB_VERIFY)
def employer_decide(request, pk: int, decision: str):
    if decision not in ("verify", "reject"):
        raise Http404()
    employer = selectors.for_edit(selectors.employer_get(request.user, pk), request.user, Cap.JOB_VERIFY)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            if decision == "verify":
                services.employer_verify(employer=employer, by=request.user, version=form.cleaned_data["version"])
                messages.success(request, _("The employer is verified."))
            else:
                services.employer_reject(employer=employer, by=request.user, version=form.cleaned_data["version"],
                                         reason=form.cleaned_data["reason"])
                messages.success(request, _("The employer was rejected."))
        except (ValidationError, StaleVersion) as exc:
            _refused(form, exc)
        else:
            return redirect(employer)
    return _employer_page(request, employer, reject_form=form, status=422)


# --- postings -----------------------------------------------------------------------------------

@require_GET
@access_rule(Cap.JOB_VIEW)
def postings(request):
    form = PostingFilterForm(request.GET or None, user=request.user)
    return render(request, "jobs/postings.html", {
        "form": form, "page": paginate(request, selectors.posting_list(request.user, **filters_of(form))),
        "can_create": holds(request.user, Cap.JOB_EDIT), "today": timezone.localdate(),
    })


def _posting_arguments(form) -> dict:
    data = form.service_arguments()
    data.pop("employer", None)
    return data


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def posting_new(request):
    employers_qs = selectors.employers_to_post_for(request.user)
    initial = {}
    chosen = request.GET.get("employer", "")
    if chosen.isdigit():
        initial["employer"] = int(chosen)
    form = PostingForm(posted(request), initial=initial, user=request.user, employers=employers_qs)

    def create(f):
        employer = f.cleaned_data.get("employer")
        if employer is None:
            raise ValidationError({"employer": [_("Choose a verified employer.")]})
        return services.posting_create(by=request.user, employer=employer, **_posting_arguments(f))

    return save_form(request, form, create, success=_("The posting was saved as a draft."), template=FORM,
                     context={"title": _("New job posting"), "back": "jobs:postings"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def posting_edit(request, pk: int):
    posting = selectors.for_edit(selectors.posting_get(request.user, pk), request.user)
    initial = {f: getattr(posting, f) for f in services.POSTING_FIELDS}
    initial.update(place=posting.place_id, skills=posting.skill_codes, languages=posting.language_codes,
                   version=posting.version)
    form = PostingForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: services.posting_update(
        posting=posting, by=request.user, version=f.cleaned_data["version"] or 0, **_posting_arguments(f)),
        success=_("The changes were saved."), template=FORM,
        context={"title": _("Edit %(title)s") % {"title": posting.title}, "back_object": posting})


def _posting_page(request, posting, *, reject_form=None, status=200):
    user = request.user
    may_edit = can(user, Cap.JOB_EDIT, posting.place)
    matches = selectors.suggested_seekers(user, posting) if may_edit and posting.status == "approved" else []
    if matches:
        audit_list_read(by=user, action="jobs.seeker.suggest", model_label="jobs.jobseeker",
                        ids=[s.pk for s, _m in matches], category="contact")
    may_decide = (can(user, Cap.JOB_VERIFY, posting.place) and posting.created_by_id != user.pk
                  and posting.status == PostingStatus.SUBMITTED)
    return render(request, "jobs/posting_detail.html", {
        "posting": posting, "skills": labels_of(Skill, posting.skills),
        "languages": labels_of(Language, posting.languages), "may_edit": may_edit, "may_decide": may_decide,
        "reject_form": reject_form or ReasonForm(initial={"version": posting.version}),
        "matches": matches, "today": timezone.localdate(),
        "referrals": list(selectors.referral_list(user, posting=posting)[:50]) if may_edit else [],
    }, status=status)


@require_GET
@access_rule(Cap.JOB_VIEW)
def posting_detail(request, pk: int):
    return _posting_page(request, selectors.posting_get(request.user, pk))


@require_POST
@access_rule(Cap.JOB_VIEW)
def posting_action(request, pk: int, action: str):
    if action not in services.TRANSITIONS:
        raise Http404()
    posting = selectors.posting_get(request.user, pk)
    selectors.for_edit(posting, request.user, services.TRANSITIONS[action][2])
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.posting_transition(posting=posting, by=request.user, version=form.cleaned_data["version"],
                                        action=action, reason=form.cleaned_data["reason"])
        except (ValidationError, StaleVersion) as exc:
            _refused(form, exc)
        else:
            messages.success(request, {"submit": _("The posting was sent for approval."),
                                       "approve": _("The posting is approved and shown publicly."),
                                       "reject": _("The posting was rejected."),
                                       "close": _("The posting is closed.")}[action])
            return redirect(posting)
    if not form.errors:
        form.add_error(None, _("The page was out of date; please try again."))
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _posting_page(request, posting, reject_form=form, status=422)


# --- seekers ------------------------------------------------------------------------------------

@require_GET
@access_rule(Cap.JOB_VIEW)
def seekers(request):
    form = SeekerFilterForm(request.GET or None, user=request.user)
    page = paginate(request, selectors.seeker_list(request.user, **filters_of(form)))
    rows = [{"seeker": s, "phone": mask_phone(s.phone), "skills": labels_of(Skill, s.skills)}
            for s in page.object_list]
    audit_list_read(by=request.user, action="jobs.seeker.list", model_label="jobs.jobseeker",
                    ids=[r["seeker"].pk for r in rows], category="contact")
    return render(request, "jobs/seekers.html", {"form": form, "page": page, "rows": rows,
                                                 "can_create": holds(request.user, Cap.JOB_EDIT)})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def seeker_new(request):
    form = SeekerForm(posted(request), user=request.user, new=True)
    return save_form(request, form, lambda f: seeking.seeker_create(by=request.user, **f.service_arguments()),
                     success=_("The seeker's profile was saved."), template=FORM,
                     context={"title": _("New job seeker"), "back": "jobs:seekers"})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.JOB_EDIT)
def seeker_edit(request, pk: int):
    seeker = selectors.for_edit(selectors.seeker_get(request.user, pk), request.user)
    audit_read(by=request.user, action="jobs.seeker.edit_view", target=seeker, subject_id=seeker.resident_id,
               category="contact")
    initial = {"name": seeker.name, "phone": seeker.phone[3:] if seeker.phone.startswith("+86") else seeker.phone,
               "place": seeker.place_id, "languages": seeker.language_codes, "skills": seeker.skill_codes,
               "skills_other": seeker.skills_other, "wished_place": seeker.wished_place_id,
               "wished_pay_min": seeker.wished_pay_min, "wished_pay_max": seeker.wished_pay_max,
               "availability": seeker.availability, "status": seeker.status, "consent": seeker.consent,
               "version": seeker.version}
    form = SeekerForm(posted(request), initial=initial, user=request.user)
    return save_form(request, form, lambda f: seeking.seeker_update(
        seeker=seeker, by=request.user, version=f.cleaned_data["version"] or 0, **f.service_arguments()),
        success=_("The changes were saved."), template=FORM,
        context={"title": _("Edit the profile of %(name)s") % {"name": seeker.name}, "back_object": seeker})


def _placement_form(request, seeker, data=None):
    user = request.user
    referred = selectors.referral_list(user, seeker=seeker)
    postings = [(r.posting_id, f"{r.posting.title} · {r.posting.employer.name}") for r in referred]
    return PlacementForm(data, employers=selectors.employers_to_place_with(user), postings=postings)


def _seeker_page(request, seeker, *, placement_form=None, status=200):
    user = request.user
    audit_read(by=user, action="jobs.seeker.view", target=seeker, subject_id=seeker.resident_id, category="contact")
    may_edit = can(user, Cap.JOB_EDIT, seeker.place)
    referrals = list(selectors.referral_list(user, seeker=seeker))
    referred = {r.posting_id for r in referrals}
    matches = selectors.suggested_postings(user, seeker) if seeker.consent else []
    return render(request, "jobs/seeker_detail.html", {
        "seeker": seeker, "phone": mask_phone(seeker.phone), "may_edit": may_edit,
        "skills": labels_of(Skill, seeker.skills), "languages": labels_of(Language, seeker.languages),
        "matches": [(p, m, p.pk in referred) for p, m in matches],
        "referrals": [(r, OutcomeForm(initial={"outcome": r.outcome, "version": r.version})) for r in referrals],
        "placements": list(selectors.placement_list(user, seeker=seeker)),
        "placement_form": placement_form or (_placement_form(request, seeker) if may_edit else None),
    }, status=status)


@require_GET
@access_rule(Cap.JOB_VIEW)
def seeker_detail(request, pk: int):
    return _seeker_page(request, selectors.seeker_get(request.user, pk))


@require_POST
@access_rule(Cap.JOB_EDIT)
def seeker_refer(request, pk: int):
    seeker = selectors.for_edit(selectors.seeker_get(request.user, pk), request.user)
    form = ReferralForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"posting": [_("Choose an approved posting that is still open.")]})
        posting = selectors.posting_get(request.user, form.cleaned_data["posting"])
        seeking.referral_create(seeker=seeker, posting=posting, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The referral was recorded."))
    return redirect(seeker)


@require_POST
@access_rule(Cap.JOB_EDIT)
def referral_outcome(request, pk: int):
    referral = selectors.for_edit(selectors.referral_get(request.user, pk), request.user)
    form = OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the listed outcomes."))
        seeking.referral_outcome(referral=referral, by=request.user, version=form.cleaned_data["version"],
                                  outcome=form.cleaned_data["outcome"])
    except (ValidationError, StaleVersion) as exc:
        messages.error(request, exc.message if isinstance(exc, StaleVersion) else " ".join(exc.messages))
    else:
        messages.success(request, _("The outcome was saved."))
    return redirect(referral.seeker)


@require_POST
@access_rule(Cap.JOB_EDIT)
def placement_new(request, pk: int):
    seeker = selectors.for_edit(selectors.seeker_get(request.user, pk), request.user)
    form = _placement_form(request, seeker, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        posting = None
        if data["posting"]:
            posting = selectors.posting_get(request.user, data["posting"])
        employer = data["employer"]
        try:
            if employer is None:
                raise ValidationError({"employer": [_("Choose a verified employer.")]})
            seeking.placement_record(seeker=seeker, employer=employer, posting=posting, by=request.user,
                                      start_date=data["start_date"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The placement was recorded."))
            return redirect(seeker)
    return _seeker_page(request, seeker, placement_form=form, status=422)


# --- figures ------------------------------------------------------------------------------------

@require_GET
@access_rule(Cap.JOB_VIEW)
def figures(request):
    form = FiguresForm(request.GET or None, user=request.user)
    rows, people, placements = selectors.helped_into_work(request.user, **filters_of(form))
    return render(request, "jobs/figures.html", {"form": form, "rows": rows, "people": people,
                                                 "placements": placements})

