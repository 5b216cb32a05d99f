"""A verified resident for the job-seeker profile tests: the portal's real code pages and API."""

from shiliu.notify.models import Outbox

PHONE = "13812345678"
E164 = "+8613812345678"
OTHER = "13912345678"
OTHER_E164 = "+8613912345678"
API = "/api/v1/portal"


def last_code(phone_e164: str) -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == phone_e164]
    assert rows, "no code was sent"
    return rows[0].params["code"]


def verify(client, phone: str = PHONE, e164: str = E164):
    """Prove ``phone`` through the real pages (the browser's session)."""
    assert client.post("/portal/code/", {"step": "send", "phone": phone}).status_code == 200
    return client.post("/portal/code/", {"step": "verify", "code": last_code(e164), "next": "/portal/mine/"})


def token(client, phone: str = PHONE, e164: str = E164) -> dict:
    """Headers with a resident token for ``phone`` (the API's code and verify)."""
    assert client.post(f"{API}/code", {"phone": phone}, content_type="application/json").status_code == 202
    response = client.post(f"{API}/code/verify", {"phone": phone, "code": last_code(e164)},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return {"HTTP_X_RESIDENT_TOKEN": response.json()["token"]}


def profile_data(tree, **overrides) -> dict:
    data = {"name": "古丽米拉", "place": str(tree.xieshu.pk), "languages": ["mandarin", "uyghur"],
            "skills": ["assembly"], "skills_other": "会缝纫", "wished_place": "", "wished_pay_min": "5000",
            "wished_pay_max": "8000", "availability": "now", "consent": "on"}
    data.update(overrides)
    return data
