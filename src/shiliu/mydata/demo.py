"""Demo data requests: two residents' requests waiting in the district office's queue (a deletion
from the contact of the museum's past visits, a correction). Synthetic numbers; loading twice adds
nothing (each demo request has its own form key)."""

from shiliu.mydata.models import DataRequest
from shiliu.mydata.services import request_create

ORDER = 200  # after the apps whose records the requests are about

REQUESTS = [
    ("demo-mydata-delete", "+8613900001499", "delete", "", "我已经回老家了，请删除我在知识馆预约里留的信息。"),
    ("demo-mydata-correct", "+8613900001205", "correct", "activities", "报名时名字写错了，应为陈建国。"),
]


def load(*, places, users, admin) -> dict:
    made = 0
    for key, phone, kind, section, text in REQUESTS:
        if DataRequest.objects.filter(form_key=key).exists():
            continue
        request_create(phone=phone, kind=kind, text=text, section=section, form_key=key)
        made += 1
    return {"mydata_requests": made}
