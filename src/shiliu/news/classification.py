"""SECURITY.md A1 for news and notices: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_G = F(GENERAL, "news, notices and policy texts published to residents", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member wrote or reviewed it (never shown publicly)", RECORD)
_FILE = F(GENERAL, "a picture of a published text, stored re-encoded without EXIF (B6)", RECORD)

FIELDS = {
    "news.Article": {
        "id": ID, "kind": _G, "place": _G, "title": _G, "summary": _G, "body": _G, "status": _G,
        "publish_at": _G, "return_reason": F(GENERAL, "the reviewer's reason for sending a draft back", RECORD),
        "created_by": _WHO, "reviewed_by": _WHO, "reviewed_at": CREATED,
        "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "news.ArticleImage": {
        "id": ID, "article": _FILE, "token": _FILE, "file": _FILE, "content_type": _FILE, "width": _FILE,
        "height": _FILE, "size": _FILE, "uploaded_by": _WHO, "uploaded_at": CREATED,
    },
}
