"""Organizations, members and groups as xlsx: exports of what a manager sees, and
all-or-nothing imports of organizations and of members.

An import reads the whole file, then runs every row through the same services as the pages
and the API, each in its own savepoint, inside one transaction. Every problem is collected
with its row and column; if there is a single one, the transaction is rolled back and nothing
is kept. So the file is checked exactly as a person entering the rows by hand would be, rules
between rows included (a second chair, the same phone twice, a twin name at one place).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from shiliu.access.policy import Cap
from shiliu.access.scope import holds, places_for, scope_q
from shiliu.audit.models import AuditKind
from shiliu.audit.services import audit_read, audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.imports import ImportRejected, RowError, cell_bool, cell_text, read_import
from shiliu.core.xlsx import write_workbook
from shiliu.organizations import selectors
from shiliu.organizations.choices import MemberRole, OrgKind, OrgStatus
from shiliu.organizations.models import Group, Organization
from shiliu.organizations.services import membership_add, organization_create, organization_update
from shiliu.people.masking import mask_phone
from shiliu.people.validation import clean_phone

__all__ = ["ImportRejected", "RowError", "export_groups", "export_members", "export_organizations",
           "import_members", "import_organizations", "ORG_COLUMNS", "MEMBER_COLUMNS", "column_label",
           "template"]

ORG_COLUMNS = [
    ("id", gettext_lazy("ID")),
    ("version", gettext_lazy("version")),
    ("name", gettext_lazy("name")),
    ("name_en", gettext_lazy("English name")),
    ("kind", gettext_lazy("kind")),
    ("place_code", gettext_lazy("place code")),
    ("place", gettext_lazy("place")),
    ("parent", gettext_lazy("organization above")),
    ("founded_on", gettext_lazy("founded on")),
    ("status", gettext_lazy("status")),
    ("public", gettext_lazy("public")),
    ("members", gettext_lazy("current members")),
    ("description", gettext_lazy("description")),
]
ORG_REQUIRED = ("name", "kind", "place_code")
ORG_EXPORT_ONLY = ("place", "members")  # read back without complaint, never applied

MEMBER_COLUMNS = [
    ("organization_id", gettext_lazy("organization ID")),
    ("organization", gettext_lazy("organization")),
    ("place", gettext_lazy("place")),
    ("name", pgettext_lazy("person", "name")),
    ("phone", gettext_lazy("phone")),
    ("role", pgettext_lazy("member", "role")),
    ("since", gettext_lazy("since")),
    ("until", gettext_lazy("until")),
]
MEMBER_IMPORT = ("organization_id", "organization", "name", "phone", "role", "since")
MEMBER_REQUIRED = ("name",)

GROUP_COLUMNS = [
    ("group_id", gettext_lazy("group ID")),
    ("group", gettext_lazy("group")),
    ("kind", gettext_lazy("kind")),
    ("level", gettext_lazy("level")),
    ("place", gettext_lazy("place")),
    ("unit", gettext_lazy("member unit")),
    ("person", gettext_lazy("person")),
    ("title", pgettext_lazy("post", "title")),
    ("role", pgettext_lazy("member", "role")),
    ("since", gettext_lazy("since")),
    ("until", gettext_lazy("until")),
]

_PUBLIC_YES = frozenset({"公开"})
_PUBLIC_NO = frozenset({"不公开"})
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def column_label(key: str) -> str:
    for columns in (ORG_COLUMNS, MEMBER_COLUMNS, GROUP_COLUMNS):
        if key in dict(columns):
            return str(dict(columns)[key])
    return key


def _headers(columns) -> list[str]:
    return [str(label) for _key, label in columns]


# --- export -----------------------------------------------------------------------------------


def export_organizations(*, by, orgs: QuerySet[Organization]) -> bytes:
    """The organizations of a list the user sees, as xlsx (``orgs`` comes from selectors.org_list,
    so it is scoped and annotated). Text cells are neutralised against formulas (F5). Audited as
    ``org.export``."""
    if not holds(by, Cap.ORG_VIEW):
        raise PermissionDenied()
    rows = []
    for org in orgs[: settings.SHILIU_LIST_EXPORT_CAP * 10]:
        rows.append((org.pk, org.version, org.name, org.name_en, org.get_kind_display(), org.place.code,
                     org.place.name, org.parent_id or "", org.founded_on, org.get_status_display(),
                     org.public, getattr(org, "member_count", None), org.description))
    data = write_workbook(_headers(ORG_COLUMNS), rows, title=_("Organizations"))
    audit_write(by=by, action="org.export", detail={"count": len(rows)})
    return data


def export_members(*, by, orgs: QuerySet[Organization]) -> bytes:
    """The members (current and past) of the listed organizations that lie in the user's own area,
    with masked phones (B1), at most SHILIU_LIST_EXPORT_CAP rows (D5). One audit record names every
    membership exported (E1)."""
    if not holds(by, Cap.ORG_VIEW):
        raise PermissionDenied()
    memberships = list(selectors.memberships_for_export(by, orgs)[: settings.SHILIU_LIST_EXPORT_CAP])
    rows = [(m.organization_id, m.organization.name, m.organization.place.name, m.name, mask_phone(m.phone),
             m.get_role_display(), m.since, m.until) for m in memberships]
    data = write_workbook(_headers(MEMBER_COLUMNS), rows, title=_("Members"))
    audit_read(by=by, action="org.members.export", target=None, subject_id=None, category="contact",
               kind=AuditKind.EXPORT, detail={"ids": [m.pk for m in memberships[:500]], "count": len(memberships),
                                              "cap": settings.SHILIU_LIST_EXPORT_CAP})
    return data


def export_groups(*, by, groups: QuerySet[Group]) -> bytes:
    """Every seat of the listed groups, one row each (a group without seats gives one row). The names
    of officials appear only for groups in the user's own area, as on the page."""
    if not holds(by, Cap.ORG_VIEW):
        raise PermissionDenied()
    own = set(groups.filter(scope_q(by, Cap.ORG_VIEW, "place__path")).values_list("pk", flat=True))
    rows: list[tuple] = []
    for group in selectors.groups_with_members(by, groups):
        head = (group.pk, group.name, group.get_kind_display(), group.get_level_display(), group.place.name)
        seats = list(group.members.all())
        if not seats:
            rows.append((*head, "", "", "", "", None, None))
        for seat in seats:
            rows.append((*head, seat.unit.name if seat.unit else "",
                         seat.person_name if group.pk in own else "", seat.title, seat.get_role_display(),
                         seat.since, seat.until))
    data = write_workbook(_headers(GROUP_COLUMNS), rows, title=_("Groups"))
    audit_write(by=by, action="org.group.export", detail={"groups": len(own), "rows": len(rows)})
    return data


