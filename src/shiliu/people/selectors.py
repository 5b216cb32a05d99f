"""Reads of residents, always scoped to the user (D2) and shaped by role (D3)."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language

from shiliu.access.policy import Cap
from shiliu.access.scope import can, get_scoped_or_404, scoped
from shiliu.audit.services import audit_read
from shiliu.people.choices import ethnicity_label
from shiliu.people.masking import mask_id_number, mask_phone
from shiliu.people.models import Resident
from shiliu.people.services import id_number_index, phone_index
from shiliu.people.validation import clean_id_number, clean_phone


def residents_visible(user) -> QuerySet[Resident]:
    return scoped(Resident.objects.select_related("place"), user, Cap.RESIDENT_VIEW)


def resident_search(user, query: str = "") -> QuerySet[Resident]:
    """Name contains, or exact phone / ID number through the blind index. Never by ethnicity."""
    qs = residents_visible(user)
    query = (query or "").strip()
    if not query:
        return qs
    compact = query.replace(" ", "").replace("-", "")
    if len(compact) == 18:
        try:
            number = clean_id_number(compact).value
        except ValidationError:
            pass  # not an ID number: try the other kinds of search
        else:
            # Only a role that may see ID numbers may find people by one (D3): for others a
            # hit would confirm whose number it is.
            return scoped(qs, user, Cap.RESIDENT_ID_NUMBER).filter(id_number_index=id_number_index(number))
    if compact.lstrip("+").isdigit() and len(compact) >= 7:
        try:
            return qs.filter(phone_index=phone_index(clean_phone(compact)))
        except ValidationError:
            pass  # not a phone number: search names
    return qs.filter(name__icontains=query)


def resident_get(user, pk, cap: str = Cap.RESIDENT_VIEW) -> Resident:
    """One resident within the places where ``user`` holds ``cap``; 404 otherwise (D2)."""
    return get_scoped_or_404(Resident.objects.select_related("place", "ethnicity_consent"), user, cap, pk=pk)


def resident_view(resident: Resident, user, *, audit_action: str = "resident.view") -> dict:
    """The fields this user's role may receive (D3), masked (B1); the read is audited (E1)."""
    place = resident.place
    view = {
        "id": resident.pk,
        "name": resident.name,
        "phone_masked": mask_phone(resident.phone),
        "gender": resident.gender,
        "birth_date": resident.birth_date,
        "languages": resident.languages,
        "place": place,
        "basis": resident.basis,
        "version": resident.version,
        "created_at": resident.created_at,
    }
    # The categories a role may receive, the same for every resident whether or not they declared
    # an ethnicity: otherwise the trail would list who did (D3/D4).
    categories = ["contact"]
    if can(user, Cap.RESIDENT_ID_NUMBER, place):
        view["id_number_masked"] = mask_id_number(resident.id_number)
        view["id_number_needs_review"] = resident.id_number_needs_review
        categories.append("identity")
    if can(user, Cap.RESIDENT_SENSITIVE, place):
        view["ethnicity"] = resident.ethnicity
        view["ethnicity_label"] = ethnicity_label(resident.ethnicity, get_language())
        view["ethnicity_consent"] = resident.ethnicity_consent
        categories.append("sensitive")
    view["can_edit"] = can(user, Cap.RESIDENT_EDIT, place)
    view["can_reveal"] = can(user, Cap.RESIDENT_REVEAL, place)
    audit_read(by=user, action=audit_action, target=resident, subject_id=resident.pk, category=",".join(categories))
    return view
