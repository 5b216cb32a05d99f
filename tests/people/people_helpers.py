"""Shared data for the people tests: numbers, query budgets and three residents."""

from datetime import date

from django.db import connection
from stdnum.cn import ric

from shiliu.people.models import Resident
from shiliu.people.services import resident_create

PASSWORD = "Correct-Horse-42"  # the personas' password (tests/conftest.py)
PHONE = "13812345678"
PHONE_MASKED = "138****5678"
ID_NUMBER = "33020619880509123X"  # Beilun area code, check digit X
ID_MASKED = "330206********123X"
ID_BORN = date(1988, 5, 9)


def make_id(area: str = "330206", born: str = "19900517", seq: str = "123") -> str:
    body = area + born + seq
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def audit_queries() -> int:
    """Queries one audit append costs: last hash, insert (PostgreSQL: one statement). Inside the
    service's transaction it takes no savepoint of its own."""
    return 1 if connection.vendor == "postgresql" else 2


# Every signed-in page: session, user, roles (last_seen is written at most once a minute, not on each page).
PAGE_BASE_QUERIES = 3


class Residents:
    def __init__(self, tree, people):
        self.xieshu = resident_create(
            by=people.worker, name="阿依古丽", place=tree.xieshu, basis="asked", phone=PHONE, id_number=ID_NUMBER,
            gender="female", birth_date=ID_BORN, languages=["ug", "zh"], ethnicity="05",
            consent_given_by="本人")
        self.jiufeng = resident_create(by=people.officer, name="马明", place=tree.jiufeng, basis="joined",
                                       phone="13900001111", id_number=make_id(born="19850101"))
        self.dagang = resident_create(by=people.other_worker, name="扎西", place=tree.dagang, basis="received",
                                      phone="13700002222", id_number=make_id(born="19950303"))

    def refresh(self):
        for name in ("xieshu", "jiufeng", "dagang"):
            setattr(self, name, Resident.objects.get(pk=getattr(self, name).pk))
