"""The pages for passkeys: add one (at the first sign-in, instead of an authenticator app, or
later), name it, and the account's sign-in methods, where a passkey is renamed or removed and new
recovery codes are made (an account with passkeys only has no other way to get them).

The buttons are django-otp-webauthn's script (served from our static files, no inline script):
it reads its settings from a JSON data block on the page and calls the endpoints in
`passkey_api.py`; `accounts/passkeys.js` goes on to the naming page and words a refusal."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .passkeys import (
    NAME_MAX_LENGTH,
    NameRefused,
    RemoveRefused,
    passkey_remove,
    passkey_rename,
    passkeys_of,
    sessions_end_elsewhere,
)
from .second_factor import has_second_factor, recovery_codes_renew
from .views import (
    NEW_RECOVERY_CODES,
    next_query,
    next_url,
    page,
    passed,
    passkey_config,
    staff_page,
)


class NameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=NAME_MAX_LENGTH * 2,
        help_text=gettext_lazy("Say where it is, such as “Work laptop” or “Blue security key”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


@staff_page
def passkey_enrol(request):
    # As for the app: with a factor already set up, only a session that passed it adds another.
    if has_second_factor(request.user) and not request.user.is_verified():
        return redirect(reverse("accounts:verify") + next_query(request))
    return page(
        request,
        "accounts/passkey_enrol.html",
        title=_("Add a passkey"),
        first=not has_second_factor(request.user),
        passkey_config=passkey_config(request),
    )


# The pages below are for a staff member past the second factor: the middleware sends anyone else
# to it first.
@staff_page
def passkey_name(request, pk: int):
    passkey = get_object_or_404(passkeys_of(request.user), pk=pk)
    form = NameForm(request.POST or None, initial={"name": passkey.name})
    if form.is_valid():
        try:
            passkey_rename(passkey=passkey, name=form.cleaned_data["name"])
        except NameRefused as refused:
            form.add_error("name", str(refused))
        else:
            if request.session.get(NEW_RECOVERY_CODES):
                return redirect(reverse("accounts:recovery_codes") + next_query(request))
            renamed = _("The passkey is now called “%(name)s”.") % {"name": passkey.name}
            messages.success(request, renamed)
            return redirect(next_url(request))
    return page(
        request,
        "accounts/passkey_name.html",
        form=form,
        passkey=passkey,
        new=request.GET.get("new") == "1",
        title=_("Name your passkey"),
    )


@staff_page
def methods(request):
    return page(
        request,
        "accounts/methods.html",
        title=_("Your sign-in methods"),
        passkeys=passkeys_of(request.user),
        app=TOTPDevice.objects.filter(user=request.user, confirmed=True).first(),
        recovery_codes_left=StaticToken.objects.filter(device__user=request.user).count(),
        next=reverse("accounts:methods"),
    )


@require_POST
@staff_page
def passkey_remove_view(request, pk: int):
    passkey = passkeys_of(request.user).filter(pk=pk).first()
    if passkey is None:
        messages.info(request, _("That passkey is no longer on your account."))
        return redirect("accounts:methods")
    signed_in_with_it = request.user.otp_device == passkey
    try:
        passkey_remove(user=request.user, passkey=passkey)
    except RemoveRefused as refused:
        messages.error(request, str(refused))
        return redirect("accounts:methods")
    if signed_in_with_it:
        # This session passed the second factor a moment ago: it stays signed in, now on the
        # account's remaining factor, as the sessions elsewhere end.
        passed(request, next(devices_for_user(request.user, confirmed=True)))
    sessions_end_elsewhere(user=request.user, current_session_key=request.session.session_key)
    messages.success(
        request,
        _("Removed the passkey “%(name)s”. You were signed out everywhere else.")
        % {"name": passkey.name},
    )
    return redirect("accounts:methods")


@require_POST
@staff_page
def recovery_codes_renew_view(request):
    # The middleware lets a new account in its grace period through unverified: recovery codes
    # are made only for an account that has a factor and passed it in this session.
    if not request.user.is_verified():
        return redirect("accounts:verify")
    signed_in_with_old_codes = isinstance(request.user.otp_device, StaticDevice)
    codes = recovery_codes_renew(request.user)
    if signed_in_with_old_codes:
        # The code this session passed with is gone: it stays signed in, on the new codes.
        passed(request, StaticDevice.objects.get(user=request.user))
    sessions_end_elsewhere(user=request.user, current_session_key=request.session.session_key)
    request.session[NEW_RECOVERY_CODES] = codes
    return redirect(reverse("accounts:recovery_codes") + "?next=" + reverse("accounts:methods"))
