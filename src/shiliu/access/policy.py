"""What each role may do. The one table the rest of the code asks (D1, D3, D6).

A capability is held at the places where the user has a role that grants it, and
reaches those places and everything below them (shiliu.access.scope).
"""

from shiliu.accounts.models import Role


class Cap:
    PLACE_VIEW = "place.view"
    PLACE_EDIT = "place.edit"
    PLACE_TRANSFER = "place.transfer"  # import / export of the tree
    RESIDENT_VIEW = "resident.view"
    RESIDENT_CREATE = "resident.create"
    RESIDENT_EDIT = "resident.edit"
    RESIDENT_ID_NUMBER = "resident.id_number"  # may receive the (masked) ID number at all (D3)
    RESIDENT_SENSITIVE = "resident.sensitive"  # may receive ethnicity and consent records (D3)
    RESIDENT_REVEAL = "resident.reveal"  # may unmask phone / ID number with a reason (B1)
    AUDIT_VIEW = "audit.view"
    STAFF_MANAGE = "staff.manage"


_RESIDENT_WORK = {
    Cap.PLACE_VIEW, Cap.RESIDENT_VIEW, Cap.RESIDENT_CREATE, Cap.RESIDENT_EDIT,
    Cap.RESIDENT_ID_NUMBER, Cap.RESIDENT_SENSITIVE, Cap.RESIDENT_REVEAL,
}

CAPABILITIES: dict[str, frozenset[str]] = {
    # An operator takes calls: finds and records the caller, sees a masked phone,
    # never the ID number or ethnicity.
    Role.OPERATOR: frozenset({Cap.PLACE_VIEW, Cap.RESIDENT_VIEW, Cap.RESIDENT_CREATE}),
    Role.COMMUNITY_WORKER: frozenset(_RESIDENT_WORK),
    Role.SUBDISTRICT_OFFICER: frozenset(_RESIDENT_WORK | {Cap.PLACE_EDIT}),
    # A liaison sees the cases referred to their department (later); no resident list.
    Role.LIAISON: frozenset({Cap.PLACE_VIEW}),
    Role.DISTRICT_ADMIN: frozenset(_RESIDENT_WORK | {Cap.PLACE_EDIT, Cap.PLACE_TRANSFER, Cap.AUDIT_VIEW,
                                                     Cap.STAFF_MANAGE}),
    # Separation of duties (D6): the auditor reads the trail and nothing else.
    Role.AUDITOR: frozenset({Cap.AUDIT_VIEW}),
}

ALL_CAPS = frozenset().union(*CAPABILITIES.values())


def role_has(role: str, cap: str) -> bool:
    return cap in CAPABILITIES.get(role, frozenset())
