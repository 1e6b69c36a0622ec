import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from conditions.services import seed_content_load

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
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read seed content from {file}: {error}") from error
        try:
            result = seed_content_load(data=data)
        except ValidationError as error:
            raise CommandError(f"Seed content in {file} is invalid: {error}") from error
        self.stdout.write(
            f"Seed content: {len(result.created)} created, {len(result.skipped)} already present."
        )
