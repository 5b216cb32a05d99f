"""The texts of notifications, registered by code and rendered in a language on demand.

An app registers its messages once, at import time, in ``shiliu/<app>/notifications.py``
(notify imports that module of every app at start-up, as Django's admin does with
``admin.py``), with lazy strings so each language reads its own catalog::

    from django.utils.translation import gettext_lazy as _
    from shiliu.notify.messages import register

    register("workorders.dispatched",
             subject=_("Work order %(number)s is yours"),
             body=_("%(category)s, due %(due)s."))

A parameter may be one value for all languages, or a dict by language
(``{"zh-hans": "谢墅社区", "en": "Xieshu Community"}``); the reader's language is chosen,
then Chinese, then whatever is there. Keep names of residents out of the parameters:
an order's number or tracking code says enough, and the outbox keeps parameters in clear.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


@dataclass(frozen=True)
class Message:
    subject: Any  # a lazy string
    body: Any


_registry: dict[str, Message] = {}


def register(code: str, *, subject, body) -> None:
    """Make ``code`` known. Codes are "<app>.<event>"; registering a code again replaces it."""
    if not CODE.match(code) or len(code) > 100:
        raise ValueError(f"a message code is '<app>.<event>' in lower case, at most 100 characters: {code!r}")
    _registry[code] = Message(subject=subject, body=body)


def is_registered(code: str) -> bool:
    return code in _registry


def _param(value, language: str):
    if isinstance(value, dict):
        for choice in (language, settings.LANGUAGE_CODE):
            if choice in value:
                return value[choice]
        return next(iter(value.values()), "")
    return value


def localized_params(params: dict, language: str) -> dict:
    return {name: _param(value, language) for name, value in (params or {}).items()}


def render(code: str, params: dict, language: str) -> tuple[str, str]:
    """(subject, body) of message ``code`` in ``language``.

    Raises LookupError for an unknown code and KeyError for a parameter the text names but
    ``params`` lacks: both are mistakes of the caller, found when the message is written.
    """
    try:
        message = _registry[code]
    except KeyError:
        raise LookupError(f"no notification message is registered as {code!r}") from None
    values = localized_params(params, language)
    with translation.override(language):
        subject = str(message.subject) % values
        body = str(message.body) % values
    return " ".join(subject.split()), body
