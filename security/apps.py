from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """What administrators read about the site's security: the audit trail of sign-ins, second
    factors, rights and publishing (`audit.py`), and what browsers refused under the
    Content-Security-Policy (`reports.py`). The top layer: it listens to the other apps' signals
    and none of them imports it."""

    name = "security"
    verbose_name = "Security"

    def ready(self):
        from . import audit

        audit.receivers_connect()
