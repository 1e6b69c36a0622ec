from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Guidance content"

    def ready(self):
        from .upgrade import publications_rebuild_outdated

        post_migrate.connect(publications_rebuild_outdated, sender=self)
