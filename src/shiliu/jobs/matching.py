"""Matching seekers and postings by published rules (docs/decisions/0019-job-matching-rules.md).

Pure functions over plain values: no database, no clock, easy to test as a table. The rules read
skills, place, spoken languages and pay — nothing else about a person (never ethnicity or
religion, SECURITY.md A2). Each point comes with the reason a worker reads next to the match.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from shiliu.jobs.choices import MONTHLY_FACTOR, Language, Skill
from shiliu.places.models import SEGMENT

SKILL_POINTS = 10  # per shared skill
SKILL_CAP = 30
PLACE_POINTS = {3: 30, 2: 20, 1: 10}  # shared levels of the tree: community, subdistrict, district
LANGUAGE_POINTS = 20  # at least one language in common
PAY_POINTS = 20  # the posting's pay range meets the wished range
MINIMUM = 20  # below this a pair is not suggested: the district alone is not a match


T = TypeVar("T")


@dataclass(frozen=True)
class Side:
    """What matching reads of a seeker or a posting."""

    skills: frozenset[str]
    languages: frozenset[str]
    place_path: str | None
    pay_min: float | None  # yuan a month
    pay_max: float | None


@dataclass
class Match:
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def monthly(amount: int | None, period: str) -> float | None:
    """A pay amount of a period as yuan a month (an hour: 174 hours; a day: 21.75 days)."""
    if amount is None:
        return None
    return amount * MONTHLY_FACTOR.get(period, 1.0)


def shared_levels(path_a: str | None, path_b: str | None) -> int:
    """How many levels of the place tree two places share, from the district down (0: none)."""
    if not path_a or not path_b:
        return 0
    levels = 0
    for i in range(0, min(len(path_a), len(path_b)), SEGMENT):
        if path_a[i:i + SEGMENT] != path_b[i:i + SEGMENT]:
            break
        levels += 1
    return min(levels, 3)


def pay_fits(seeker: Side, posting: Side) -> bool:
    """The posting pays within what the seeker wishes: its top reaches the seeker's lowest, and its
    bottom does not exceed the seeker's highest (an open end fits anything)."""
    if seeker.pay_min is None and seeker.pay_max is None:
        return False
    if posting.pay_min is None and posting.pay_max is None:
        return False
    if posting.pay_max is not None and seeker.pay_min is not None and posting.pay_max < seeker.pay_min:
        return False
    if posting.pay_min is not None and seeker.pay_max is not None and posting.pay_min > seeker.pay_max:
        return False
    return True


def _names(choices, codes: Iterable[str]) -> str:
    labels = dict(choices.choices)
    return "、".join(str(labels.get(c, c)) for c in sorted(codes))


def score(seeker: Side, posting: Side) -> Match:
    """Points and reasons of one seeker for one posting."""
    match = Match()
    skills = seeker.skills & posting.skills
    if skills:
        match.score += min(SKILL_POINTS * len(skills), SKILL_CAP)
        match.reasons.append(_("skills: %(skills)s") % {"skills": _names(Skill, skills)})
    levels = shared_levels(seeker.place_path, posting.place_path)
    if levels:
        match.score += PLACE_POINTS[levels]
        match.reasons.append({3: _("same community"), 2: _("same subdistrict"), 1: _("same district")}[levels])
    languages = seeker.languages & posting.languages
    if languages:
        match.score += LANGUAGE_POINTS
        match.reasons.append(_("speaks %(languages)s") % {"languages": _names(Language, languages)})
    if pay_fits(seeker, posting):
        match.score += PAY_POINTS
        match.reasons.append(_("pay fits"))
    return match


def rank(pairs: Iterable[tuple[T, Side, Side]], *, limit: int = 10) -> list[tuple[T, Match]]:
    """The best ``limit`` of (item, seeker side, posting side), highest score first; pairs below
    MINIMUM are left out. Ties keep the order given (the callers give the newest first)."""
    scored = [(item, score(s, p)) for item, s, p in pairs]
    kept = [(item, m) for item, m in scored if m.score >= MINIMUM]
    kept.sort(key=lambda pair: -pair[1].score)
    return kept[:limit]
