"""Demo records of creation work: demonstration sites at each level with their six ones part
done (small generated PDFs and pictures as evidence, and an activity where the place has one),
brands such as the Sister Bei hotline, and honours (the one person is a synthetic name).
Loading twice adds nothing: a site, brand or honour already there is left alone.
"""

import io
import zlib
from datetime import date

from django.core.files.base import ContentFile
from PIL import Image

from shiliu.activities.models import Activity
from shiliu.creation.choices import EvidenceKind, Level, Recipient, SiteStatus, SixOnes
from shiliu.creation.models import Brand, DemonstrationSite, Honour
from shiliu.creation.recognition import brand_create, honour_create
from shiliu.creation.services import evidence_add, site_create

ORDER = 70

# (place code, name, level, status, year named, items with evidence)
SITES = [
    ("330206901", "宁波职业技术学院“石榴籽”民族团结进步示范点", Level.NATIONAL, SiteStatus.NAMED, 2022, list(SixOnes)),
    ("330206001001", "大港社区民族团结进步示范社区", Level.PROVINCIAL, SiteStatus.REVIEWING, 2019,
     [SixOnes.DEMONSTRATION_POINT, SixOnes.PUBLICITY_CARRIER, SixOnes.KNOWLEDGE_LECTURE, SixOnes.THEMED_ACTIVITY,
      SixOnes.ACTIVITY_VENUE]),
    ("330206003001", "谢墅社区民族团结进步示范点", Level.CITY, SiteStatus.NAMED, 2021,
     [SixOnes.DEMONSTRATION_POINT, SixOnes.PUBLICITY_CARRIER, SixOnes.THEMED_ACTIVITY, SixOnes.ASSISTANCE_PROJECT]),
    ("330206003802", "大碶示范小学民族团结教育示范校", Level.DISTRICT, SiteStatus.NAMED, 2023,
     [SixOnes.KNOWLEDGE_LECTURE, SixOnes.PUBLICITY_CARRIER]),
    ("330206001801", "北仑示范纺织有限公司民族团结进步示范企业", Level.DISTRICT, SiteStatus.CANDIDATE, None,
     [SixOnes.ACTIVITY_VENUE]),
]

# (place code, name, since, description)
BRANDS = [
    ("330206003", "贝大姐热线", "2016-03-08", "民族事务热线：来电当场答复，或转为工单派单、办理、回访。"),
    ("330206901", "米娜工作室", "2015-09-01", "为在校新疆籍学生提供学业、生活和就业辅导的工作室。"),
    ("330206003001", "石榴籽工作室", "2019-05-20", "社区民族团结进步工作室：政策咨询、结对帮扶、文化交流。"),
]

# (place code, title, level, year, awarding body, recipient, person's name)
HONOURS = [
    ("330206901", "全国民族团结进步示范单位", Level.NATIONAL, 2022, "国家民委", Recipient.UNIT, ""),
    ("330206001001", "浙江省民族团结进步模范集体", Level.PROVINCIAL, 2019, "浙江省人民政府", Recipient.UNIT, ""),
    ("330206003", "北仑区民族团结进步先进集体", Level.DISTRICT, 2024, "北仑区人民政府", Recipient.UNIT, ""),
    ("330206003001", "宁波市民族团结进步先进个人", Level.CITY, 2023, "宁波市人民政府", Recipient.PERSON, "马秀兰"),
]

NOTES: dict[str, str] = {
    SixOnes.DEMONSTRATION_POINT: "示范点挂牌及工作制度",
    SixOnes.PUBLICITY_CARRIER: "民族团结宣传栏照片",
    SixOnes.KNOWLEDGE_LECTURE: "民族知识讲座签到表与讲稿",
    SixOnes.THEMED_ACTIVITY: "“石榴籽”主题活动照片",
    SixOnes.ACTIVITY_VENUE: "活动场所平面图",
    SixOnes.ASSISTANCE_PROJECT: "结对帮扶项目方案",
}
PHOTO_ITEMS: set[str] = {SixOnes.PUBLICITY_CARRIER, SixOnes.THEMED_ACTIVITY}


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (ASCII text only), so the evidence opens in any reader."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def demo_photo(seed: int) -> bytes:
    """A small picture in the pomegranate's colours (no camera, no EXIF)."""
    image = Image.new("RGB", (320, 200), (176, 32, 48))
    for y in range(0, 200, 20):
        shade = (200 + (seed * 13 + y) % 55, 60 + (seed * 7) % 60, 70)
        image.paste(shade, (0, y, 320, y + 10))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _evidence(site, kind: str, by, seed: int) -> None:
    item = site.items.get(kind=kind)
    activity = (Activity.objects.filter(place__path__startswith=site.place.path).order_by("starts_at").first()
                if kind in (SixOnes.THEMED_ACTIVITY, SixOnes.KNOWLEDGE_LECTURE) else None)
    if activity is not None:
        evidence_add(item=item, by=by, kind=EvidenceKind.ACTIVITY, activity=activity, note=NOTES[kind])
    elif kind in PHOTO_ITEMS:
        evidence_add(item=item, by=by, kind=EvidenceKind.PHOTO, note=NOTES[kind],
                     file=ContentFile(demo_photo(seed), name=f"photo-{seed}.png"))
    else:
        title = f"Shiliu demo evidence {zlib.crc32(NOTES[kind].encode()):08x}"
        evidence_add(item=item, by=by, kind=EvidenceKind.DOCUMENT, note=NOTES[kind],
                     file=ContentFile(demo_pdf(title), name=f"{NOTES[kind]}.pdf"))


def load(*, places, users, admin) -> dict:
    # A fresh copy: the caller's may have cached its roles before the district role was granted.
    admin = type(admin).objects.get(pk=admin.pk)
    made = {"creation_sites": 0, "creation_brands": 0, "creation_honours": 0}
    for n, (code, name, level, status, year, done) in enumerate(SITES):
        place = places[code]
        if DemonstrationSite.objects.filter(place=place, name=name).exists():
            continue
        site = site_create(by=admin, name=name, level=level, place=place, status=status, named_year=year,
                           description="")
        for i, kind in enumerate(done):
            _evidence(site, kind, admin, n * 10 + i)
        made["creation_sites"] += 1
    for code, name, since, description in BRANDS:
        place = places[code]
        if not Brand.objects.filter(place=place, name=name).exists():
            brand_create(by=admin, name=name, place=place, since=date.fromisoformat(since), description=description)
            made["creation_brands"] += 1
    for code, title, level, year, body, recipient, person in HONOURS:
        place = places[code]
        if not Honour.objects.filter(place=place, title=title, year=year).exists():
            honour_create(by=admin, title=title, level=level, year=year, place=place, awarding_body=body,
                          recipient=recipient, person_name=person)
            made["creation_honours"] += 1
    return made
