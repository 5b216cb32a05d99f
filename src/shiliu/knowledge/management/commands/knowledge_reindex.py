from django.core.management.base import BaseCommand
from django.db import transaction

from shiliu.knowledge.services import reindex_all


class Command(BaseCommand):
    help = "Rewrite the search words of every knowledge-base article (after a jieba upgrade, for example)."

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = reindex_all()
        self.stdout.write(f"{changed} articles re-indexed.")
