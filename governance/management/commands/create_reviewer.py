from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from governance.groups import create_reviewer
from nutrients.editors import enrol_second_factor
from nutrients.management.commands import create_editor


class Command(create_editor.Command):
    help = (
        "Create a clinical reviewer: a staff account in the Clinical reviewers group, the name, qualification and "
        "registration readers see on the pages they review, and a second factor that signing in requires. The "
        "password is read as create_editor reads it."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--name", required=True, help="As readers see it, for example 'Dr Amina Shah'.")
        parser.add_argument("--qualification", required=True, help="For example 'Registered dietitian'.")
        parser.add_argument("--registration", required=True, help="The register and number: 'HCPC DT012345'.")

    def handle(self, *args, **options):
        password = self.read_password(options)
        profile = {key: options[key].strip() for key in ("name", "qualification", "registration")}
        try:
            user = create_reviewer(username=options["username"], password=password, email=options["email"], **profile)
        except ValueError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("Refused: " + " ".join(error.messages)) from error
        done = f"Created the clinical reviewer {user.clinical_reviewer} ({user.username}): they can sign in at /admin/."
        self.stdout.write(self.style.SUCCESS(done))
        self.stdout.write(enrol_second_factor(user).instructions())
