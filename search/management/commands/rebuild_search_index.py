from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Write the search index again from the content (after bulk changes that send no signals)."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Indexed {rebuild()} documents."))
