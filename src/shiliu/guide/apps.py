from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "shiliu.guide"

    def ready(self) -> None:
        from shiliu.guide.services import reindex_search_words
        from shiliu.knowledge.services import synonyms_changed

        synonyms_changed.connect(reindex_search_words, dispatch_uid="guide.reindex_search_words")
