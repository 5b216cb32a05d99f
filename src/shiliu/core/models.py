from django.db import models


class KeyCheck(models.Model):
    """One encrypted known value: proves at start-up that SHILIU_FIELD_KEY opens this database."""

    token = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"key check {self.pk}"
