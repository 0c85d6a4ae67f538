from pathlib import Path

from django.core.management.base import BaseCommand

from legwell.backup import backup


class Command(BaseCommand):
    help = "Write a consistent copy of the whole database to PATH (SQLite's backup API, or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        backup(path)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {path}."))
