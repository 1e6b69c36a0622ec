import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conditions.transfer import ImportRejected, conditions_import


class Command(BaseCommand):
    help = (
        "Import conditions from a JSON file written by export_conditions. All or nothing: one "
        "invalid item imports nothing, and every problem is listed with its path."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite conditions (and authors) that already exist with the same slug.",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="Worker processes that build the pages of a large import of new conditions "
            "(default: one per processor; 1 builds them in this process).",
        )

    def handle(self, *args, file, replace=False, processes=1, **options):
        if processes < 1:
            raise CommandError(f"--processes must be 1 or more, not {processes}.")
        document = read_json(file)
        try:
            result = conditions_import(document=document, replace=replace, processes=processes)
        except ImportRejected as rejected:
            raise CommandError(
                f"{file} was not imported:\n" + "\n".join(f"  {e}" for e in rejected.errors)
            ) from None
        self.stdout.write(
            f"Imported {len(result['created'])} new and {len(result['replaced'])} replaced "
            "conditions."
        )


def read_json(file: str):
    try:
        return json.loads(Path(file).read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise CommandError(f"{file} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{file} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
