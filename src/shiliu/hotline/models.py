"""Calls to the hotline: what the phone system reported and what the operator did with them.

A call belongs to the hotline's place (where the operator who takes it works), and is seen by
those who hold ``hotline.take`` over that place. The caller's number is encrypted; its blind
index is the residents' one (``shiliu.people.services.phone_index``), so one lookup finds a
number's earlier calls, work orders and resident records alike. A call whose number was
hidden or could not be read has neither.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.hotline.choices import CallEventKind, CallState, Outcome

SUMMARY_MAX = 500
EXTERNAL_ID_MAX = 100
RECORDING_REF_MAX = 200


class Call(models.Model):
    # The phone system's own id of the call, unique per phone system (source).
    external_id = models.CharField(_("call id"), max_length=EXTERNAL_ID_MAX)
    source = models.CharField(_("phone system"), max_length=60)
    caller_phone = EncryptedTextField(_("caller's number"), blank=True)
    caller_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("hotline"))
    state = models.CharField(_("state"), max_length=10, choices=CallState.choices, default=CallState.RINGING)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("operator"))
    # The extension that answered, as the phone system named it (when no account matched it).
    extension = models.CharField(_("extension"), max_length=30, blank=True)
    started_at = models.DateTimeField(_("started at"), db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # A reference to the recording in the phone system (a file id); never the audio itself.
    recording_ref = models.CharField(_("recording"), max_length=RECORDING_REF_MAX, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True, default="")
    category = models.ForeignKey("workorders.Category", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("category"))
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    order = models.ForeignKey("workorders.WorkOrder", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="calls", verbose_name=_("work order"))
    # The knowledge-base articles the operator answered from.
    articles = models.ManyToManyField("knowledge.Article", blank=True, related_name="+",
                                      verbose_name=_("articles used"))
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    logged_at = models.DateTimeField(_("logged at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="call_once_per_source")]
        indexes = [models.Index(fields=["state", "started_at"], name="call_state_started")]

    def __str__(self) -> str:
        return f"call #{self.pk}"

    @property
    def hidden_number(self) -> bool:
        return not self.caller_phone

    @property
    def is_logged(self) -> bool:
        return bool(self.outcome)


class CallEvent(models.Model):
    """One event a phone system reported, once: a repeat of (call, kind) changes nothing."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=CallEventKind.choices)
    at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="call_event_once")]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%Y-%m-%d %H:%M:%S}"