def template(kind: str) -> bytes:
    """An empty file with the import columns, in the current language."""
    if kind == "members":
        headers = [column_label(k) for k in MEMBER_IMPORT]
    else:
        headers = [column_label(k) for k, _l in ORG_COLUMNS if k not in ORG_EXPORT_ONLY]
    return write_workbook(headers, [], title=kind)


# --- import: reading cells --------------------------------------------------------------------




# What people write in a role cell besides the labels: the titles each kind of organization uses.
ROLE_ALIASES = {
    "会长": MemberRole.CHAIR, "组长": MemberRole.CHAIR, "主任": MemberRole.CHAIR, "负责人": MemberRole.CHAIR,
    "副会长": MemberRole.VICE_CHAIR, "副组长": MemberRole.VICE_CHAIR, "副主任": MemberRole.VICE_CHAIR,
    "秘书": MemberRole.SECRETARY, "秘书长": MemberRole.SECRETARY,
    "会员": MemberRole.MEMBER, "组员": MemberRole.MEMBER,
}

KIND_ALIASES = {
    "促进会": OrgKind.ASSOCIATION, "民族团结进步促进会": OrgKind.ASSOCIATION, "分会": OrgKind.BRANCH,
    "小组": OrgKind.GROUP, "促进小组": OrgKind.GROUP,
}
STATUS_ALIASES = {"正常": OrgStatus.ACTIVE, "活跃": OrgStatus.ACTIVE, "暂停": OrgStatus.DORMANT,
                  "休眠": OrgStatus.DORMANT}


def _choice(value: str, choices, aliases: dict | None = None) -> str | None:
    """A choice by its code, its label in either language, or one of ``aliases``."""
    if value in choices.values:
        return value
    if aliases and value in aliases:
        return aliases[value]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for choice in choices:
                if value.lower() == str(choice.label).lower():
                    return choice.value
    return None


