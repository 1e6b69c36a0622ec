from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from conditions.selectors import publication_manifest_rows
from frontend.offline_sizes import condition_entries, measure_every_entry


class Command(BaseCommand):
    help = (
        "Measure the size of every condition's offline entries (its page as a phone keeps it, "
        "and its search entry) not measured at their revision yet, in every language, so the "
        "offline manifest states them all exactly. Run it after a deploy: a new version of "
        "the app gives every page a new revision, and until then each check for new guidance "
        "measures a few and estimates the rest."
    )

    def handle(self, *args, **options):
        for language, _ in settings.LANGUAGES:
            with translation.override(language):
                conditions = condition_entries(publication_manifest_rows(language), language)
                measured = sum(measure_every_entry(conditions, language))
                self.stdout.write(
                    f"{language}: {measured} of {len(conditions)} conditions measured now, "
                    f"the others were measured already."
                )
