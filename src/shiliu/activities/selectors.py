"""Reads of activities, always starting from the user's scope (D2).

Who sees what:
- an activity organized or co-organized at or below a place where the user holds
  ``activity.view``; and any *published* activity, read-only, for anyone who holds
  ``activity.view`` somewhere;
- the people registered (names, masked phones) only within the organizing place's subtree;
- changes only with ``activity.edit`` at the organizing place.
Anything else answers 404, like a missing record.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import can, holds, places_for, scope_q
from shiliu.activities.choices import GROUP_PREFIXES, ActivityStatus, RegistrationStatus
from shiliu.activities.models import Activity, ActivityPhoto, Registration
from shiliu.places.models import Place


def _co_organized_q(user) -> Q:
    through = Activity.co_organizers.through.objects.filter(scope_q(user, Cap.ACTIVITY_VIEW, "place__path"))
    return Q(pk__in=through.values("activity_id"))


def activities_visible(user) -> QuerySet[Activity]:
    if not holds(user, Cap.ACTIVITY_VIEW):
        return Activity.objects.none()
    own = scope_q(user, Cap.ACTIVITY_VIEW, "place__path")
    return Activity.objects.filter(own | _co_organized_q(user) | Q(published=True)).select_related("place")


def with_counts(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Each activity with ``taken`` (places held), ``waiting`` and ``checked_in``: one query."""
    return qs.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=[RegistrationStatus.REGISTERED,
                                                                         RegistrationStatus.CHECKED_IN])),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        checked_in=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CHECKED_IN)),
    )


def activity_get(user, pk) -> Activity:
    """One activity the user may see (with counts); 404 otherwise."""
    try:
        return with_counts(activities_visible(user)).get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def activity_get_for_edit(user, pk) -> Activity:
    """An activity the user may change: 404 outside what they see, 403 where they only see it."""
    activity = activity_get(user, pk)
    if not can_manage(user, activity):
        raise PermissionDenied()
    return activity


def organization_choices(user):
    """Organizations a user may name as running an activity: ones they see, at or below a place
    where they organize activities, or above it (their subdistrict's branch, the association);
    not dissolved."""
    from shiliu.access.scope import roots
    from shiliu.organizations.choices import OrgStatus
    from shiliu.organizations.selectors import orgs_visible

    own = roots(user, Cap.ACTIVITY_EDIT)
    above = {pk for root in own for pk in root.ancestor_ids()}
    return (orgs_visible(user).filter(scope_q(user, Cap.ACTIVITY_EDIT, "place__path") | Q(place_id__in=above))
            .exclude(status=OrgStatus.DISSOLVED).order_by("place__path", "name", "id"))


def can_manage(user, activity: Activity) -> bool:
    return can(user, Cap.ACTIVITY_EDIT, activity.place)


def can_see_people(user, activity: Activity) -> bool:
    """Registrations (names, masked phones) are seen within the organizing place's subtree only."""
    return can(user, Cap.ACTIVITY_VIEW, activity.place)


@dataclass
class ActivityFilter:
    q: str = ""
    type: str = ""
    group: str = ""  # a key of choices.GROUP_PREFIXES
    status: str = ""
    place: Place | None = None
    start: date | None = None
    end: date | None = None
    published: bool | None = None
    held: bool = False


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def in_place(qs: QuerySet[Activity], place: Place) -> QuerySet[Activity]:
    """Activities organized at or below ``place``, or co-organized by a place there."""
    below = {"path__gte": place.path, "path__lt": place.path_upper}
    co = Activity.co_organizers.through.objects.filter(**{f"place__{k}": v for k, v in below.items()})
    return qs.filter(Q(**{f"place__{k}": v for k, v in below.items()}) | Q(pk__in=co.values("activity_id")))


