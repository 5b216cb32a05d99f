"""Shared helpers of the portal tests: the code that reached a phone, and a verified browser."""

from shiliu.notify.models import Outbox

PHONE = "13812345678"
E164 = "+8613812345678"
OTHER = "13912345678"


def last_code(phone_e164: str = E164) -> str:
    """The code in the newest verification SMS to ``phone_e164`` (the outbox keeps it until sent)."""
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == phone_e164]
    assert rows, "no code was sent"
    return rows[0].params["code"]


def verify(client, phone: str = PHONE, e164: str = E164):
    """Prove ``phone`` through the real pages; returns the last response."""
    response = client.post("/portal/code/", {"step": "send", "phone": phone})
    assert response.status_code == 200, response.content[:500]
    return client.post("/portal/code/", {"step": "verify", "code": last_code(e164), "next": "/portal/mine/"})


def categories():
    """An "other" category (the fallback of a request described in words) and a specific one."""
    from shiliu.workorders.models import Category

    other, _ = Category.objects.get_or_create(code="other", defaults={"name": "其他", "name_en": "Other"})
    insurance, _ = Category.objects.get_or_create(code="social-insurance",
                                                  defaults={"name": "社会保险", "name_en": "Social insurance"})
    return other, insurance


def ask_data(tree, **overrides) -> dict:
    data = {"service": "", "description": "孩子转学需要准备什么材料？", "place": str(tree.xieshu.pk),
            "consent": "on", "form_key": "key-1"}
    data.update(overrides)
    return data
