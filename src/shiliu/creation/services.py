"""Every write to demonstration sites, their "six ones" and evidence goes through these functions.

Each is atomic and audited, validates every field at once (one ValidationError naming each
bad field), and takes the version read on an edit (StaleVersion when someone saved since).
Brands and honours are written by shiliu.creation.recognition.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.images import clean_image
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.choices import SITE_TRANSITIONS, STANDING, EvidenceKind, Level, SiteStatus, SixOnes
from shiliu.creation.models import NAME_MAX, NOTE_MAX, TEXT_MAX, DemonstrationSite, Evidence, SixOnesItem
from shiliu.creation.uploads import clean_document
from shiliu.places.models import Place

FIRST_YEAR = 1980  # the earliest year a site or honour can have been named





def clean_year(errors: FieldErrors, field: str, value, *, required: bool) -> int | None:
    if value in (None, ""):
        if required:
            errors.add(field, _("Enter the year."))
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        errors.add(field, _("Enter a year, like 2024."))
        return None
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        errors.add(field, _("Enter a year between %(first)d and this year.") % {"first": FIRST_YEAR})
    return year


def clean_place(errors: FieldErrors, place, *, by, cap: str, message: str) -> Place | None:
    """A place where ``by`` holds ``cap``; otherwise a message (outside scope looks like "none chosen")."""
    if not isinstance(place, Place):
        errors.add("place", _("Choose a place."))
        return None
    if not can(by, cap, place):
        errors.add("place", message)
        return None
    return place


def bump(model, *, pk: int, version: int, **changes) -> None:
    """Write ``changes`` only if the row still has ``version``; raise StaleVersion otherwise (H2)."""
    updated = model.objects.filter(pk=pk, version=version).update(version=F("version") + 1, **changes)
    if not updated:
        raise StaleVersion()


# --- demonstration sites ------------------------------------------------------------------------

SITE_FIELDS = {"name", "level", "place", "status", "named_year", "description", "public"}


def _clean_site(data: dict, *, by, current: DemonstrationSite | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the demonstration site."))
    if "level" in data:
        if data["level"] not in Level.values:
            errors.add("level", _("Choose one of the listed levels."))
        out["level"] = data["level"]
    if "place" in data:
        out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CREATION_EDIT,
                                   message=_("You cannot record demonstration sites at this place."))
    status = data.get("status", current.status if current else SiteStatus.CANDIDATE)
    if "status" in data:
        if status not in SiteStatus.values:
            errors.add("status", _("Choose one of the listed statuses."))
        elif current is not None and status != current.status and status not in SITE_TRANSITIONS[current.status]:
            errors.add("status", _("A site that is %(now)s cannot become %(new)s.") % {
                "now": SiteStatus(current.status).label, "new": SiteStatus(status).label})
        out["status"] = status
    if "named_year" in data:
        out["named_year"] = clean_year(errors, "named_year", data["named_year"], required=False)
    named_year = out.get("named_year", current.named_year if current else None)
    if status in STANDING and named_year is None and "named_year" not in errors:
        errors.add("named_year", _("A named site needs the year it was named."))
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], max_length=TEXT_MAX)
    if "public" in data:
        out["public"] = bool(data["public"])
    errors.raise_any()
    return out


@transaction.atomic
def site_create(*, by, name: str, level: str, place: Place, status: str = SiteStatus.CANDIDATE,
                named_year: int | None = None, description: str = "", public: bool = True) -> DemonstrationSite:
    """Record a demonstration site with its six (empty) items. Emits ``creation.site.create``."""
    data = _clean_site(dict(name=name, level=level, place=place, status=status, named_year=named_year,
                            description=description, public=public), by=by, current=None)
    site = DemonstrationSite.objects.create(created_by=by, **data)
    SixOnesItem.objects.bulk_create(SixOnesItem(site=site, kind=kind) for kind in SixOnes.values)
    audit_write(by=by, action="creation.site.create", target=site,
                detail={"level": site.level, "status": site.status, "place": site.place_id})
    return site


@transaction.atomic
def site_update(*, site: DemonstrationSite, by, version: int, **fields) -> DemonstrationSite:
    """Change a site's fields (a status only along SITE_TRANSITIONS). Emits ``creation.site.update``."""
    unknown = set(fields) - SITE_FIELDS
    if unknown:
        raise ValueError(f"site_update does not change {sorted(unknown)}")
    current = DemonstrationSite.objects.select_related("place").get(pk=site.pk)
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.CREATION_EDIT, current.place):
        raise PermissionDenied()
    data = _clean_site(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    bump(DemonstrationSite, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action="creation.site.update", target=current,
                detail={"changed": sorted(changed), **({"status": changed["status"]} if "status" in changed else {})})
    return DemonstrationSite.objects.select_related("place").get(pk=current.pk)


@transaction.atomic
def item_note_set(*, item: SixOnesItem, by, note: str) -> SixOnesItem:
    """Say what the item is (for example "the unity corridor on Xieshu Road")."""
    if not can(by, Cap.CREATION_EDIT, item.site.place):
        raise PermissionDenied()
    errors = FieldErrors()
    note = clean_text(errors, "note", note, max_length=200)
    errors.raise_any()
    if note != item.note:
        SixOnesItem.objects.filter(pk=item.pk).update(note=note)
        item.note = note
        audit_write(by=by, action="creation.item.note", target=item.site, detail={"item": item.kind})
    return item


# --- evidence -----------------------------------------------------------------------------------

def progress(site: DemonstrationSite) -> int:
    """How many of the six items have evidence that is not withdrawn (read inside the transaction)."""
    return (Evidence.objects.filter(item__site=site, withdrawn_at__isnull=True)
            .values("item_id").distinct().count())


def _file_name(upload, extension: str) -> str:
    """The uploader's name for the file, for display only, ending in the extension of its real type."""
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem = name.rsplit(".", 1)[0][:100] or "file"
    return f"{stem}.{extension}"


def _clean_file(errors: FieldErrors, kind: str, upload):
    """(content, content type, extension) of a checked upload, or None with a message."""
    field = "file"
    if upload is None:
        errors.add(field, _("Choose a photo to upload.") if kind == EvidenceKind.PHOTO
                   else _("Choose a document to upload."))
        return None
    try:
        if kind == EvidenceKind.PHOTO:
            image = clean_image(upload, max_bytes=settings.SHILIU_UPLOAD_MAX_BYTES)
            return image.content, image.content_type, image.extension
        document = clean_document(upload, max_bytes=settings.SHILIU_UPLOAD_MAX_BYTES)
        return document.content, document.content_type, document.extension
    except ValidationError as e:
        for message in e.messages:
            errors.add(field, message)
        return None


def _clean_activity(errors: FieldErrors, activity, *, by):
    """An activity the user may see (its place within their ``activity.view`` scope)."""
    if activity is None:
        errors.add("activity", _("Choose the activity that proves this item."))
        return None
    from shiliu.activities.choices import ActivityStatus
    from shiliu.creation.links import linkable_activities

    # The same activities the form offers: run or co-organized by the user's places.
    if not linkable_activities(by).filter(pk=int(getattr(activity, "pk", 0) or 0)).exists():
        errors.add("activity", _("Choose an activity of your places."))
        return None
    # Proof is something that happened: an activity recorded as held.
    if activity.status != ActivityStatus.DONE:
        errors.add("activity", _("Only an activity that has been held (its outcome recorded) proves an item."))
        return None
    return activity


@transaction.atomic
def evidence_add(*, item: SixOnesItem, by, kind: str, note: str = "", file=None, activity=None) -> Evidence:
    """Add proof to an item: an activity, a document (PDF, .docx, .xlsx) or a photo (re-encoded
    without EXIF). Emits ``creation.evidence.add`` with the site's progress after it."""
    site = DemonstrationSite.objects.select_related("place").get(pk=item.site_id)
    if not can(by, Cap.CREATION_EDIT, site.place):
        raise PermissionDenied()
    errors = FieldErrors()
    note = clean_text(errors, "note", note, max_length=NOTE_MAX)
    checked = linked = None
    if kind not in EvidenceKind.values:
        errors.add("kind", _("Choose an activity, a document or a photo."))
    elif kind == EvidenceKind.ACTIVITY:
        linked = _clean_activity(errors, activity, by=by)
    else:
        checked = _clean_file(errors, kind, file)
    errors.raise_any()
    evidence = Evidence(item=item, kind=kind, note=note, added_by=by, token=secrets.token_hex(16))
    if linked is not None:
        evidence.activity = linked
    if checked is not None:
        content, content_type, extension = checked
        evidence.file_name = _file_name(file, extension)
        evidence.content_type, evidence.size = content_type, len(content)
        evidence.sha256 = hashlib.sha256(content).hexdigest()
        evidence.file.save(evidence.token, ContentFile(content), save=False)
    evidence.save()
    audit_write(by=by, action="creation.evidence.add", target=site,
                detail={"evidence": evidence.pk, "item": item.kind, "kind": kind, "sha256": evidence.sha256,
                        "progress": progress(site)})
    return evidence


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, by, reason: str) -> Evidence:
    """Withdraw evidence that no longer counts. The row and its file are kept (never deleted), with
    who, when and why. Emits ``creation.evidence.withdraw`` with the site's progress after it."""
    current = Evidence.objects.select_for_update().select_related("item__site__place").get(pk=evidence.pk)
    site = current.item.site
    if not can(by, Cap.CREATION_EDIT, site.place):
        raise PermissionDenied()
    errors = FieldErrors()
    reason = clean_text(errors, "reason", reason, max_length=200,
                        required=_("Say why this evidence no longer counts."))
    if current.withdrawn_at is not None:
        errors.add("__all__", _("This evidence was already withdrawn."))
    errors.raise_any()
    current.withdrawn_at, current.withdrawn_by, current.withdraw_reason = timezone.now(), by, reason
    current.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    audit_write(by=by, action="creation.evidence.withdraw", target=site,
                detail={"evidence": current.pk, "item": current.item.kind, "progress": progress(site)})
    return current
