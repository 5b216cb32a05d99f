import importlib.util
import io
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image
from PIL.ExifTags import GPS, IFD

from shiliu.news.models import Article
from shiliu.news.services import article_approve, article_create, article_submit


def jpeg_with_gps(size=(120, 90)) -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[IFD.GPSInfo] = {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (29.0, 53.0, 12.0),
                         GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (121.0, 50.0, 3.0)}
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def draft(people, tree, *, title="社区招聘会", by=None, place=None, body="<p>周六上午九点</p>") -> Article:
    return article_create(by=by or people.worker, kind="notice", place=place or tree.xieshu, title=title,
                          summary="岗位多", body=body)


def submitted(people, tree, **kw) -> Article:
    article = draft(people, tree, **kw)
    return article_submit(article=article, by=kw.get("by") or people.worker, version=article.version)


def published(people, tree, *, days: int | None = None, **kw) -> Article:
    article = submitted(people, tree, **kw)
    when = None if days is None else timezone.now() + timedelta(days=days)
    return article_approve(article=article, by=people.officer, version=article.version, publish_at=when)


def _shared_conftest():
    # tests/ has no __init__.py, so "conftest" names whichever conftest pytest loaded last; load
    # the shared one by its path (as tests/browser/browser_helpers.py does).
    spec = importlib.util.spec_from_file_location("shiliu_shared_conftest_news",
                                                  Path(__file__).parents[1] / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def xinqi_officer(tree):
    """A subdistrict officer of another subdistrict (新碶): a reviewer with no right over 大碶's articles."""
    from shiliu.accounts.models import Role

    return _shared_conftest().make_user("xinqi_officer", Role.SUBDISTRICT_OFFICER, tree.xinqi)
