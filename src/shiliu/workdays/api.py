"""/api/v1/calendar: the working-day calendar and deadline arithmetic.

Reads (a year, one day, a deadline) need ``order.view``: whoever works on orders may see
the clock they run on. Writes need ``calendar.edit`` (the district office) and go through
the same services as the pages.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.api.schemas import StrictSchema
from shiliu.workdays import selectors
from shiliu.workdays.calendar import add_working_days, add_working_hours, year_known
from shiliu.workdays.choices import MAX_YEAR, MIN_YEAR, NAME_MAX, DaySource
from shiliu.workdays.services import (
    calendar_day_clear,
    calendar_day_set,
    calendar_year_confirm,
    calendar_year_withdraw,
    check_year,
    day_errors,
)

router = Router(tags=["calendar"])
MAX_WORKING_DAYS = 1000
MAX_WORKING_HOURS = 8000


class DayOut(Schema):
    date: date
    workday: bool
    name: str = Field(description="The district's name for the day, or the State Council's holiday")
    source: DaySource = Field(description="What decided: district (an entry), state_council, weekday (Mon–Fri)")
    version: int = Field(description="The district entry's version; 0 when there is none. Send it to edit.")


class YearOut(Schema):
    year: int
    published: bool = Field(description="The State Council's calendar for the year is in Shiliu")
    entered: bool = Field(description="The district office has marked the year as entered")
    entered_at: datetime | None
    known: bool = Field(description="Published or entered; otherwise deadlines count Monday to Friday")
    days: list[DayOut]


class DayIn(StrictSchema):
    workday: bool
    name: str = Field("", max_length=NAME_MAX)
    version: int | None = Field(None, ge=0, description="The version you read (0: no entry yet); "
                                "a stale one answers 409. Leave out to overwrite whatever is there.")


class DayClearIn(Schema):
    version: int | None = Field(None, ge=0, description="The version you read; a stale one answers 409")


class ConfirmIn(StrictSchema):
    note: str = Field("", max_length=200)
    copy_package: bool = Field(False, description="Copy the State Council's named days into district entries")


class DeadlineQuery(Schema):
    start: datetime = Field(description="When the clock starts; without a time zone, Beijing time")
    working_days: int | None = Field(None, ge=0, le=MAX_WORKING_DAYS,
                                     description="Due at the end (17:00) of the N-th working day after start")
    working_hours: float | None = Field(None, ge=0, le=MAX_WORKING_HOURS,
                                        description="Due after N hours of working time (9:00–17:00 on working days)")


class DeadlineOut(Schema):
    start: datetime
    deadline: datetime
    working_days: int | None
    working_hours: float | None
    unknown_years: list[int] = Field(description="Years the deadline runs through that count Monday to Friday "
                                     "for want of a calendar")


def _day_out(view: selectors.DayView) -> dict:
    return {"date": view.date, "workday": view.is_workday, "name": view.name, "source": view.source,
            "version": view.version}


def _check_day(day: date) -> None:
    errors = day_errors(day=day, is_workday=True, name="")
    if errors:
        raise ValidationError(errors)


@router.get("/deadline", response=DeadlineOut,
            summary="When a deadline of N working days or N working hours from a start falls due")
@access_rule(Cap.ORDER_VIEW)
def deadline_op(request, query: Query[DeadlineQuery]):
    if (query.working_days is None) == (query.working_hours is None):
        message = _("Give either working_days or working_hours.")
        raise ValidationError({"working_days": [message], "working_hours": [message]})
    start = query.start if timezone.is_aware(query.start) else timezone.make_aware(query.start)
    start = timezone.localtime(start)
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        raise ValidationError({"start": [_("Choose a day from %(first)s to %(last)s.")
                                         % {"first": MIN_YEAR, "last": MAX_YEAR}]})
    if query.working_days is not None:
        due = add_working_days(start, query.working_days)
    else:
        due = add_working_hours(start, query.working_hours or 0)
    due = timezone.localtime(due)
    if due.year > MAX_YEAR:
        raise ValidationError({"start": [_("The deadline would fall after %(last)s.") % {"last": MAX_YEAR}]})
    unknown = [y for y in range(start.year, due.year + 1) if not year_known(y)]
    return {"start": start, "deadline": due, "working_days": query.working_days,
            "working_hours": query.working_hours, "unknown_years": unknown}


@router.get("/days/{day}", response=DayOut, summary="One day: working or rest, its name and what decided it")
@access_rule(Cap.ORDER_VIEW)
def day_get_op(request, day: date):
    _check_day(day)
    return _day_out(selectors.day_view(day))


@router.put("/days/{day}", response=DayOut, summary="Make a day a working day or a day of rest for the district")
@access_rule(Cap.CALENDAR_EDIT)
def day_set_op(request, day: date, payload: DayIn):
    calendar_day_set(day=day, is_workday=payload.workday, name=payload.name, by=request.auth,
                     version=payload.version)
    return _day_out(selectors.day_view(day))


@router.delete("/days/{day}", response=DayOut,
               summary="Remove the district's entry for a day; answers the day as it now stands")
@access_rule(Cap.CALENDAR_EDIT)
def day_clear_op(request, day: date, query: Query[DayClearIn]):
    calendar_day_clear(day=day, by=request.auth, version=query.version)
    return _day_out(selectors.day_view(day))


def _year_out(year: int) -> dict:
    status = selectors.year_status(year)
    return {"year": year, "published": status.published, "entered": status.entered is not None,
            "entered_at": status.entered.entered_at if status.entered else None, "known": status.known,
            "days": [_day_out(view) for view in selectors.year_days(year)]}


@router.get("/{int:year}", response=YearOut, summary="Every day of a year: working or rest, name, source")
@access_rule(Cap.ORDER_VIEW)
def year_get_op(request, year: int):
    check_year(year)
    return _year_out(year)


@router.post("/{int:year}/confirm", response=YearOut,
             summary="Mark a year as entered by the district office (optionally copying the State Council's days)")
@access_rule(Cap.CALENDAR_EDIT)
def year_confirm_op(request, year: int, payload: ConfirmIn):
    calendar_year_confirm(year=year, by=request.auth, note=payload.note, copy_package=payload.copy_package)
    return _year_out(year)


@router.delete("/{int:year}/confirm", response=YearOut, summary="No longer mark a year as entered")
@access_rule(Cap.CALENDAR_EDIT)
def year_withdraw_op(request, year: int):
    calendar_year_withdraw(year=year, by=request.auth)
    return _year_out(year)
