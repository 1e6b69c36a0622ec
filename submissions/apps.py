from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate, post_save


def cache_tables_create(using="default", verbosity=1, **kwargs):
    """The rate-limit counters may live in a database table (settings.CACHES): every `migrate`
    makes sure it exists, so no deployment step can be forgotten."""
    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "What readers sent"

    def ready(self):
        from conditions.models import Publication
        from conditions.search.signals import found_nothing

        from . import schema  # noqa: F401 (registers the fields' OpenAPI descriptions)
        from .receivers import publication_created, search_found_nothing

        post_save.connect(publication_created, sender=Publication)
        found_nothing.connect(search_found_nothing)
        post_migrate.connect(cache_tables_create, sender=self)