def held(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities that took place: marked held, or past their end and not cancelled."""
    return qs.filter(Q(status=ActivityStatus.DONE) | (Q(ends_at__lt=timezone.now())
                                                      & ~Q(status=ActivityStatus.CANCELLED)))


def between(qs: QuerySet[Activity], start: date | None, end: date | None) -> QuerySet[Activity]:
    """Activities that start on a day from ``start`` to ``end`` (both included, local time)."""
    if start:
        qs = qs.filter(starts_at__gte=_local_midnight(start))
    if end:
        qs = qs.filter(starts_at__lt=_local_midnight(end + timedelta(days=1)))
    return qs


def activity_list(user, flt: ActivityFilter | None = None) -> QuerySet[Activity]:
    flt = flt or ActivityFilter()
    qs = activities_visible(user)
    if flt.q.strip():
        qs = qs.filter(Q(title__icontains=flt.q.strip()) | Q(title_en__icontains=flt.q.strip())
                       | Q(venue__icontains=flt.q.strip()))
    if flt.type:
        qs = qs.filter(type=flt.type)
    if flt.group in GROUP_PREFIXES:
        qs = qs.filter(type__startswith=GROUP_PREFIXES[flt.group])
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.place is not None:
        qs = in_place(qs, flt.place)
    if flt.published is not None:
        qs = qs.filter(published=flt.published)
    if flt.held:
        qs = held(qs)
    qs = between(qs, flt.start, flt.end)
    return with_counts(qs).order_by("-starts_at", "-id")


def filter_places(user) -> QuerySet[Place]:
    """The places a user may pick to see activities of (their own subtrees)."""
    return places_for(user, Cap.ACTIVITY_VIEW).order_by("path")


def registrations_for(user, activity: Activity) -> QuerySet[Registration]:
    """The registrations of an activity whose people the user may see; 404 otherwise."""
    if not can_see_people(user, activity):
        raise Http404()
    return activity.registrations.select_related("resident").order_by("registered_at", "id")


def registration_get(user, activity: Activity, pk) -> Registration:
    """One registration of an activity the user manages; 404 otherwise."""
    if not can_manage(user, activity):
        raise Http404()
    try:
        return activity.registrations.select_related("activity__place").get(pk=pk)
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def waiting_list(registrations: list[Registration]) -> list[Registration]:
    return sorted((r for r in registrations if r.status == RegistrationStatus.WAITLISTED),
                  key=lambda r: (r.position or 0, r.pk))


def public_activities() -> QuerySet[Activity]:
    """What the public pages may show: published activities that are not cancelled, soonest first,
    with their counts. Show titles, times, venues, types and places; never the people registered.
    Participant counts by group are aggregates: publish them only with small numbers suppressed (G2)."""
    return with_counts(Activity.objects.filter(published=True).exclude(status=ActivityStatus.CANCELLED)
                       .select_related("place")).order_by("starts_at", "id")


def public_activity_get(pk) -> Activity:
    """One activity for the public pages (with its counts); 404 when unpublished, cancelled or missing."""
    try:
        return public_activities().get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404() from None


# The public list: what ended in the last quarter and what is planned for the coming year.
PUBLIC_RECENT_DAYS = 90
PUBLIC_AHEAD_DAYS = 366
PUBLIC_LIST_MAX = 300


@dataclass
class Month:
    first: date
    activities: list[Activity] = field(default_factory=list)


def _by_month(activities) -> list[Month]:
    months: list[Month] = []
    for activity in activities:
        day = timezone.localtime(activity.starts_at).date().replace(day=1)
        if not months or months[-1].first != day:
            months.append(Month(day))
        months[-1].activities.append(activity)
    return months


def public_months(now: datetime | None = None) -> tuple[list[Month], list[Month]]:
    """The public list, one query: activities not yet over, by month, soonest first; and those that
    ended in the last ``PUBLIC_RECENT_DAYS`` days, by month, latest first."""
    now = now or timezone.now()
    rows = list(public_activities().filter(ends_at__gte=now - timedelta(days=PUBLIC_RECENT_DAYS),
                                           starts_at__lt=now + timedelta(days=PUBLIC_AHEAD_DAYS))
                [:PUBLIC_LIST_MAX])
    coming = [a for a in rows if a.ends_at >= now]
    recent = sorted((a for a in rows if a.ends_at < now), key=lambda a: (a.starts_at, a.pk), reverse=True)
    return _by_month(coming), _by_month(recent)


def open_to_the_public(activity: Activity, now: datetime | None = None) -> bool:
    """Whether the public may register now: published, open for registration, not over."""
    now = now or timezone.now()
    return bool(activity.published and activity.public_registration and activity.status == ActivityStatus.OPEN
                and activity.ends_at > now)


def suppressed(count: int, k: int) -> str:
    """A published count: from 1 to k-1 it shows as "<k" (SECURITY.md G2)."""
    return f"<{k}" if 0 < count < k else str(count)


@dataclass
class PublicParticipation:
    total: str | None  # None: withheld, so a suppressed group cannot be worked out from it (G3)
    groups: list[tuple[str, str]]


def public_participation(activity: Activity, k: int) -> PublicParticipation | None:
    """How many took part, and the organizer's counts by group, as the public may read them: each
    count from 1 to k-1 as "<k"; the total is withheld when any group is suppressed, since the groups
    may add up to it. None before the outcome is recorded. One query (needs ``with_counts``)."""
    if activity.outcome_recorded_at is None and activity.status != ActivityStatus.DONE:
        return None
    counts = list(activity.participant_counts.all())
    total = getattr(activity, "checked_in", 0) + activity.extra_attendance
    hidden = any(0 < c.count < k for c in counts)
    return PublicParticipation(total=None if hidden else suppressed(total, k),
                               groups=[(c.group, suppressed(c.count, k)) for c in counts])


def activity_by_token(token: str) -> Activity:
    """The activity a venue's QR code names, for the public check-in page; 404 for any other token."""
    activity = Activity.objects.filter(checkin_token=token).select_related("place").first()
    if activity is None:
        raise Http404()
    return activity


def photo_get(user, token: str) -> ActivityPhoto:
    """A photo of an activity the user may see; 404 otherwise."""
    photo = ActivityPhoto.objects.filter(token=token, activity__in=activities_visible(user)) \
        .select_related("activity__place").first()
    if photo is None:
        raise Http404()
    return photo


# --- the month calendar -------------------------------------------------------------------------

@dataclass
class Day:
    day: date
    in_month: bool
    activities: list[Activity] = field(default_factory=list)

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()


def month_calendar(user, place: Place, year: int, month: int) -> list[list[Day]]:
    """The weeks (Monday first) of a month, each day with the activities that start on it, of
    ``place`` and below as the user may see them. One query."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=6 - last.weekday())
    qs = between(in_place(activities_visible(user), place), grid_start, grid_end).order_by("starts_at", "id")
    days = {grid_start + timedelta(days=i): Day(grid_start + timedelta(days=i), False)
            for i in range((grid_end - grid_start).days + 1)}
    for day in days.values():
        day.in_month = day.day.month == month
    for activity in qs:
        days[timezone.localtime(activity.starts_at).date()].activities.append(activity)
    ordered = list(days.values())
    return [ordered[i:i + 7] for i in range(0, len(ordered), 7)]
