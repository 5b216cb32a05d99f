"""A service item with three steps (window, community, department) for the step tests."""

from shiliu.guide.models import Domain, ItemVersion, ServiceItem, Step, StepOwner


def make_item(wo, *, code="SI-001", promised_days=7, steps=None, by=None):
    """A service item under the insurance category with its first version and steps:
    (owner, days, tell_resident[, department]) tuples."""
    tree = wo.tree
    domain, _ = Domain.objects.get_or_create(code="social", defaults={"name": "社会保障"})
    item = ServiceItem.objects.create(code=code, domain=domain, category=wo.insurance)
    version = add_version(item, promised_days=promised_days, steps=steps if steps is not None else [
        (StepOwner.WINDOW, 1, False, None),
        (StepOwner.SUBDISTRICT, 2, True, None),
        (StepOwner.DEPARTMENT, 3, True, tree.education),
    ])
    return item, version


def add_version(item, *, promised_days=7, steps=()):
    number = item.versions.count() + 1
    version = ItemVersion.objects.create(item=item, number=number, name=f"灵活就业参保登记 v{number}",
                                         name_en=f"Flexible employment insurance v{number}",
                                         promised_days=promised_days, channels=["window", "hotline"])
    for position, (owner, days, tell, department) in enumerate(steps, start=1):
        Step.objects.create(item_version=version, position=position, name=f"第{position}步", name_en=f"Step {position}",
                            owner=owner, department=department, time_limit_days=days, tell_resident=tell)
    item.current = version
    item.save(update_fields=["current"])
    return version


def sms_templates(order):
    from shiliu.notify.models import Outbox

    return list(Outbox.objects.filter(channel="sms", key__startswith=f"order:{order.pk}:").order_by("id")
                .values_list("template", flat=True))
