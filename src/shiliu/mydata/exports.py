"""The resident's download: what Shiliu holds about their phone, as JSON and as xlsx (A5)."""

import json

from django.utils import timezone

from shiliu.core.xlsx import write_sheets
from shiliu.mydata.collectors import Section


def as_json(sections: list[Section], requests: list[dict]) -> bytes:
    data = {"generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "sections": [s.as_data() for s in sections], "requests": requests}
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def as_xlsx(sections: list[Section], requests: list[dict], requests_title: str) -> bytes:
    """One sheet per section (its labels as the header row); spreadsheet formulas neutralised (F5)."""
    sheets = []
    for number, section in enumerate(sections, start=1):
        data = section.as_data()
        headers = list(data["rows"][0]) if data["rows"] else []
        rows = [[row.get(h) for h in headers] for row in data["rows"]]
        sheets.append((f"{number} {data['title']}"[:31], headers, rows))
    if requests:
        headers = list(requests[0])
        sheets.append((requests_title[:31], headers, [[r[h] for h in headers] for r in requests]))
    if not sheets:
        sheets.append(("-", [""], []))
    return write_sheets(sheets)
