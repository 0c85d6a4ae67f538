from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from nutrients.content import CONTENT_FIXTURE, has_content, lock_for_loading
from search.index import rebuild


class Command(BaseCommand):
    help = "Load the site's content from fixtures/ and index it for search, but only into a database that has none yet."

    def handle(self, *args, **options):
        # One transaction with a lock: two runs at once (two hosts deploying)
        # load the content once, and the second one skips.
        with transaction.atomic():
            lock_for_loading()
            if has_content():
                self.stdout.write("Content already present: skipped loading, so no editor's work is overwritten.")
                return
            call_command("loaddata", CONTENT_FIXTURE, verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS(f"Loaded the content and indexed {rebuild()} documents for search."))
