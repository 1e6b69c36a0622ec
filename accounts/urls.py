from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import passkey_api, passkey_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("methods/", passkey_views.methods, name="methods"),
    path(
        "recovery-codes/new/",
        passkey_views.recovery_codes_renew_view,
        name="recovery_codes_renew",
    ),
    path("set-up/passkey/", passkey_views.passkey_enrol, name="passkey_enrol"),
    path("passkeys/<int:pk>/", passkey_views.passkey_name, name="passkey_name"),
    path("passkeys/<int:pk>/remove/", passkey_views.passkey_remove_view, name="passkey_remove"),
    # The JSON endpoints the passkey buttons call, and the words of their script.
    path("passkey/add/begin/", passkey_api.RegistrationBegin.as_view(), name="passkey_add_begin"),
    path(
        "passkey/add/complete/",
        passkey_api.RegistrationComplete.as_view(),
        name="passkey_add_complete",
    ),
    path(
        "passkey/sign-in/begin/",
        passkey_api.AuthenticationBegin.as_view(),
        name="passkey_sign_in_begin",
    ),
    path(
        "passkey/sign-in/complete/",
        passkey_api.AuthenticationComplete.as_view(),
        name="passkey_sign_in_complete",
    ),
    path(
        "passkey/words.js",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="passkey_words",
    ),
]
