"""The job market's public pages: no account, readable without JavaScript, no personal data.

The listing and a posting's page show approved, open postings of verified employers — never a
seeker, never an employer's contact person. Anonymous answers may be kept by browsers and proxies
for a few minutes. Employers register themselves on a form that is rate limited per address and
carries a honeypot; nothing personal travels in a URL.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.rules import public
from shiliu.core import ratelimit
from shiliu.core.caching import cacheable
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.net import client_address
from shiliu.core.pages import paginate, posted
from shiliu.jobs import selectors, services
from shiliu.jobs.choices import Language, Skill, labels_of
from shiliu.jobs.forms import PublicEmployerForm, PublicFilterForm

# Registrations per client address: an employer registers once; a shared office network a few times.
EMPLOYER_REGISTRATION = ratelimit.Limit("job-employer-register", 5, 600)
# And per contact phone (its digits hashed, so the cache holds no number): one contact, few employers.
EMPLOYER_REGISTRATION_PHONE = ratelimit.Limit("job-employer-register-phone", 3, 3600)


def _phone_key(raw: str) -> str:
    digits = "".join(c for c in raw if c.isdigit())[-11:]
    return hashlib.sha256(f"jobs-employer:{digits}".encode()).hexdigest()[:32]


@require_GET
@public
@cacheable
def public_list(request):
    form = PublicFilterForm(request.GET or None)
    filters = selectors.PublicFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.PublicFilters(place=data["place"], pay_at_least=data["pay"], language=data["language"],
                                          meals=data["meals"], housing=data["housing"],
                                          halal_meals=data["halal_meals"])
    page = paginate(request, selectors.public_postings(filters))
    language = get_language()
    rows = [{"posting": p, "place": p.place.display_name(language), "languages": labels_of(Language, p.languages)}
            for p in page.object_list]
    return render(request, "jobs/public_list.html", {"form": form, "page": page, "rows": rows})


@require_GET
@public
@cacheable
def public_detail(request, pk: int):
    posting = selectors.public_posting_get(pk)
    return render(request, "jobs/public_detail.html", {
        "posting": posting, "place": posting.place.display_name(get_language()),
        "skills": labels_of(Skill, posting.skills), "languages": labels_of(Language, posting.languages),
    })


@require_http_methods(["GET", "POST"])
@public
def employer_register(request):
    """An employer registers itself; staff verify it before any posting shows."""
    form = PublicEmployerForm(posted(request))
    if request.method == "POST":
        try:
            ratelimit.hit(EMPLOYER_REGISTRATION, client_address(request))
        except ratelimit.RateLimited as exc:
            return too_many_requests(request, exc.retry_after)
        if form.is_bot():
            return redirect("jobs:public_employer_done")  # a bot learns nothing; nothing is stored
        if form.is_valid():
            try:
                ratelimit.hit(EMPLOYER_REGISTRATION_PHONE, _phone_key(form.cleaned_data["contact_phone"]))
            except ratelimit.RateLimited as exc:
                return too_many_requests(request, exc.retry_after)
            try:
                services.employer_register(by=None, **form.service_arguments())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("jobs:public_employer_done")
        return render(request, "jobs/public_employer_register.html", {"form": form}, status=422)
    return render(request, "jobs/public_employer_register.html", {"form": form})


@require_GET
@public
def employer_register_done(request):
    return render(request, "jobs/public_employer_done.html")
