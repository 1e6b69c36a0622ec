from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in: the second factor every staff account needs for the admin, and how long a
    staff session lasts. It imports none of the content apps, and none of them import it."""

    name = "accounts"
    verbose_name = "Staff sign-in"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="accounts.session_started")
