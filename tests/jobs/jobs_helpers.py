"""Shared data for the job-market tests: verified employers and open postings in 大碶 and 新碶,
seekers kept by the worker of 谢墅社区 and by the worker of 大港社区."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from shiliu.jobs import seeking, services
from shiliu.jobs.demo import credit_code

PHONE = "13812345678"
PHONE_MASKED = "138****5678"


# Pages that write an audit record of a list read were measured one query lower on PostgreSQL
# than on SQLite; their pinned counts say so instead of hiding the difference.
PG = 1 if connection.vendor == "postgresql" else 0


def audit_queries() -> int:
    """Queries of one audit append inside a test's transaction (PostgreSQL: one statement)."""
    return 1 if connection.vendor == "postgresql" else 2


def make_employer(by, place, *, serial: int = 1, name: str = "大碶示范模具厂", verify_by=None):
    employer = services.employer_register(by=by, name=name, credit_code=credit_code(serial), address="示范路 1 号",
                                          place=place, contact_name="周经理", contact_phone="13900002101")
    if verify_by is not None:
        employer = services.employer_verify(employer=employer, by=verify_by, version=employer.version)
    return employer


def posting_fields(place, **overrides) -> dict:
    fields = dict(title="模具车间普工", place=place, pay_min=5500, pay_max=7500, skills=["assembly"],
                  languages=["mandarin"], meals=True, housing=True, openings=5,
                  expires_on=timezone.localdate() + timedelta(days=30))
    fields.update(overrides)
    return fields


def make_posting(employer, author, place, *, approver=None, **overrides):
    posting = services.posting_create(by=author, employer=employer, **posting_fields(place, **overrides))
    if approver is not None:
        posting = services.posting_transition(posting=posting, by=author, version=posting.version, action="submit")
        posting = services.posting_transition(posting=posting, by=approver, version=posting.version,
                                              action="approve")
    return posting


def make_seeker(by, place, **overrides):
    fields = dict(name="艾力", phone=PHONE, place=place, languages=["mandarin", "uyghur"], skills=["assembly"],
                  wished_pay_min=5000, wished_pay_max=8000, consent=True)
    fields.update(overrides)
    return seeking.seeker_create(by=by, **fields)


def make_officer(username: str, place):
    """A subdistrict officer elsewhere (the shared personas have one officer, of 大碶)."""
    from shiliu.accounts.models import Role, User
    from shiliu.accounts.services import password_set, role_grant

    user = User.objects.create(username=username, display_name=username)
    password_set(user=user, raw="Correct-Horse-42", by=user)
    role_grant(user=user, role=Role.SUBDISTRICT_OFFICER, place=place, by=None)
    return user
