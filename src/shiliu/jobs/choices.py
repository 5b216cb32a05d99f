"""Choices of the job market: employers, postings, seekers, referrals.

Languages are spoken languages a job uses or a seeker speaks: an attribute of work, never a
proxy for anyone's ethnicity (SECURITY.md A2, D4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EmployerStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("employer", "Registered")
    VERIFIED = "verified", pgettext_lazy("employer", "Verified")
    REJECTED = "rejected", pgettext_lazy("employer", "Rejected")


class EmployerSource(models.TextChoices):
    STAFF = "staff", _("Registered by staff")
    PUBLIC = "public", _("Registered online")


class PostingSource(models.TextChoices):
    STAFF = "staff", _("Posted by staff")
    EMPLOYER = "employer", _("Posted by the employer")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("posting", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("posting", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("posting", "Approved")
    REJECTED = "rejected", pgettext_lazy("posting", "Rejected")
    CLOSED = "closed", pgettext_lazy("posting", "Closed")


class PayPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    DAY = "day", _("per day")
    HOUR = "hour", _("per hour")


# Working hours in a month, to compare pay of different periods (docs/decisions/0019).
MONTHLY_FACTOR: dict[str, float] = {PayPeriod.MONTH: 1.0, PayPeriod.DAY: 21.75, PayPeriod.HOUR: 174.0}


class Language(models.TextChoices):
    MANDARIN = "mandarin", _("Mandarin")
    UYGHUR = "uyghur", _("Uyghur")
    TIBETAN = "tibetan", _("Tibetan")
    KAZAKH = "kazakh", _("Kazakh")
    MONGOLIAN = "mongolian", _("Mongolian")
    KYRGYZ = "kyrgyz", _("Kyrgyz")
    YI = "yi", _("Yi")
    ZHUANG = "zhuang", _("Zhuang")
    ENGLISH = "english", _("English")


class Skill(models.TextChoices):
    ASSEMBLY = "assembly", _("Assembly line work")
    WAREHOUSE = "warehouse", _("Warehouse and sorting")
    FORKLIFT = "forklift", _("Forklift driving")
    DRIVING = "driving", _("Driving")
    DELIVERY = "delivery", _("Delivery")
    COOKING = "cooking", _("Cooking")
    KITCHEN = "kitchen", _("Kitchen help")
    SERVICE = "service", _("Waiting on tables")
    CASHIER = "cashier", _("Cashier")
    SALES = "sales", _("Sales")
    CLEANING = "cleaning", _("Cleaning")
    SECURITY = "security", _("Security guard")
    SEWING = "sewing", _("Sewing")
    WELDING = "welding", _("Welding")
    ELECTRICIAN = "electrician", _("Electrical work")
    CONSTRUCTION = "construction", _("Construction")
    CARE = "care", _("Care work")
    OFFICE = "office", _("Office work")


class Availability(models.TextChoices):
    NOW = "now", _("At once")
    TWO_WEEKS = "two_weeks", _("Within two weeks")
    LATER = "later", _("Later")


class SeekerStatus(models.TextChoices):
    LOOKING = "looking", _("Looking for work")
    PLACED = "placed", _("In work")
    PAUSED = "paused", _("Not looking for now")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", pgettext_lazy("referral", "Pending")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    NOT_HIRED = "not_hired", _("Not hired")


def codes_text(codes) -> str:
    """A set of codes as stored: ",a,b," (filtered with ``contains``, the same on every database)."""
    codes = sorted({c for c in codes if c})
    return f",{','.join(codes)}," if codes else ""


def codes_of(text: str) -> list[str]:
    return [c for c in (text or "").split(",") if c]


def labels_of(choices, text: str) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(c, c)) for c in codes_of(text)]
