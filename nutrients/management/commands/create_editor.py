import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nutrients.editors import create_editor, enrol_second_factor


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account (not a superuser) in the Editors group, with a second factor (an "
        "authenticator app and recovery codes) that signing in requires. The password is asked for without echo, "
        "or read from an environment variable or from standard input; it is never printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--password-from-env", metavar="VARIABLE", help="Read the password from this variable.")
        source.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def handle(self, *args, **options):
        password = self.read_password(options)
        try:
            user = create_editor(username=options["username"], password=password, email=options["email"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("The password was refused: " + " ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created the editor {user.username}: they can sign in at /admin/."))
        self.stdout.write(enrol_second_factor(user).instructions())

    def read_password(self, options) -> str:
        if options["password_from_env"]:
            password = os.environ.get(options["password_from_env"], "")
        elif options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.")
        else:
            raise CommandError("No password: type it at a terminal, or use --password-from-env or --password-stdin.")
        if not password:
            raise CommandError("The password is empty.")
        return password
