"""What every page form shares: a service's refusal shown next to the fields it names."""

from django import forms
from django.core.exceptions import ValidationError

from shiliu.core.concurrency import StaleVersion


def add_service_errors(form: forms.Form, exc: ValidationError | StaleVersion, *,
                       field_map: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError next to each field it names (others on top of the
    form), or a stale-version refusal on top (SECURITY.md H2). ``field_map`` renames a
    service's field to the form's, where the two differ."""
    if isinstance(exc, StaleVersion):
        form.add_error(None, StaleVersion.message)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    field_map = field_map or {}
    for name, messages in exc.message_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, messages)
