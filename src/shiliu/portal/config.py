"""What the portal's home shows that no other app keeps: the hotline numbers.

``SHILIU_PORTAL_HOTLINES`` (a list of dicts: name, name_en, number, hours, hours_en) replaces
the default. Read on each call, never at import time.
"""

from django.conf import settings

DEFAULT_HOTLINES = [
    {"name": "12345 政务服务便民热线", "name_en": "12345 government service hotline", "number": "12345",
     "hours": "全天", "hours_en": "24 hours"},
    {"name": "贝大姐民族事务热线（示例号码）", "name_en": "Sister Bei ethnic-affairs hotline (sample number)",
     "number": "0574-86880000", "hours": "工作日 8:30–17:00", "hours_en": "Working days 8:30–17:00"},
]


def hotlines(language: str | None) -> list[dict]:
    english = bool(language and language.startswith("en"))
    rows = getattr(settings, "SHILIU_PORTAL_HOTLINES", None) or DEFAULT_HOTLINES
    return [{"name": (row.get("name_en") if english else None) or row.get("name", ""),
             "hours": (row.get("hours_en") if english else None) or row.get("hours", ""),
             "number": row.get("number", ""),
             "dial": "".join(ch for ch in row.get("number", "") if ch.isdigit() or ch == "+")}
            for row in rows]
