from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """What administrators read about the site's security: what browsers refused under the
    Content-Security-Policy (`reports.py`). The top layer: none of the other apps imports it."""

    name = "security"
    verbose_name = "Security"
