from django.core.management.base import BaseCommand, CommandError

from nutrients.generator import multiply_content


class Command(BaseCommand):
    help = (
        "Make the content N times larger with numbered copies, "
        "for checking that pages stay fast (never on a real site)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--times", type=int, default=100, help="How many times larger (default 100).")

    def handle(self, *args, times, **options):
        try:
            multiply_content(times=times)
        except ValueError as error:
            raise CommandError(error) from error
        self.stdout.write(self.style.SUCCESS(f"The content is now {times} times larger."))
