"""A version as the pages show it, in the reader's language, and what changed between two versions."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from shiliu.guide.models import ItemChannel, ItemVersion, MaterialForm, StepOwner, pick


@dataclass
class Shown:
    name: str
    description: str
    eligibility: str
    fees: str
    legal_basis: str
    promised_days: int
    channels: list[str]
    materials: list[dict]
    steps: list[dict]


def shown(version: ItemVersion, language: str | None) -> Shown:
    """What a reader sees of a version (materials and steps must be prefetched)."""
    materials = [{
        "name": m.label(language), "form": MaterialForm(m.form).label, "copies": m.copies, "required": m.required,
        "notes": pick(language, m.notes, m.notes_en)} for m in version.materials.all()]
    steps = [{
        "position": s.position, "name": s.label(language), "owner": StepOwner(s.owner).label,
        "department": s.department.display_name(language) if s.department else "",
        "time_limit_days": s.time_limit_days, "tell_resident": s.tell_resident} for s in version.steps.all()]
    return Shown(
        name=version.label(language), description=pick(language, version.description, version.description_en),
        eligibility=pick(language, version.eligibility, version.eligibility_en),
        fees=pick(language, version.fees, version.fees_en), legal_basis=version.legal_basis,
        promised_days=version.promised_days,
        channels=[str(ItemChannel(c).label) for c in version.channels if c in ItemChannel.values],
        materials=materials, steps=steps)


FIELD_LABELS = {
    "name": pgettext_lazy("guide field", "Name"), "name_en": pgettext_lazy("guide field", "Name in English"),
    "description": pgettext_lazy("guide field", "Description"),
    "description_en": pgettext_lazy("guide field", "Description in English"),
    "eligibility": pgettext_lazy("guide field", "Who may ask"),
    "eligibility_en": pgettext_lazy("guide field", "Who may ask, in English"),
    "promised_days": pgettext_lazy("guide field", "Promised time limit (working days)"),
    "fees": pgettext_lazy("guide field", "Fees"), "fees_en": pgettext_lazy("guide field", "Fees in English"),
    "legal_basis": pgettext_lazy("guide field", "Legal basis"),
    "channels": pgettext_lazy("guide field", "Offered on"),
}


def _material_line(m) -> str:
    return f"{m.name} · {MaterialForm(m.form).label} ×{m.copies}" + ("" if m.required else f" ({_('if any')})") + (
        f" — {m.notes}" if m.notes else "")


def _step_line(s) -> str:
    owner = s.department.name if s.department else str(StepOwner(s.owner).label)
    return f"{s.name} · {owner} · {s.time_limit_days}"


def changes(old: ItemVersion | None, new: ItemVersion) -> dict:
    """Field by field what ``new`` says differently from ``old``; materials and steps as lines
    removed and added. Both versions' materials and steps must be prefetched."""
    labels = {key: str(label) for key, label in FIELD_LABELS.items()}
    if old is None:
        return {"fields": [], "materials": ([], []), "steps": ([], []), "labels": []}
    fields = []
    for key in FIELD_LABELS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            if key == "channels":
                before = ", ".join(str(ItemChannel(c).label) for c in before)
                after = ", ".join(str(ItemChannel(c).label) for c in after)
            fields.append({"label": labels[key], "before": before, "after": after})
    old_m, new_m = [_material_line(m) for m in old.materials.all()], [_material_line(m) for m in new.materials.all()]
    old_s, new_s = [_step_line(s) for s in old.steps.all()], [_step_line(s) for s in new.steps.all()]
    materials = ([x for x in old_m if x not in new_m], [x for x in new_m if x not in old_m])
    steps = ([x for x in old_s if x not in new_s], [x for x in new_s if x not in old_s])
    summary = [f["label"] for f in fields]
    if materials != ([], []):
        summary.append(_("Required materials"))
    if steps != ([], []) or (old_s != new_s and not any(steps)):
        summary.append(_("Steps"))
    return {"fields": fields, "materials": materials, "steps": steps, "labels": summary}
