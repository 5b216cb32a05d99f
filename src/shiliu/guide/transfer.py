"""The whole service guide as xlsx (sheets: domains, life_events, items, materials, steps) or JSON,
so one district can hand its guide to another.

Both formats are read into one plain structure (the JSON's), every record remembering where it
came from (sheet, row). The whole structure is checked — columns, codes, domains, categories,
departments, and each item's content by the same ``clean_content`` the pages use — and every
problem is reported with its sheet, row and column. Only a file without a single error is
applied, in one transaction, through the services: new codes are created, and an item whose
content differs from its current version gets a new version; an unchanged item gets none.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from shiliu.audit.services import audit_write
from shiliu.core.imports import cell_bool, cell_text
from shiliu.core.xlsx import MAX_ROWS, MAX_UNPACKED_BYTES, restore_cell, write_sheets
from shiliu.guide import selectors, services
from shiliu.guide.models import Domain, ItemVersion, LifeEvent, ServiceItem
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.models import Category

FORMAT = "shiliu-guide"
FORMAT_VERSION = 1

SHEETS: dict[str, list[str]] = {
    "domains": ["code", "name", "name_en", "position"],
    "life_events": ["code", "name", "name_en", "position"],
    "items": ["code", "domain", "category", "life_events", "active", "sample", "name", "name_en", "description",
              "description_en", "eligibility", "eligibility_en", "promised_days", "fees", "fees_en", "legal_basis",
              "channels"],
    "materials": ["item", "position", "name", "name_en", "form", "copies", "required", "notes", "notes_en"],
    "steps": ["item", "position", "name", "name_en", "owner", "department", "time_limit_days", "tell_resident"],
}
REQUIRED: dict[str, set[str]] = {
    "domains": {"code", "name"},
    "life_events": {"code", "name"},
    "items": {"code", "domain", "category", "name", "promised_days", "channels"},
    "materials": {"item", "name"},
    "steps": {"item", "name", "owner", "time_limit_days"},
}
NUMBERS = {"position", "promised_days", "copies", "time_limit_days"}
BOOLS = {"active": True, "sample": False, "required": True, "tell_resident": False}


@dataclass(frozen=True)
class GuideError:
    sheet: str  # "" for the file as a whole
    row: int  # 1-based row of the sheet (JSON: the record's number in its list); 0 for the file or a sheet
    column: str
    message: str


class GuideImportRejected(Exception):
    """The file has errors; nothing was changed."""

    def __init__(self, errors: list[GuideError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class ImportResult:
    domains: int = 0
    life_events: int = 0
    created: int = 0
    published: int = 0
    unchanged: int = 0


def _require(by, *, edit: bool) -> None:
    if edit and not services.may_edit(by):
        raise PermissionDenied()
    if not edit and not selectors.may_read_staff(by):
        raise PermissionDenied()


# --- export -----------------------------------------------------------------------------------


def _version_content(version: ItemVersion) -> dict:
    content = services.content_of(version)
    for step in content["steps"]:
        step["department"] = step["department"].code if step["department"] else ""
    return content


def guide_data() -> dict:
    """The whole guide as plain data (the JSON format)."""
    items = []
    for item in (ServiceItem.objects.filter(current__isnull=False)
                 .select_related("domain", "category", "current").prefetch_related(
                     "life_events", "current__materials", "current__steps__department").order_by("code")):
        items.append({"code": item.code, "domain": item.domain.code, "category": item.category.code,
                      "life_events": sorted(e.code for e in item.life_events.all()), "active": item.active,
                      "sample": item.sample, **_version_content(item.current)})  # type: ignore[arg-type]
    named = ("code", "name", "name_en", "position")
    return {
        "format": FORMAT, "version": FORMAT_VERSION,
        "domains": [{k: getattr(d, k) for k in named} for d in Domain.objects.all()],
        "life_events": [{k: getattr(e, k) for k in named} for e in LifeEvent.objects.all()],
        "items": items,
    }


def _sheet_rows(data: dict) -> list[tuple[str, list[str], list[list]]]:
    rows: dict[str, list[list]] = {name: [] for name in SHEETS}
    rows["domains"] = [[d[k] for k in SHEETS["domains"]] for d in data["domains"]]
    rows["life_events"] = [[e[k] for k in SHEETS["life_events"]] for e in data["life_events"]]
    for item in data["items"]:
        values = dict(item, life_events=",".join(item["life_events"]), channels=",".join(item["channels"]))
        rows["items"].append([values[k] for k in SHEETS["items"]])
        for position, material in enumerate(item["materials"], start=1):
            values = dict(material, item=item["code"], position=position)
            rows["materials"].append([values[k] for k in SHEETS["materials"]])
        for position, step in enumerate(item["steps"], start=1):
            values = dict(step, item=item["code"], position=position)
            rows["steps"].append([values[k] for k in SHEETS["steps"]])
    return [(name, SHEETS[name], rows[name]) for name in SHEETS]


def export_guide(*, by, fmt: str = "xlsx") -> bytes:
    """The whole guide as xlsx or JSON bytes. Audited as ``guide.export``."""
    _require(by, edit=False)
    data = guide_data()
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    else:
        body = write_sheets(_sheet_rows(data))
    audit_write(by=by, action="guide.export", detail={"format": fmt, "items": len(data["items"])})
    return body


# --- import: reading ----------------------------------------------------------------------------


def _load(file) -> bytes | None:
    limit = settings.SHILIU_MAX_IMPORT_BYTES
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if getattr(file, "size", 0) and file.size > limit:
            return None
        data = file.read(limit + 1)
    return None if len(data) > limit else data


def _file_error(message: str) -> GuideImportRejected:
    return GuideImportRejected([GuideError("", 0, "", message)])


def _read_workbook(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows, with the checks of shiliu.core.xlsx.read_workbook (zip bomb, row count)."""
    not_xlsx = _("The file is not an Excel workbook (.xlsx).")
    if not data.startswith(b"PK\x03\x04"):
        raise _file_error(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _file_error(not_xlsx) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _file_error(_("The workbook is too large: at most %(rows)d rows.") % {"rows": MAX_ROWS - 1})
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - a damaged workbook fails in many ways, all mean "not an xlsx"
        raise _file_error(not_xlsx) from None
    try:
        sheets, total = {}, 0
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                total += 1
                if total > MAX_ROWS:
                    raise _file_error(_("The workbook is too large: at most %(rows)d rows.") % {"rows": MAX_ROWS - 1})
                rows.append(tuple(restore_cell(v) for v in row))
            sheets[sheet.title.strip().lower()] = rows
        return sheets
    finally:
        workbook.close()


@dataclass
class _Parsed:
    data: dict = field(default_factory=lambda: {name: [] for name in ("domains", "life_events", "items")})
    where: dict = field(default_factory=dict)  # (sheet, index path) -> row
    errors: list[GuideError] = field(default_factory=list)

    def error(self, sheet: str, row: int, column: str, message) -> None:
        self.errors.append(GuideError(sheet, row, column, str(message)))


def _cell(parsed: _Parsed, sheet: str, row: int, key: str, value) -> Any:
    if key in BOOLS:
        flag = cell_bool(value, empty=BOOLS[key])
        if flag is None:
            parsed.error(sheet, row, key, _("Write yes or no."))
        return flag
    if key in NUMBERS:
        text = cell_text(value)
        if text == "":
            return None
        try:
            return int(float(text)) if float(text).is_integer() else text
        except ValueError:
            return text  # clean_content reports it next to its column
    return cell_text(value)


def _parse_xlsx(data: bytes) -> _Parsed:
    sheets = _read_workbook(data)
    parsed = _Parsed()
    tables: dict[str, list[tuple[int, dict]]] = {}
    for name, keys in SHEETS.items():
        rows = sheets.get(name)
        if rows is None:
            parsed.error(name, 0, "", _("The sheet “%(sheet)s” is missing.") % {"sheet": name})
            continue
        header = [cell_text(c).lower() for c in (rows[0] if rows else ())]
        columns = {key: header.index(key) for key in keys if key in header}
        for key in sorted(REQUIRED[name] - set(columns)):
            parsed.error(name, 1, key, _("This column is missing."))
        for text in header:
            if text and text not in keys:
                parsed.error(name, 1, text, _("This column is not known."))
        table = []
        for number, row in enumerate(rows[1:], start=2):
            if all(v is None or cell_text(v) == "" for v in row):
                continue
            values = {key: _cell(parsed, name, number, key, row[i] if i < len(row) else None)
                      for key, i in columns.items()}
            table.append((number, values))
        tables[name] = table
    if parsed.errors:
        return parsed
    for name in ("domains", "life_events"):
        for number, values in tables[name]:
            parsed.where[(name, len(parsed.data[name]))] = number
            parsed.data[name].append(values)
    children: dict[str, dict[str, list[tuple[int, dict]]]] = {"materials": {}, "steps": {}}
    for name in children:
        for number, values in tables[name]:
            children[name].setdefault(values.get("item") or "", []).append((number, values))
    item_codes = set()
    for number, values in tables["items"]:
        index = len(parsed.data["items"])
        parsed.where[("items", index)] = number
        item_codes.add(values.get("code") or "")
        values["life_events"] = [c.strip() for c in (values.get("life_events") or "").replace("，", ",").split(",")
                                 if c.strip()]
        for name in children:
            rows = sorted(children[name].get(values.get("code") or "", []),
                          key=lambda r: (r[1].get("position") if isinstance(r[1].get("position"), int) else 0, r[0]))
            values[name] = []
            for i, (row_number, child) in enumerate(rows):
                parsed.where[(name, index, i)] = row_number
                values[name].append({k: v for k, v in child.items() if k not in ("item", "position")})
        parsed.data["items"].append(values)
    for name in children:
        for code, rows in children[name].items():
            if code not in item_codes:
                for row_number, _values in rows:
                    parsed.error(name, row_number, "item", _("No item in the items sheet has this code."))
    return parsed


def _parse_json(data: bytes) -> _Parsed:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _file_error(_("The file is not a JSON export of a service guide.")) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _file_error(_("The file is not a JSON export of a service guide."))
    parsed = _Parsed()
    for name in ("domains", "life_events", "items"):
        records = raw.get(name)
        if not isinstance(records, list):
            parsed.error(name, 0, "", _("The list “%(sheet)s” is missing.") % {"sheet": name})
            continue
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                parsed.error(name, index + 1, "", _("Each entry must be an object."))
                continue
            for key in sorted(REQUIRED[name] - set(record)):
                parsed.error(name, index + 1, key, _("This field is missing."))
            parsed.where[(name, index)] = index + 1
            record = dict(record)
            if name == "items":
                for child in ("materials", "steps"):
                    entries = record.get(child) or []
                    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                        parsed.error(name, index + 1, child, _("Each entry must be an object."))
                        entries = []
                    record[child] = entries
                    for i in range(len(entries)):
                        parsed.where[(child, index, i)] = index + 1
                if not isinstance(record.get("life_events", []), list):
                    parsed.error(name, index + 1, "life_events", _("A list of life event codes."))
                    record["life_events"] = []
            parsed.data[name].append(record)
    return parsed


# --- import: checking ---------------------------------------------------------------------------


def _check(parsed: _Parsed, *, json_source: bool) -> dict:
    """Check codes and references and every item's content; returns what the apply step needs."""
    data, err = parsed.data, parsed.error
    known: dict[str, set[str]] = {}
    for name, model in (("domains", Domain), ("life_events", LifeEvent)):
        seen: set[str] = set()
        for index, record in enumerate(data[name]):
            row = parsed.where[(name, index)]
            code = str(record.get("code") or "").strip()
            if not services.CODE.match(code):
                err(name, row, "code", _("Use 1 to 20 letters, digits and hyphens, like “SI-01”."))
            elif code in seen:
                err(name, row, "code", _("This code appears twice in the file."))
            seen.add(code)
            if not str(record.get("name") or "").strip():
                err(name, row, "name", _("Enter a name."))
            position = record.get("position")
            if position not in (None, "") and (not isinstance(position, int) or not 0 <= position <= 32000):
                err(name, row, "position", _("Enter a whole number from 0 to 32000."))
        known[name] = seen | set(model.objects.values_list("code", flat=True))
    categories = {c.code: c for c in Category.objects.all()}
    departments = {p.code: p for p in Place.objects.filter(kind=PlaceKind.DEPARTMENT)}
    seen_items: set[str] = set()
    contents = []
    for index, record in enumerate(data["items"]):
        row = parsed.where[("items", index)]
        code = str(record.get("code") or "").strip()
        if not services.CODE.match(code):
            err("items", row, "code", _("Use 1 to 20 letters, digits and hyphens, like “SI-01”."))
        elif code.lower() in seen_items:
            err("items", row, "code", _("This code appears twice in the file."))
        seen_items.add(code.lower())
        if str(record.get("domain") or "") not in known["domains"]:
            err("items", row, "domain", _("No domain has this code."))
        if str(record.get("category") or "") not in categories:
            err("items", row, "category", _("No work-order category has this code."))
        for event in record.get("life_events") or []:
            if str(event) not in known["life_events"]:
                err("items", row, "life_events", _("No life event has the code “%(code)s”.") % {"code": event})
        for key in ("active", "sample"):
            if key in record and not isinstance(record[key], bool) and json_source:
                err("items", row, key, _("Write true or false."))
        steps = []
        for i, step in enumerate(record.get("steps") or []):
            step = dict(step)
            department = str(step.get("department") or "").strip()
            if department:
                place = departments.get(department)
                if place is None:
                    where = parsed.where[("steps", index, i)]
                    err("steps", where, "department", _("No department (a place of kind department) has this code."))
                step["department"] = place
            else:
                step["department"] = None
            steps.append(step)
        content = {key: record.get(key) for key in services.TEXT_FIELDS}
        content.update(promised_days=record.get("promised_days"), channels=record.get("channels") or [],
                       materials=record.get("materials") or [], steps=steps)
        try:
            services.clean_content(content)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                sheet, where, column = _locate(parsed, index, row, key)
                for message in messages:
                    err(sheet, where, column, message)
        contents.append((code, record, content))
    return {"contents": contents, "categories": categories}


def _locate(parsed: _Parsed, index: int, row: int, key: str) -> tuple[str, int, str]:
    """Where a ``clean_content`` error belongs: ``steps-2-time_limit_days`` → (steps, its row, column)."""
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[0] in ("materials", "steps") and parts[1].isdigit():
        return parts[0], parsed.where.get((parts[0], index, int(parts[1])), row), parts[2]
    return "items", row, key


# --- import: applying ---------------------------------------------------------------------------


def _apply_named(model, records, create, update, by) -> int:
    changed = 0
    for record in records:
        fields = {"name": str(record.get("name") or ""), "name_en": str(record.get("name_en") or ""),
                  "position": record.get("position") or 0}
        existing = model.objects.filter(code=record["code"]).first()
        if existing is None:
            create(by=by, code=str(record["code"]).strip(), **fields)
            changed += 1
        elif (existing.name, existing.name_en, existing.position) != (
                str(fields["name"]).strip(), str(fields["name_en"]).strip(), int(fields["position"])):
            update(by, existing, fields)
            changed += 1
    return changed


def import_guide(*, file, by, fmt: str | None = None) -> ImportResult:
    """Create and update the guide from an xlsx or JSON export, all or nothing.

    Raises GuideImportRejected with every error (sheet, row, column, message) and changes nothing
    when anything is wrong. Audited as ``guide.import`` besides the records of each change.
    """
    _require(by, edit=True)
    data = _load(file)
    if data is None:
        limit = settings.SHILIU_MAX_IMPORT_BYTES // 1_000_000 or 1
        raise _file_error(_("The file is larger than %(mb)s MB.") % {"mb": limit})
    if not data.strip():
        raise _file_error(_("The file is empty."))
    if fmt is None:
        fmt = "json" if data.lstrip()[:1] in (b"{", b"[") else "xlsx"
    parsed = _parse_json(data) if fmt == "json" else _parse_xlsx(data)
    if parsed.errors:
        raise GuideImportRejected(parsed.errors)
    checked = _check(parsed, json_source=fmt == "json")
    if parsed.errors:
        raise GuideImportRejected(sorted(set(parsed.errors), key=lambda e: (
            list(SHEETS).index(e.sheet) if e.sheet in SHEETS else -1, e.row, e.column, e.message)))
    result = ImportResult()
    with transaction.atomic():
        result.domains = _apply_named(
            Domain, parsed.data["domains"], services.domain_create,
            lambda by, d, f: services.domain_update(by=by, domain=d, version=d.version, **f), by)
        result.life_events = _apply_named(
            LifeEvent, parsed.data["life_events"], services.life_event_create,
            lambda by, e, f: services.life_event_update(by=by, life_event=e, version=e.version, **f), by)
        domains = {d.code: d for d in Domain.objects.all()}
        events = {e.code: e for e in LifeEvent.objects.all()}
        for code, record, content in checked["contents"]:
            domain, category = domains[record["domain"]], checked["categories"][record["category"]]
            life_events = [events[c] for c in record.get("life_events") or []]
            item = ServiceItem.objects.filter(code__iexact=code).first()
            active = record.get("active", True) is not False
            if item is None:
                item = services.item_create(by=by, code=code, domain=domain, category=category, content=content,
                                            life_events=life_events, sample=bool(record.get("sample")),
                                            note=_("Imported"))
                result.created += 1
            else:
                published = services.item_publish(by=by, item=item, version=item.version, content=content,
                                                   domain=domain, category=category, life_events=life_events,
                                                   note=_("Imported"), only_if_changed=True)
                item = published.item
                if published.version is not None:
                    result.published += 1
                else:
                    result.unchanged += 1
            if item.active != active:
                services.item_set_active(by=by, item=item, version=item.version, active=active)
        audit_write(by=by, action="guide.import", detail={"format": fmt, **vars(result)})
    return result


def error_label(error: GuideError) -> str:
    """“items, row 3, column domain: …” for the command line and the pages."""
    parts = [error.sheet] if error.sheet else [_("file")]
    if error.row:
        parts.append(_("row %(row)s") % {"row": error.row})
    if error.column:
        parts.append(_("column %(column)s") % {"column": error.column})
    return ", ".join(parts) + ": " + error.message
