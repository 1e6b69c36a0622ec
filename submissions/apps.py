from django.apps import AppConfig
from django.db.models.signals import post_save


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "What readers sent"

    def ready(self):
        from conditions.models import Publication

        from .receivers import publication_created

        post_save.connect(publication_created, sender=Publication)
