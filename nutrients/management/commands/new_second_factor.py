from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from nutrients.editors import enrol_second_factor


class Command(BaseCommand):
    help = (
        "Give an account a new second factor (authenticator key and recovery codes), for a lost phone or an "
        "editor made before second factors: the old key and codes stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account called {username!r}.")
        self.stdout.write(enrol_second_factor(user).instructions())