def _date(value) -> date | None | bool:
    """A date from a date cell or text like 2024-05-17, 2024/5/17 or 2024年5月17日; False if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value))
    if not match:
        return False
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return False






def _table(file, columns, *, accepted, required) -> tuple[list[tuple[int, dict]], set[str], list[RowError]]:
    """The file's rows as (row number, {column key: raw value}) and the columns present, or the
    errors of the file and its header."""
    table, errors = read_import(file)
    if errors:
        return [], set(), errors
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for key, label in columns:
                names[str(label).strip().lower()] = key
    for key, _label in columns:
        names[key] = key
    found: dict[int, str] = {}
    errors = []
    for index, cell in enumerate(table[0]):
        text = cell_text(cell)
        if not text:
            continue
        key = names.get(text.lower())
        if key is None or key not in accepted:
            errors.append(RowError(1, text, _("This column is not known.")))
        elif key in found.values():
            errors.append(RowError(1, key, _("This column appears twice.")))
        else:
            found[index] = key
    for key in required:
        if key not in found.values():
            errors.append(RowError(1, key, _("This column is missing.")))
    present = set(found.values())
    if errors:
        return [], present, errors
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        raw = {key: cells[index] if index < len(cells) else None for index, key in found.items()}
        if any(cell_text(v) for v in raw.values()):
            rows.append((number, raw))
    if not rows:
        return [], present, [RowError(0, "", _("The file has no rows below its header."))]
    return rows, present, []


def _service_errors(number: int, exc: ValidationError | StaleVersion, column_of: dict) -> list[RowError]:
    if isinstance(exc, StaleVersion):
        return [RowError(number, "version", str(StaleVersion.message))]
    if not hasattr(exc, "error_dict"):
        return [RowError(number, "", m) for m in exc.messages]
    return [RowError(number, column_of.get(field, field if field != "__all__" else ""), message)
            for field, messages in exc.message_dict.items() for message in messages]


def _organization_lookup(value, candidates: QuerySet[Organization]) -> tuple[Organization | None, str]:
    """An organization by its ID or its exact name among ``candidates``; else the message to show."""
    text = cell_text(value)
    if text.isdigit():
        found = candidates.filter(pk=int(text)).first()
        if found is not None:
            return found, ""
    named = list(candidates.filter(name=text)[:2])
    if len(named) == 1:
        return named[0], ""
    if len(named) > 1:
        return None, _("Several organizations in your area are called “%(name)s”: give its ID.") % {"name": text}
    return None, _("There is no organization “%(name)s” in your area.") % {"name": text}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# --- import: organizations --------------------------------------------------------------------


_ORG_FIELD_COLUMN = {"place": "place_code", "parent": "parent", "__all__": ""}


def import_organizations(*, file, by) -> ImportResult:
    """Create and update organizations from an xlsx file, all or nothing.

    A row without an ID creates an organization; a row with an ID (and the version from the export)
    updates that one, which must be in the importer's area. The place code must name a place where
    the importer manages organizations. Raises ImportRejected with every error (row, column, message)
    and changes nothing when any row is wrong. One ``org.import`` audit record besides each change's.
    """
    if not holds(by, Cap.ORG_EDIT):
        raise PermissionDenied()
    accepted = {key for key, _l in ORG_COLUMNS}
    rows, _present, errors = _table(file, ORG_COLUMNS, accepted=accepted, required=ORG_REQUIRED)
    if errors:
        raise ImportRejected(errors)
    editable = selectors.orgs_visible(by).filter(scope_q(by, Cap.ORG_EDIT, "place__path"))
    places = {p.code: p for p in places_for(by, Cap.ORG_EDIT)}
    result = ImportResult()
    with transaction.atomic():
        for number, raw in rows:
            row_errors: list[RowError] = []
            fields: dict = {}
            for key in ("name", "name_en", "description"):
                if key in raw:
                    fields[key] = cell_text(raw[key])
            if not fields["name"]:
                row_errors.append(RowError(number, "name", _("Enter the organization's name.")))
            kind_text = cell_text(raw.get("kind"))
            fields["kind"] = _choice(kind_text, OrgKind, KIND_ALIASES) if kind_text else None
            if kind_text and fields["kind"] is None:
                row_errors.append(RowError(number, "kind", _("“%(value)s” is not a kind of organization.")
                                           % {"value": kind_text}))
            elif not kind_text:
                row_errors.append(RowError(number, "kind", _("This cell is required.")))
            code = cell_text(raw.get("place_code"))
            fields["place"] = places.get(code)
            if not code:
                row_errors.append(RowError(number, "place_code", _("This cell is required.")))
            elif fields["place"] is None:
                row_errors.append(RowError(number, "place_code", _("There is no place with the code “%(code)s” in "
                                                                   "your area.") % {"code": code}))
            if cell_text(raw.get("parent")):
                fields["parent"], message = _organization_lookup(raw["parent"], selectors.orgs_visible(by))
                if message:
                    row_errors.append(RowError(number, "parent", message))
            elif "parent" in raw:
                fields["parent"] = None
            if "founded_on" in raw:
                fields["founded_on"] = _date(raw["founded_on"])
                if fields["founded_on"] is False:
                    row_errors.append(RowError(number, "founded_on", _("Write a date like 2024-05-17.")))
            if cell_text(raw.get("status")):
                fields["status"] = _choice(cell_text(raw["status"]), OrgStatus, STATUS_ALIASES)
                if fields["status"] not in (OrgStatus.ACTIVE, OrgStatus.DORMANT):
                    row_errors.append(RowError(number, "status", _("Write active or dormant; dissolve an "
                                                                   "organization on its page.")))
            if "public" in raw:
                fields["public"] = cell_bool(raw["public"], yes=_PUBLIC_YES, no=_PUBLIC_NO)
                if fields["public"] is None:
                    row_errors.append(RowError(number, "public", _("Write TRUE or FALSE.")))
            existing, version = None, None
            id_text = cell_text(raw.get("id"))
            if id_text:
                existing = editable.filter(pk=int(id_text)).first() if id_text.isdigit() else None
                if existing is None:
                    row_errors.append(RowError(number, "id", _("There is no organization with this ID in your "
                                                               "area. Leave the ID empty to create one.")))
                version_text = cell_text(raw.get("version"))
                if not version_text.isdigit():
                    row_errors.append(RowError(number, "version", _("Give the version from the export, so that a "
                                                                    "newer change is not overwritten.")))
                else:
                    version = int(version_text)
            if row_errors:
                errors += row_errors
                continue
            try:
                with transaction.atomic():
                    if existing is None:
                        organization_create(by=by, **fields)
                        result.created += 1
                    else:
                        assert version is not None
                        updated = organization_update(organization=existing, by=by, version=version, **fields)
                        if updated.version != version:
                            result.updated += 1
                        else:
                            result.unchanged += 1
            except (ValidationError, StaleVersion) as exc:
                errors += _service_errors(number, exc, _ORG_FIELD_COLUMN)
        if errors:
            transaction.set_rollback(True)
        else:
            audit_write(by=by, action="org.import", detail={"rows": len(rows), "created": result.created,
                                                            "updated": result.updated})
    if errors:
        raise ImportRejected(sorted(set(errors), key=lambda e: (e.row, e.column, e.message)))
    return result


# --- import: members --------------------------------------------------------------------------


_MEMBER_FIELD_COLUMN = {"__all__": "organization", "resident": "", "user": ""}


def import_members(*, file, by) -> ImportResult:
    """Add members to organizations from an xlsx file, all or nothing.

    Each row names an organization in the importer's area (by its ID, or by its exact name), the
    member's name (required), and optionally a phone (checked as on the page), a role and the date
    they joined. Raises ImportRejected with every error and adds nobody when any row is wrong.
    """
    if not holds(by, Cap.ORG_EDIT):
        raise PermissionDenied()
    rows, present, errors = _table(file, MEMBER_COLUMNS, accepted=set(MEMBER_IMPORT), required=MEMBER_REQUIRED)
    if (present or not errors) and not present & {"organization_id", "organization"}:
        # The header was read: either way of naming the organization will do, but one is needed.
        errors.append(RowError(1, "organization", _("This column is missing.")))
    if errors:
        raise ImportRejected(errors)
    editable = Organization.objects.filter(scope_q(by, Cap.ORG_EDIT, "place__path")).select_related("place")
    result = ImportResult()
    with transaction.atomic():
        for number, raw in rows:
            row_errors: list[RowError] = []
            org = None
            ref_column = "organization_id" if cell_text(raw.get("organization_id")) else "organization"
            if not cell_text(raw.get(ref_column)):
                row_errors.append(RowError(number, "organization", _("Name the organization, or give its ID.")))
            else:
                org, message = _organization_lookup(raw[ref_column], editable)
                if message:
                    row_errors.append(RowError(number, ref_column, message))
            role_text = cell_text(raw.get("role"))
            role = _choice(role_text, MemberRole, ROLE_ALIASES) if role_text else MemberRole.MEMBER
            if role is None:
                row_errors.append(RowError(number, "role", _("“%(value)s” is not a role.") % {"value": role_text}))
            since = _date(raw.get("since"))
            if since is False:
                row_errors.append(RowError(number, "since", _("Write a date like 2024-05-17.")))
            name, phone = cell_text(raw.get("name")), cell_text(raw.get("phone"))
            if not name:
                row_errors.append(RowError(number, "name", _("Enter the member's name.")))
            if phone:
                try:
                    clean_phone(phone)
                except ValidationError as exc:
                    row_errors.append(RowError(number, "phone", exc.messages[0]))
            if org is None or role is None or since is False or row_errors:
                errors += row_errors
                continue
            try:
                with transaction.atomic():
                    membership_add(by=by, organization=org, name=name, phone=phone, role=role,
                                   since=since if isinstance(since, date) else None)
                    result.created += 1
            except (ValidationError, StaleVersion) as exc:
                errors += _service_errors(number, exc, _MEMBER_FIELD_COLUMN)
            except PermissionDenied:
                errors.append(RowError(number, ref_column, _("There is no organization “%(name)s” in your area.")
                                       % {"name": cell_text(raw.get(ref_column))}))
        if errors:
            transaction.set_rollback(True)
        else:
            audit_write(by=by, action="org.members.import", detail={"rows": len(rows), "created": result.created})
    if errors:
        raise ImportRejected(sorted(set(errors), key=lambda e: (e.row, e.column, e.message)))
    return result
