"""One-time codes: 6 digits, 5 minutes, 5 tries, 3 sends per number per hour, stored hashed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from portal_helpers import E164, PHONE, last_code

from shiliu.portal import otp
from shiliu.portal.models import OneTimeCode

pytestmark = pytest.mark.django_db


def test_a_code_is_six_digits_sent_by_sms_and_only_its_hash_is_kept():
    row = otp.code_send(phone=PHONE, address="10.0.0.1")
    code = last_code()
    assert len(code) == 6 and code.isdigit()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert row.expires_at - row.created_at == timedelta(minutes=5)
    assert E164 not in row.phone_index and PHONE not in row.phone_index


def test_the_right_code_verifies_the_number_once():
    otp.code_send(phone=PHONE, address="10.0.0.1")
    code = last_code()
    assert otp.code_verify(phone=PHONE, code=code, address="10.0.0.1") == E164
    with pytest.raises(ValidationError) as e:
        otp.code_verify(phone=PHONE, code=code, address="10.0.0.1")
    assert "code" in e.value.message_dict


def test_a_wrong_code_is_refused_and_counts_a_try():
    otp.code_send(phone=PHONE, address="10.0.0.1")
    wrong = "000000" if last_code() != "000000" else "111111"
    with pytest.raises(ValidationError) as e:
        otp.code_verify(phone=PHONE, code=wrong, address="10.0.0.1")
    assert "4" in e.value.message_dict["code"][0]
    assert OneTimeCode.objects.get().tries == 1


def test_an_expired_code_is_refused():
    otp.code_send(phone=PHONE, address="10.0.0.1", now=timezone.now() - timedelta(minutes=6))
    with pytest.raises(ValidationError) as e:
        otp.code_verify(phone=PHONE, code=last_code(), address="10.0.0.1")
    assert e.value.message_dict["code"] == [_("This code has expired. Ask for a new one.")]


def test_the_sixth_try_is_refused_even_with_the_right_code():
    otp.code_send(phone=PHONE, address="10.0.0.1")
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(5):
        with pytest.raises(ValidationError):
            otp.code_verify(phone=PHONE, code=wrong, address="10.0.0.1")
    with pytest.raises(ValidationError) as e:
        otp.code_verify(phone=PHONE, code=code, address="10.0.0.1")
    assert e.value.message_dict["code"] == [_("Too many wrong tries for this code. Ask for a new one.")]
    assert OneTimeCode.objects.get().used_at is None


def test_the_fourth_send_in_an_hour_is_refused_and_nothing_is_sent():
    for _n in range(3):
        otp.code_send(phone=PHONE, address="10.0.0.1")
    with pytest.raises(otp.TooManyCodes) as e:
        otp.code_send(phone="138 1234 5678", address="10.0.0.2")
    assert 0 < e.value.retry_after <= 3600
    assert OneTimeCode.objects.count() == 3


def test_sends_an_hour_ago_no_longer_count():
    earlier = timezone.now() - timedelta(minutes=61)
    for _n in range(3):
        otp.code_send(phone=PHONE, address="10.0.0.1", now=earlier)
    otp.code_send(phone=PHONE, address="10.0.0.1")
    assert OneTimeCode.objects.count() == 4


def test_one_address_cannot_send_codes_to_many_numbers():
    for n in range(otp.SEND_PER_ADDRESS.count):
        otp.code_send(phone=f"1391234{n:04d}", address="10.0.0.9")
    with pytest.raises(otp.TooManyCodes):
        otp.code_send(phone="13912349999", address="10.0.0.9")


def test_a_new_code_ends_the_earlier_one():
    otp.code_send(phone=PHONE, address="10.0.0.1")
    first = last_code()
    otp.code_send(phone=PHONE, address="10.0.0.1")
    second = last_code()
    if first != second:
        with pytest.raises(ValidationError):
            otp.code_verify(phone=PHONE, code=first, address="10.0.0.1")
    assert otp.code_verify(phone=PHONE, code=second, address="10.0.0.1") == E164


@pytest.mark.parametrize("raw", ["", "12345", "+44 20 7946 0958", "x" * 40])
def test_a_wrong_number_is_refused_next_to_the_field(raw):
    with pytest.raises(ValidationError) as e:
        otp.code_send(phone=raw, address="10.0.0.1")
    assert "phone" in e.value.message_dict
    assert not OneTimeCode.objects.exists()


def test_codes_older_than_a_day_are_forgotten():
    from shiliu.portal.tasks import forget_old_codes

    otp.code_send(phone=PHONE, address="10.0.0.1", now=timezone.now() - timedelta(days=2))
    otp.code_send(phone=PHONE, address="10.0.0.1")
    assert forget_old_codes.call() == 1
    assert OneTimeCode.objects.count() == 1
