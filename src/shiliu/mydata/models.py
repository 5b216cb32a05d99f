"""A resident's request to correct or delete what Shiliu holds about their phone (SECURITY.md A5).

The resident is known only by the phone they proved with a one-time code on the portal: the
number is kept encrypted (to send the answer by SMS) and as its blind index (to list "my
requests"). The district office handles the requests; there is no place to scope them by.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.mydata.choices import RequestKind, RequestStatus

TEXT_MAX = 2000
ANSWER_MAX = 2000
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone


def new_reference() -> str:
    return "D" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class DataRequest(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference, editable=False)
    phone = EncryptedTextField(_("phone"))
    phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    section = models.CharField(_("about"), max_length=40, blank=True)  # a collector's app label, or "" for all
    text = models.TextField(_("request"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices,
                              default=RequestStatus.RECEIVED)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX, blank=True)
    outcome = models.JSONField(default=list, blank=True)  # what erasure did, per app (no personal data)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    form_key = models.CharField(max_length=64, blank=True, editable=False)  # a resubmitted form is one request
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["form_key"], condition=~Q(form_key=""),
                                               name="datarequest_form_key")]

    def __str__(self) -> str:
        return self.reference
