from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conditions.terms.seed import SeedTermsRejected, terms_seed_load
from conditions.transfer import ImportRejected, conditions_import

from .import_conditions import read_json

DEFAULT_SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_conditions.json"
DEFAULT_TERMS_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_terms.json"


class Command(BaseCommand):
    help = (
        "Load the seed conditions and terms from fixtures/. Safe to run on every start: "
        "conditions (by slug) and terms (by name) that already exist are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_SEED_FILE))
        parser.add_argument("--terms", default=str(DEFAULT_TERMS_FILE), help="The seed terms.")

    def handle(self, *args, file, terms, **options):
        try:
            result = conditions_import(document=read_json(file), skip_existing=True)
        except ImportRejected as rejected:
            raise CommandError(f"Seed content in {file} is invalid:\n" + str(rejected)) from None
        self.stdout.write(
            f"Seed content: {len(result['created'])} created, "
            f"{len(result['skipped'])} already present."
        )
        try:
            loaded = terms_seed_load(read_json(terms))
        except SeedTermsRejected as rejected:
            raise CommandError(f"Seed terms in {terms} are invalid:\n" + str(rejected)) from None
        self.stdout.write(
            f"Seed terms: {len(loaded['created'])} created, "
            f"{len(loaded['skipped'])} already present."
        )
