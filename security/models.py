"""The audit trail and the browsers' reports of what the Content-Security-Policy refused.

Neither is ever edited: rows are written by `audit.py` and `reports.py` and deleted only by
`manage.py delete_old_security_records` after their retention period.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Something that changed who may do what, or what patients read: who, when, from where.

    Never a password or a code: a failed sign-in keeps only the username that was tried.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in with a password")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in refused")
        LOCKED_OUT = "locked_out", _("Sign-in refused: paused after wrong passwords")
        SIGNED_OUT = "signed_out", _("Signed out")
        CODE_ACCEPTED = "code_accepted", _("Authenticator code accepted")
        CODE_REFUSED = "code_refused", _("Second-factor code refused")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        PASSKEY_USED = "passkey_used", _("Passkey accepted")
        FACTOR_SET_UP = "factor_set_up", _("Authenticator app set up")
        FACTOR_REMOVED = "factor_removed", _("Second factor removed")
        FACTOR_RESET = "factor_reset", _("Second factor reset by an administrator")
        ACCOUNT_RIGHTS = "account_rights", _("Staff, superuser or active status changed")
        GROUPS = "groups", _("Groups of a user changed")
        USER_PERMISSIONS = "user_permissions", _("Permissions of a user changed")
        GROUP_PERMISSIONS = "group_permissions", _("Permissions of a group changed")
        PUBLISHED = "published", _("Condition published")
        UNPUBLISHED = "unpublished", _("Condition unpublished")
        TERM_PUBLISHED = "term_published", _("Term published")
        TERM_UNPUBLISHED = "term_unpublished", _("Term unpublished")
        # Not "unpublished": an unpublished page or term is still there to publish again.
        CONDITION_DELETED = "condition_deleted", _("Condition deleted from the site")
        TERM_DELETED = "term_deleted", _("Term deleted from the site")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The account that did it, while it exists."),
    )
    actor_name = models.CharField(
        _("who"),
        max_length=150,
        blank=True,
        help_text=_("The username that did it, or was tried; kept if the account is deleted."),
    )
    subject = models.CharField(
        _("concerning"),
        max_length=255,
        blank=True,
        help_text=_("The user, group, condition or term."),
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    address = models.CharField(
        _("from"),
        max_length=64,
        blank=True,
        help_text=_("The client's address as the login lockout counts it; empty for a command."),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.actor_name or '-'} ({self.at:%Y-%m-%d %H:%M})"


class CspReport(models.Model):
    """One kind of refusal a browser reported, counted: the same directive, blocked address,
    page and place in a script is one row however often it is reported."""

    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    directive = models.CharField(_("refused by"), max_length=64)
    blocked_url = models.CharField(_("what was refused"), max_length=500, blank=True)
    document_url = models.CharField(_("on the page"), max_length=500, blank=True)
    source_file = models.CharField(_("in the file"), max_length=500, blank=True)
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    column = models.PositiveIntegerField(_("column"), null=True, blank=True)
    sample = models.CharField(_("sample"), max_length=80, blank=True)
    disposition = models.CharField(_("disposition"), max_length=16, blank=True)
    count = models.PositiveIntegerField(_("times reported"), default=1)
    first_seen = models.DateTimeField(_("first reported"), default=timezone.now)
    last_seen = models.DateTimeField(_("last reported"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_seen", "-pk"]
        verbose_name = _("content security policy report")
        verbose_name_plural = _("content security policy reports")

    def __str__(self):
        return f"{self.directive}: {self.blocked_url or '-'} on {self.document_url or '-'}"
