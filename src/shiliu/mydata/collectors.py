"""The protocol by which each app tells a resident what it holds about their phone number, and
erases what the law lets it erase.

An app that holds data found by a resident's phone keeps a module ``shiliu.<app>.mydata`` with::

    LABEL = "activities"                            # the app, as a stable key
    def holdings(phone: str) -> list[Section]: ...  # phone in E.164 form
    def erase(phone: str) -> Outcome: ...           # optional

``holdings`` returns only rows about that number (by its blind index where the app keeps one),
each as plain (label, value) pairs — never a record of another person, never ethnicity or
religion. ``erase`` runs inside the caller's transaction: it erases or anonymises what may go,
and says what it kept and on which legal ground; it must not commit or swallow an error, so one
failing collector undoes them all (the district office then sees nothing was erased).

Modules are found the way ``<app>/demo.py`` and ``<app>/tasks.py`` are: by importing
``shiliu.<app>.mydata`` for every app package.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.utils.functional import Promise

Text = str | Promise  # a plain or lazy (translatable) string


@dataclass
class Section:
    """What one app holds: a title and rows, each a list of (label, value) pairs."""

    app: str
    title: Text
    rows: list[list[tuple[Any, Any]]] = field(default_factory=list)  # (label, value)
    note: Text = ""

    def as_data(self) -> dict:
        """Plain JSON-able data in the active language."""
        return {"app": self.app, "title": str(self.title), "note": str(self.note),
                "rows": [{str(label): _plain(value) for label, value in row} for row in self.rows]}


@dataclass
class Kept:
    what: Text  # "2 work orders"
    reason: Text  # why it is kept, with its legal ground

    def as_data(self) -> dict:
        return {"what": str(self.what), "reason": str(self.reason)}


@dataclass
class Outcome:
    """What one app's ``erase`` did."""

    app: str
    title: Text
    erased: list[Text] = field(default_factory=list)  # "3 activity registrations anonymised"
    kept: list[Kept] = field(default_factory=list)

    def as_data(self) -> dict:
        return {"app": self.app, "title": str(self.title), "erased": [str(e) for e in self.erased],
                "kept": [k.as_data() for k in self.kept]}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def collector_modules() -> list[ModuleType]:
    """Every ``shiliu.<app>.mydata`` module, by app name."""
    import shiliu

    found = []
    for module in sorted(pkgutil.iter_modules(shiliu.__path__), key=lambda m: m.name):
        if not module.ispkg or module.name == "mydata":
            continue
        name = f"shiliu.{module.name}.mydata"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return found


def holdings(phone: str) -> list[Section]:
    """What every app holds about ``phone``: non-empty sections only."""
    sections: list[Section] = []
    for module in collector_modules():
        sections += [s for s in module.holdings(phone) if s.rows]
    return sections


def erase_all(phone: str) -> list[Outcome]:
    """Run every collector's ``erase``. Call inside a transaction: an error in one undoes all."""
    return [module.erase(phone) for module in collector_modules() if hasattr(module, "erase")]
