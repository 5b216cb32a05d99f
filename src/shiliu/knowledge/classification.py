"""SECURITY.md A1 for the knowledge base: joins shiliu.core.classification.FIELDS.

Articles are public-service guidance written by staff: no resident's data belongs in them.
Who wrote or changed what is personal data of staff, kept with the record.
"""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_KB = F(GENERAL, "guidance the hotline answers from", FOREVER)
_INDEX = F(GENERAL, "full-text search (derived from the article's words)", RECORD)
_HISTORY = F(GENERAL, "history of the guidance given to residents", FOREVER)
_AUTHOR = F(PERSONAL, "who wrote or changed the guidance", FOREVER)

FIELDS = {
    "knowledge.Article": {
        "id": ID, "category": _KB, "title": _KB, "body": _KB, "title_en": _KB, "body_en": _KB,
        "keywords": _KB, "status": _KB, "published_at": _KB,
        "search_text": _INDEX, "search_title": _INDEX, "search_body": _INDEX,
        "created_by": _AUTHOR, "created_at": CREATED, "updated_by": _AUTHOR, "updated_at": CREATED,
        "version": VERSION,
    },
    "knowledge.ArticleRevision": {
        "id": ID, "article": _HISTORY, "version": _HISTORY, "category": _HISTORY, "title": _HISTORY,
        "body": _HISTORY, "title_en": _HISTORY, "body_en": _HISTORY, "keywords": _HISTORY, "status": _HISTORY,
        "change": _HISTORY, "by": _AUTHOR, "at": _HISTORY,
    },
    "knowledge.Synonym": {
        "id": ID, "term": F(GENERAL, "search: a term residents use", FOREVER),
        "expands_to": F(GENERAL, "search: what the term means", FOREVER),
        "created_by": _AUTHOR, "created_at": CREATED,
    },
}
