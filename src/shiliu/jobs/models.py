"""The job market (网上就业超市): employers, their job postings, job seekers kept by workers,
referrals of a seeker to a posting, and placements ("people helped into work").

Scope is decided by place: an employer, a posting, a seeker stands at a place of the tree;
referrals and placements take the seeker's place. An approved posting that has not expired is
public (the public listing); nothing about a seeker ever is.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.jobs.choices import (
    Availability,
    EmployerSource,
    EmployerStatus,
    PayPeriod,
    PostingSource,
    PostingStatus,
    ReferralOutcome,
    SeekerStatus,
    codes_of,
)

NAME_MAX = 100
TEXT_MAX = 2000
SHORT_MAX = 200
CODES_MAX = 400


class Employer(models.Model):
    name = models.CharField(_("name of the employer"), max_length=NAME_MAX)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    address = models.CharField(_("address"), max_length=SHORT_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    contact_name = EncryptedTextField(_("contact person"))
    contact_phone = EncryptedTextField(_("contact phone"))
    # keyed blind index of the contact phone: the contact signs in to the employers' desk with a
    # one-time code sent to this number and sees only the employers that carry it
    contact_phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=EmployerStatus.choices,
                              default=EmployerStatus.REGISTERED)
    reject_reason = models.CharField(_("reason"), max_length=SHORT_MAX * 3, blank=True)
    source = models.CharField(_("registered"), max_length=8, choices=EmployerSource.choices,
                              default=EmployerSource.STAFF)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status"], name="job_employer_status")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jobs:employer", args=[self.pk])


class JobPosting(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="postings")
    title = models.CharField(_("title"), max_length=NAME_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    pay_min = models.PositiveIntegerField(_("lowest pay (yuan)"))
    pay_max = models.PositiveIntegerField(_("highest pay (yuan)"))
    pay_period = models.CharField(_("pay period"), max_length=8, choices=PayPeriod.choices, default=PayPeriod.MONTH)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    work_location = models.CharField(_("where the work is"), max_length=SHORT_MAX, blank=True)
    hours = models.CharField(_("working hours"), max_length=SHORT_MAX, blank=True)
    requirements = models.TextField(_("requirements"), max_length=TEXT_MAX, blank=True)
    skills = models.CharField(_("skills sought"), max_length=CODES_MAX, blank=True)
    languages = models.CharField(_("languages used at work"), max_length=CODES_MAX, blank=True)
    meals = models.BooleanField(_("meals provided"), default=False)
    housing = models.BooleanField(_("housing provided"), default=False)
    halal_meals = models.BooleanField(_("halal meals available"), default=False)
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    expires_on = models.DateField(_("open until"))
    status = models.CharField(_("status"), max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT)
    reject_reason = models.CharField(_("reason"), max_length=SHORT_MAX * 3, blank=True)
    # staff who wrote it; empty when the employer's contact posted it on the employers' desk
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    source = models.CharField(_("posted"), max_length=8, choices=PostingSource.choices, default=PostingSource.STAFF)
    # the desk's form key or the API's Idempotency-Key: a double submit is one posting
    form_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "expires_on"], name="job_posting_open")]
        constraints = [models.UniqueConstraint(fields=["employer", "form_key"], condition=~models.Q(form_key=""),
                                               name="job_posting_form_key")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:posting", args=[self.pk])

    @property
    def skill_codes(self) -> list[str]:
        return codes_of(self.skills)

    @property
    def language_codes(self) -> list[str]:
        return codes_of(self.languages)


class JobSeeker(models.Model):
    """A profile a worker keeps on a seeker's behalf, or the resident keeps on the portal with a
    verified phone. Never ethnicity or religion (A2, D4)."""

    name = models.CharField(_("name"), max_length=60)
    phone = EncryptedTextField(_("phone"), blank=True)
    # keyed blind index of the phone, so a resident's data page finds their profile (shiliu.mydata)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    resident = models.ForeignKey("people.Resident", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    languages = models.CharField(_("languages spoken"), max_length=CODES_MAX, blank=True)
    skills = models.CharField(_("skills"), max_length=CODES_MAX, blank=True)
    skills_other = models.CharField(_("other skills"), max_length=SHORT_MAX, blank=True)
    wished_place = models.ForeignKey("places.Place", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("wished place of work"))
    wished_pay_min = models.PositiveIntegerField(_("lowest wished pay (yuan a month)"), null=True, blank=True)
    wished_pay_max = models.PositiveIntegerField(_("highest wished pay (yuan a month)"), null=True, blank=True)
    availability = models.CharField(_("available"), max_length=10, choices=Availability.choices,
                                    default=Availability.NOW)
    consent = models.BooleanField(_("agrees to be matched and contacted"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=SeekerStatus.choices, default=SeekerStatus.LOOKING)
    # the worker who recorded it; empty when the resident made the profile on the portal
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"job seeker #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:seeker", args=[self.pk])

    @property
    def skill_codes(self) -> list[str]:
        return codes_of(self.skills)

    @property
    def language_codes(self) -> list[str]:
        return codes_of(self.languages)


class Referral(models.Model):
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="referrals")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="referrals")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReferralOutcome.choices,
                               default=ReferralOutcome.PENDING)
    note = models.CharField(_("note"), max_length=SHORT_MAX * 2, blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-referred_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "posting"], name="job_referral_once")]

    def __str__(self) -> str:
        return f"referral #{self.pk}"


class Placement(models.Model):
    """A seeker who started work: the source of "people helped into work"."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="placements")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="placements")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("start date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "employer", "start_date"],
                                               name="job_placement_once")]
        indexes = [models.Index(fields=["start_date"], name="job_placement_start")]

    def __str__(self) -> str:
        return f"placement #{self.pk}"
