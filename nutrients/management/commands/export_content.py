from pathlib import Path

from django.core.management.base import BaseCommand

from nutrients.content import CONTENT_FIXTURE, export_content


class Command(BaseCommand):
    help = "Write the site's content back to fixtures/content.json, so editors' work can be committed and reviewed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=CONTENT_FIXTURE, help="Where to write it (default: %(default)s)."
        )

    def handle(self, *args, **options):
        export_content(path=options["output"])
        self.stdout.write(self.style.SUCCESS(f"Wrote the content to {options['output']}."))
