from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from legwell.backup import restore


class Command(BaseCommand):
    help = "Replace the whole database with a copy that `manage.py backup` wrote."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="Do not ask first.")

    def handle(self, *args, path, interactive, **options):
        if not path.is_file():
            raise CommandError(f"There is no backup at {path}.")
        question = f"This replaces everything in the database with {path}. Type 'yes' to go on: "
        if interactive and input(question) != "yes":
            raise CommandError("Restore cancelled; nothing changed.")
        restore(path)
        self.stdout.write(self.style.SUCCESS(f"Restored the database from {path}."))
