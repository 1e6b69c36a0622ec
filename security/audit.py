"""The audit trail: each event that changes who may do what, or what patients read, recorded
with who did it, when and from where (the address the login lockout counts,
`submissions.limits.client_address`). It listens to signals only: Django's sign-in signals,
django-axes' lockout, the accounts app's second-factor signals, changes to users' groups and
permissions and groups' permissions, and the conditions app's publish and unpublish (of a
condition or a term, by a reviewer or by a file import) and deletion of what was on the site.

Never a password or a code: a failed sign-in keeps the username tried, nothing else it sent.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import signals as second_factor
from conditions import signals as publishing
from submissions.limits import client_address

from .middleware import current_request
from .models import AuditEvent

Kind = AuditEvent.Kind
RIGHTS = ("is_active", "is_staff", "is_superuser")


def _event(kind: str, *, request=None, actor=None, actor_name="", subject="", detail=""):
    """An unsaved record of `kind`; the actor defaults to whoever is signed in to the request at
    hand, and the address is empty without one (a command)."""
    request = request or current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    field = AuditEvent._meta.get_field
    return AuditEvent(
        kind=kind,
        actor=actor,
        actor_name=(actor_name or (actor.get_username() if actor else ""))[
            : field("actor_name").max_length
        ],
        subject=str(subject)[: field("subject").max_length],
        detail=detail[: field("detail").max_length],
        address=(client_address(request) or "")[: field("address").max_length] if request else "",
    )


def event_record(kind: str, **fields) -> None:
    """Record `kind` (the fields as `_event` takes them)."""
    _event(kind, **fields).save(force_insert=True)


def signed_in(sender, request, user, **kwargs):
    event_record(Kind.SIGNED_IN, request=request, actor=user, subject=user.get_username())


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        event_record(Kind.SIGNED_OUT, request=request, actor=user, subject=user.get_username())


def sign_in_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "axes_locked_out", False):
        return  # recorded as LOCKED_OUT, which django-axes signalled just before
    username = str(credentials.get(get_user_model().USERNAME_FIELD, ""))
    event_record(Kind.SIGN_IN_FAILED, request=request, actor_name=username, subject=username)


def locked_out(sender, request, username, ip_address, **kwargs):
    event_record(
        Kind.LOCKED_OUT,
        request=request,
        actor_name=username or "",
        subject=username or "",
        detail="Signing in is paused for this username from this address.",
    )


def code_accepted(sender, user, device, **kwargs):
    kind = Kind.RECOVERY_CODE_USED if isinstance(device, StaticDevice) else Kind.CODE_ACCEPTED
    detail = ""
    if kind == Kind.RECOVERY_CODE_USED:
        detail = f"{device.token_set.count()} recovery codes left."
    event_record(kind, actor=user, subject=user.get_username(), detail=detail)


def code_refused(sender, user, **kwargs):
    event_record(Kind.CODE_REFUSED, actor=user, subject=user.get_username())


def factor_set_up(sender, user, replaced, **kwargs):
    if replaced:
        event_record(
            Kind.FACTOR_REMOVED,
            subject=user.get_username(),
            detail="Replaced by a new app: the earlier app and recovery codes were removed.",
        )
    event_record(
        Kind.FACTOR_SET_UP, subject=user.get_username(), detail="With ten new recovery codes."
    )


def recovery_codes_renewed(sender, user, **kwargs):
    event_record(
        Kind.FACTOR_SET_UP, actor=user, subject=user.get_username(), detail="New recovery codes."
    )


def factor_reset(sender, user, by, **kwargs):
    event_record(
        Kind.FACTOR_RESET,
        actor=by,
        subject=user.get_username(),
        detail="The authenticator app, passkeys and recovery codes were removed.",
    )


def passkey_used(sender, user, **kwargs):
    event_record(Kind.PASSKEY_USED, actor=user, subject=user.get_username())


def passkey_added(sender, user, **kwargs):
    event_record(Kind.FACTOR_SET_UP, actor=user, subject=user.get_username(), detail="A passkey.")


def passkey_removed(sender, user, name, **kwargs):
    event_record(
        Kind.FACTOR_REMOVED,
        actor=user,
        subject=user.get_username(),
        detail=f"The passkey “{name}”.",
    )


def rights_before_save(sender, instance, update_fields=None, **kwargs):
    """Note the account's rights before a save that may change them (not a sign-in's save of
    last_login, which costs no query)."""
    if update_fields is not None and not set(update_fields) & set(RIGHTS):
        return
    before = sender.objects.filter(pk=instance.pk).values(*RIGHTS).first() if instance.pk else {}
    instance._audit_rights_before = before or {}


def rights_saved(sender, instance, created, **kwargs):
    before = instance.__dict__.pop("_audit_rights_before", None)
    if before is None:
        return
    changes = [
        f"{name.removeprefix('is_')}: {'yes' if getattr(instance, name) else 'no'}"
        for name in RIGHTS
        if before.get(name, False) != getattr(instance, name)
    ]
    if changes and (not created or instance.is_staff or instance.is_superuser):
        event_record(
            Kind.ACCOUNT_RIGHTS,
            subject=instance.get_username(),
            detail=("New account. " if created else "") + ", ".join(changes),
        )


def _names(model, pks) -> str:
    if model is Permission:
        found = model.objects.filter(pk__in=pks).select_related("content_type")
        return ", ".join(sorted(f"{p.content_type.app_label}.{p.codename}" for p in found))
    return ", ".join(sorted(str(item) for item in model.objects.filter(pk__in=pks)))


# For each kind of relation: the through table's field for its owner and for what it holds.
RELATIONS = {
    Kind.GROUPS: ("user", "group"),
    Kind.USER_PERMISSIONS: ("user", "permission"),
    Kind.GROUP_PERMISSIONS: ("group", "permission"),
}
VERBS = {"post_add": "Added", "post_remove": "Removed", "post_clear": "Removed"}


def relation_changed(kind, *, sender, instance, model, reverse, action, pk_set, **kwargs):
    """What was added to or removed from a user's groups or permissions, or a group's
    permissions: one record for each user or group changed."""
    owner_field, held_field = RELATIONS[kind]
    if action == "pre_clear":
        # Nothing says afterwards what a clear() removed.
        mine, theirs = (held_field, owner_field) if reverse else (owner_field, held_field)
        instance._audit_cleared = set(
            sender.objects.filter(**{mine: instance.pk}).values_list(f"{theirs}_id", flat=True)
        )
        return
    if action not in VERBS:
        return
    pks = instance.__dict__.pop("_audit_cleared", set()) if action == "post_clear" else pk_set
    if not pks:
        return
    if not reverse:
        detail = f"{VERBS[action]}: {_names(model, pks)}"
        event_record(kind, subject=str(instance), detail=detail)
        return
    held = _names(type(instance), [instance.pk])
    for owner in model.objects.filter(pk__in=pks).order_by("pk"):
        event_record(kind, subject=str(owner), detail=f"{VERBS[action]}: {held}")


def _relation_receiver(kind):
    def receiver(**kwargs):
        kwargs.pop("signal", None)
        relation_changed(kind, **kwargs)

    return receiver


def _condition_named(condition) -> str:
    return f"{condition.title} ({condition.slug})"


def published(sender, condition, by, **kwargs):
    event_record(Kind.PUBLISHED, actor=by, subject=_condition_named(condition))


def unpublished(sender, condition, by, **kwargs):
    event_record(Kind.UNPUBLISHED, actor=by, subject=_condition_named(condition))


def _term_named(term) -> str:
    return f"{term.term} ({term.language})"


def term_published(sender, term, by, **kwargs):
    detail = "" if by is not None else "The seed content."
    event_record(Kind.TERM_PUBLISHED, actor=by, subject=_term_named(term), detail=detail)


def term_unpublished(sender, term, by, **kwargs):
    event_record(Kind.TERM_UNPUBLISHED, actor=by, subject=_term_named(term))


def condition_deleted(sender, condition, by, **kwargs):
    """Named with its language too: a translation may have its original’s slug."""
    subject = f"{condition.title} ({condition.slug}, {condition.language})"
    event_record(Kind.CONDITION_DELETED, actor=by, subject=subject)


def term_deleted(sender, term, by, **kwargs):
    event_record(Kind.TERM_DELETED, actor=by, subject=_term_named(term))


def _conditions(count: int) -> str:
    return f"{count} condition{'' if count == 1 else 's'}"


def conditions_imported(sender, published, unpublished, **kwargs):
    """One record for each condition a file import put on the site or took off it, as a
    reviewer's publish is recorded, so that searching the trail for a page finds each time it
    went on or off the site however it did; each says what the whole import did, to read them
    as one. One insert; no address from a command."""
    if not published and not unpublished:
        return
    detail = f"Imported from a file, which put {_conditions(len(published))} on the site"
    detail += f" and took {_conditions(len(unpublished))} off it." if unpublished else "."
    events = [
        _event(kind, subject=_condition_named(condition), detail=detail)
        for kind, conditions in ((Kind.PUBLISHED, published), (Kind.UNPUBLISHED, unpublished))
        for condition in conditions
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)


def receivers_connect() -> None:
    User = get_user_model()
    pairs = [
        (user_logged_in, signed_in, None),
        (user_logged_out, signed_out, None),
        (user_login_failed, sign_in_failed, None),
        (user_locked_out, locked_out, None),
        (second_factor.code_accepted, code_accepted, None),
        (second_factor.code_refused, code_refused, None),
        (second_factor.factor_set_up, factor_set_up, None),
        (second_factor.factor_reset, factor_reset, None),
        (second_factor.recovery_codes_renewed, recovery_codes_renewed, None),
        (second_factor.passkey_used, passkey_used, None),
        (second_factor.passkey_added, passkey_added, None),
        (second_factor.passkey_removed, passkey_removed, None),
        (pre_save, rights_before_save, User),
        (post_save, rights_saved, User),
        (publishing.condition_published, published, None),
        (publishing.condition_unpublished, unpublished, None),
        (publishing.term_published, term_published, None),
        (publishing.term_unpublished, term_unpublished, None),
        (publishing.condition_deleted, condition_deleted, None),
        (publishing.term_deleted, term_deleted, None),
        (publishing.conditions_imported, conditions_imported, None),
    ]
    for signal, receiver, sender in pairs:
        signal.connect(receiver, sender=sender, dispatch_uid=f"security.audit.{receiver.__name__}")
    for kind, through in (
        (Kind.GROUPS, User.groups.through),
        (Kind.USER_PERMISSIONS, User.user_permissions.through),
        (Kind.GROUP_PERMISSIONS, Group.permissions.through),
    ):
        m2m_changed.connect(
            _relation_receiver(kind), sender=through, weak=False, dispatch_uid=f"security.{kind}"
        )
