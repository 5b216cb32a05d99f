"""Reads of residents' data requests: the resident's own by their phone; the office's queue."""

from django.db.models import QuerySet
from django.http import Http404

from shiliu.mydata.choices import OPEN, RequestStatus
from shiliu.mydata.models import DataRequest
from shiliu.mydata.services import may_handle
from shiliu.people.services import phone_index


def mine(phone: str) -> QuerySet[DataRequest]:
    """The requests made with this phone, newest first (nobody else's)."""
    return DataRequest.objects.filter(phone_index=phone_index(phone)).order_by("-created_at", "-id")


def mine_get(phone: str, reference: str) -> DataRequest:
    found = mine(phone).filter(reference=reference).first()
    if found is None:
        raise Http404()
    return found


def queue(user, *, status: str = "") -> QuerySet[DataRequest]:
    """Requests for the district office: open ones first, oldest first; nothing for anyone else."""
    if not may_handle(user):
        return DataRequest.objects.none()
    queryset = DataRequest.objects.select_related("handled_by")
    if status in RequestStatus.values:
        return queryset.filter(status=status).order_by("created_at", "id")
    return queryset.filter(status__in=OPEN).order_by("created_at", "id")


def request_get(user, pk: int) -> DataRequest:
    """One request for the district office; 404 for anyone else, as for a missing one."""
    if not may_handle(user):
        raise Http404()
    found = DataRequest.objects.select_related("handled_by").filter(pk=pk).first()
    if found is None:
        raise Http404()
    return found
