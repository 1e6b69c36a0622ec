import getpass
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from conditions.staff_accounts import STAFF_GROUPS, AccountRefused, staff_account_create


class Command(BaseCommand):
    help = (
        "Create an admin login for an editor or a clinical reviewer, in its group; a reviewer "
        "also gets the author entry patients are shown, with their credentials. Asks for the "
        "password, or reads it from --password-from-env for scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=sorted(STAFF_GROUPS))
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True, help="For password resets and reminders.")
        parser.add_argument(
            "--name",
            default="",
            help="Full name, for example “Dr Rui Reviewer”; required for a reviewer, who is "
            "shown to patients under it.",
        )
        parser.add_argument(
            "--credentials",
            default="",
            help="Required for a reviewer: shown to patients, for example “MD, Consultant "
            "Neurologist”.",
        )
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking.",
        )

    def handle(self, *args, role, username, email, name, credentials, password_from_env, **opts):
        password = self._password(password_from_env)
        try:
            user = staff_account_create(
                role=role,
                username=username,
                email=email,
                password=password,
                name=name,
                credentials=credentials,
            )
        except AccountRefused as refused:
            raise CommandError(str(refused)) from None
        group = STAFF_GROUPS[role]
        self.stdout.write(f"Created the login “{user.get_username()}” in the group “{group}”.")

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(f"The environment variable {variable} is not set or is empty.")
            return password
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for a password: use --password-from-env VAR.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ. Nothing was created.")
        return password
