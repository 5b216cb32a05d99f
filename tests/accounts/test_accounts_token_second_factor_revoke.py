"""Tokens that a new second factor or a 2FA role makes unusable are revoked, not left listed as usable."""

from shiliu.accounts.models import ApiToken, Role
from shiliu.accounts.services import backup_codes_issue, role_grant, token_issue


def test_setting_up_backup_codes_revokes_tokens_issued_without_a_second_factor(people):
    plain, _ = token_issue(user=people.worker)
    codes = backup_codes_issue(user=people.worker)
    assert codes
    plain.refresh_from_db()
    assert plain.revoked_at is not None


def test_tokens_issued_after_a_second_factor_stay(people):
    backup_codes_issue(user=people.worker)
    strong, _ = token_issue(user=people.worker, second_factor=True)
    backup_codes_issue(user=people.worker)  # new codes again
    strong.refresh_from_db()
    assert strong.revoked_at is None


def test_granting_a_role_that_needs_2fa_revokes_plain_tokens(people, tree):
    plain, _ = token_issue(user=people.liaison)
    role_grant(user=people.liaison, role=Role.DISTRICT_ADMIN, place=tree.district, by=None)
    assert ApiToken.objects.get(pk=plain.pk).revoked_at is not None
