"""SECURITY.md A1 for the 1+10+N network: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

MEMBER = "while the membership lasts; 3 years after it ends, then anonymised (A6)"
_ORG = F(GENERAL, "the 1+10+N network: what exists where", FOREVER)
_GROUP = F(GENERAL, "the leadership and coordination groups", FOREVER)
_WHO_RECORDED = F(PERSONAL, "which staff member recorded it", RECORD)

FIELDS = {
    "organizations.Organization": {
        "id": ID, "name": _ORG, "name_en": _ORG, "kind": _ORG, "place": _ORG, "parent": _ORG, "founded_on": _ORG,
        "status": _ORG, "dissolved_on": _ORG, "description": _ORG, "public": _ORG,
        "created_by": _WHO_RECORDED, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "organizations.Membership": {
        "id": ID, "organization": F(GENERAL, "which organization the person serves in", MEMBER),
        "name": F(PERSONAL, "name the organization's members and leaders", MEMBER),
        "phone": F(PERSONAL, "reach the member (encrypted, shown masked)", MEMBER),
        "phone_index": F(PERSONAL, "refuse the same phone twice in one organization (keyed hash)", MEMBER),
        "resident": F(PERSONAL, "the resident record of a member who is also served", MEMBER),
        "user": F(PERSONAL, "the staff account of a member who is staff", MEMBER),
        "role": F(GENERAL, "chair, secretary, liaison, member or volunteer", MEMBER),
        "since": F(GENERAL, "history of the membership", MEMBER),
        "until": F(GENERAL, "history of the membership", MEMBER),
        "created_by": _WHO_RECORDED, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "organizations.Group": {
        "id": ID, "kind": _GROUP, "level": _GROUP, "place": _GROUP, "name": _GROUP, "name_en": _GROUP,
        "description": _GROUP, "public": _GROUP,
        "created_by": _WHO_RECORDED, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "organizations.GroupMember": {
        "id": ID, "group": _GROUP, "unit": _GROUP,
        "person_name": F(PERSONAL, "the official who sits on the group", MEMBER),
        "title": F(PERSONAL, "the official's post, as the group's document names it", MEMBER),
        "role": _GROUP, "since": _GROUP, "until": _GROUP,
        "created_by": _WHO_RECORDED, "created_at": CREATED, "version": VERSION,
    },
}
