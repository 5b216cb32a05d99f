from django.db import models


class BareRow(models.Model):
    at = models.DateTimeField(auto_now_add=True)
    body = models.TextField()

    def __str__(self) -> str:
        return f"row {self.pk}"
