"""The pages between the password and the admin: enter a code (or use a passkey, whose pages are
in `passkey_views.py`), set up an authenticator app, and the recovery codes shown once. Each is
for a signed-in staff member only."""

import io
import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import user_passes_test
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from .passkeys import passkeys_of, sessions_end_elsewhere
from .second_factor import (
    CodeRefused,
    app_device_for_enrolment,
    code_check,
    enrolment_confirm,
    has_app,
    has_second_factor,
    readable_key,
)

NEW_RECOVERY_CODES = "staff_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )


def staff_page(view):
    """For a signed-in staff member; anyone else is sent to the admin's sign-in page."""
    staff = user_passes_test(lambda user: user.is_active and user.is_staff, "admin:login")
    return staff(never_cache(view))


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def next_query(request) -> str:
    return "?" + urlencode({"next": next_url(request)})


def passed(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()


def passkey_config(request) -> dict:
    """What the package's script reads from the page (its `otp_webauthn_config` block)."""
    then = next_query(request)
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("accounts:passkey_sign_in_begin"),
        "completeAuthenticationUrl": reverse("accounts:passkey_sign_in_complete"),
        "beginRegistrationUrl": reverse("accounts:passkey_add_begin"),
        "completeRegistrationUrl": reverse("accounts:passkey_add_complete") + then,
    }


def page(request, template: str, **context):
    context = {**admin.site.each_context(request), "next": next_url(request), **context}
    return render(request, template, context)


@staff_page
def verify(request):
    if request.user.is_verified():
        return redirect(next_url(request))
    if not has_second_factor(request.user):
        return redirect(reverse("accounts:enrol") + next_query(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = code_check(user=request.user, code=form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            passed(request, device)
            return redirect(next_url(request))
    return page(
        request,
        "accounts/verify.html",
        form=form,
        title="Enter your code",
        has_app=has_app(request.user),
        has_passkeys=passkeys_of(request.user).exists(),
        passkey_config=passkey_config(request),
    )


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    # The page sizes the code; the millimetre size qrcode writes would fix it.
    svg = re.sub(r' (width|height)="[^"]*"', "", svg.split("?>", 1)[-1], count=2)
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code of your key" ', 1)


@staff_page
def enrol(request):
    # With a factor already set up, only a session that passed it may replace it.
    if has_second_factor(request.user) and not request.user.is_verified():
        return redirect(reverse("accounts:verify") + next_query(request))
    device = app_device_for_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = enrolment_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"]
            )
        except CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            passed(request, device)
            sessions_end_elsewhere(
                user=request.user, current_session_key=request.session.session_key
            )
            request.session[NEW_RECOVERY_CODES] = codes
            return redirect(reverse("accounts:recovery_codes") + next_query(request))
    return page(
        request,
        "accounts/enrol.html",
        form=form,
        title="Set up your authenticator app",
        qr_svg=mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (qrcode's own SVG)
        key=readable_key(device),
        replacing=has_app(request.user),
    )


@staff_page
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect(reverse("accounts:verify"))
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    return page(request, "accounts/recovery_codes.html", codes=codes, title="Recovery codes")
