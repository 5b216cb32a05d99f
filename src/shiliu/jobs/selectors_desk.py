"""Reads of the employers' desk: what the holder of a verified phone may see.

The desk shows the employers whose contact phone is the verified number (by keyed blind index,
nothing is decrypted) and those employers' postings. An employer that does not exist answers 404;
one whose contact is another number answers 403 (PermissionDenied), as the services do.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from shiliu.jobs.models import Employer, JobPosting
from shiliu.people.services import phone_index

DESK_POSTINGS_MAX = 200  # a desk lists an employer's newest postings; older ones stay with staff


def desk_employers(phone: str) -> QuerySet[Employer]:
    """The employers whose contact phone is ``phone`` (E.164)."""
    index = phone_index(phone) if phone else ""
    if not index:
        return Employer.objects.none()
    return Employer.objects.select_related("place").filter(contact_phone_index=index).order_by("name", "id")


def desk_employer_get(phone: str, pk) -> Employer:
    try:
        employer = Employer.objects.select_related("place").get(pk=pk)
    except (Employer.DoesNotExist, ValueError, TypeError):
        raise Http404() from None
    index = phone_index(phone) if phone else ""
    if not index or employer.contact_phone_index != index:
        raise PermissionDenied()
    return employer


def desk_postings(employer: Employer) -> QuerySet[JobPosting]:
    """An employer's postings, newest first (the caller has checked the phone)."""
    return (JobPosting.objects.select_related("place", "employer").filter(employer=employer)
            .order_by("-created_at", "-id"))


def desk_posting_get(employer: Employer, pk) -> JobPosting:
    """One posting of ``employer``; 404 for a posting of another employer, like a missing one."""
    try:
        return JobPosting.objects.select_related("place", "employer").get(pk=pk, employer=employer)
    except (JobPosting.DoesNotExist, ValueError, TypeError):
        raise Http404() from None
