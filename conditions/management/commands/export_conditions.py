import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from conditions.models import Condition
from conditions.transfer import conditions_export


class Command(BaseCommand):
    help = (
        "Write every condition (drafts and translations included) as JSON to FILE (format "
        "version 2), or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if omitted.")

    def handle(self, *args, file=None, **options):
        text = json.dumps(conditions_export(), ensure_ascii=False, indent=2) + "\n"
        if file:
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(f"Exported to {file}.")
        else:
            sys.stdout.write(text)
        # The file holds each condition as its draft; say which drafts patients have not seen.
        pending = Condition.objects.with_unpublished_changes().order_by("slug")
        for language, slug in pending.values_list("language", "slug"):
            if language != settings.LANGUAGE_CODE:
                slug = f"{language}/{slug}"  # a translation, as its address names it
            self.stderr.write(
                f"Warning: {slug} has changes not yet published; the file holds the draft, and "
                "importing it as published would publish them."
            )
