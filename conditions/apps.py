from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Guidance content"

    def ready(self):
        from .languages import language_permissions_create
        from .search.documents import entry_loaded
        from .search.models import SearchEntry
        from .upgrade import publications_rebuild_outdated

        post_migrate.connect(publications_rebuild_outdated, sender=self)
        post_migrate.connect(language_permissions_create, sender=self)
        post_save.connect(entry_loaded, sender=SearchEntry)
