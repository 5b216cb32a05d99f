"""Keys of the integrations that speak Open311 GeoReport v2 to Shiliu."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Client(models.Model):
    """One civic client (an app, a kiosk, a partner's system). Its key is shown once and stored
    hashed. Its requests are opened by ``account`` (a staff account that cannot sign in) at
    ``place`` or below, and it reads only requests about that subtree. Only a ``trusted``
    client receives a request's description and the requester's name and phone."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    key_prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="open311_client")
    trusted = models.BooleanField(_("trusted integration"), default=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def new_key() -> str:
        return "o311_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
