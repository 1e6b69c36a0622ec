from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conditions.transfer import ImportRejected, conditions_import

from .import_conditions import read_json

DEFAULT_SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_conditions.json"


class Command(BaseCommand):
    help = (
        "Load the seed conditions from fixtures/. Safe to run on every start: conditions that "
        "already exist (by slug) are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_SEED_FILE))

    def handle(self, *args, file, **options):
        try:
            result = conditions_import(document=read_json(file), skip_existing=True)
        except ImportRejected as rejected:
            raise CommandError(f"Seed content in {file} is invalid:\n" + str(rejected)) from None
        self.stdout.write(
            f"Seed content: {len(result['created'])} created, "
            f"{len(result['skipped'])} already present."
        )
