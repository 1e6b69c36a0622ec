"""Staff sign-in after the password: the admin waits for a second factor, set up on the first
sign-in and checked at each one after, through the real pages (accounts/)."""

import datetime
import re
import time
from base64 import b32decode

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from tests.html_text import visible_text
from tests.staff import next_code, sign_in, staff_client

CONDITIONS = "/admin/conditions/condition/"
VERIFY = "/admin/second-factor/"
ENROL = "/admin/second-factor/set-up/"
PASSWORD = "a-long-test-password-1"


def text(response) -> str:
    return visible_text(response.content.decode())


@pytest.fixture
def staff(db):
    return User.objects.create_user("ola", password=PASSWORD, is_staff=True, is_superuser=True)


def password_only(user) -> Client:
    client = Client()
    signed_in = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    return client


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def wait_over(devices) -> None:
    """As if the wait after one wrong code (a second) had passed."""
    devices.update(throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=2))


def signed_out(client) -> bool:
    """The client's session was ended: the admin sends it to sign in, and it is nobody."""
    sent = client.get(CONDITIONS).get("Location", "").startswith("/admin/login/")
    return sent and "_auth_user_id" not in client.session


def enter(client, code: str, url: str = VERIFY):
    return client.post(url, {"code": code, "next": CONDITIONS})


def enrol(client) -> list[str]:
    """Sets up the app as a person does: reads the key off the page, answers with its code,
    and returns the recovery codes the next page shows."""
    page = client.get(ENROL).content.decode()
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page)[1].replace(" ", "")
    code = f"{TOTP(b32decode(key)).token():06d}"
    confirmed = enter(client, code, ENROL)
    assert confirmed.status_code == 302
    shown = client.get(confirmed["Location"]).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)


def test_the_admin_waits_for_the_code_after_the_password(staff):
    device = with_app(staff)
    client = password_only(staff)

    refused = client.get(CONDITIONS)
    assert refused.status_code == 302
    assert refused["Location"] == f"{VERIFY}?next=%2Fadmin%2Fconditions%2Fcondition%2F"
    assert "enter the 6-digit code it shows for this site" in text(client.get(refused["Location"]))
    for elsewhere in ("/admin/", "/admin/auth/user/", "/admin/second-factor/recovery-codes/"):
        assert client.get(elsewhere).status_code == 302, elsewhere

    passed = enter(client, next_code(device))
    assert passed["Location"] == CONDITIONS
    assert client.get(CONDITIONS).status_code == 200


def test_a_first_sign_in_sets_up_the_app_and_shows_ten_recovery_codes_once(staff):
    client = password_only(staff)
    assert client.get(CONDITIONS)["Location"].startswith(ENROL)
    page = client.get(ENROL).content.decode()
    assert "<svg " in page and "style=" not in page.split("<svg ", 1)[1].split("</svg>")[0]
    wrong = enter(client, "123456", ENROL)
    assert "That code is not right" in text(wrong)
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    wait_over(TOTPDevice.objects.filter(user=staff))

    codes = enrol(client)

    assert len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert "shown once" in text(client.get("/admin/second-factor/recovery-codes/"))
    assert client.get(CONDITIONS).status_code == 200
    assert LogEntry.objects.get(object_id=str(staff.pk)).change_message == (
        "Set up an authenticator app and new recovery codes."
    )


def test_setting_up_a_new_app_needs_the_old_factor_first(staff):
    with_app(staff)
    client = password_only(staff)

    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert enter(client, "123456", ENROL)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_code_is_never_accepted_twice(staff):
    device = with_app(staff)
    code = next_code(device)
    assert enter(password_only(staff), code).status_code == 302

    replayed = enter(password_only(staff), code)

    assert replayed.status_code == 200
    assert "already used" in text(replayed)


def test_each_recovery_code_works_once(staff):
    codes = enrol(password_only(staff))

    first = enter(password_only(staff), codes[0].upper()[:4] + "-" + codes[0][4:])
    again = enter(password_only(staff), codes[0])

    assert first["Location"] == CONDITIONS
    assert again.status_code == 200
    assert "Each recovery code works once" in text(again)
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_a_wrong_code_makes_the_next_try_wait(staff):
    device = with_app(staff)
    client = password_only(staff)

    assert "not right" in text(enter(client, "000000"))
    throttled = enter(client, next_code(device))

    assert throttled.status_code == 200
    assert "Too many wrong codes" in text(throttled)
    assert client.get(CONDITIONS).status_code == 302
    # Once the wait is over, the right code signs in.
    wait_over(TOTPDevice.objects.filter(pk=device.pk))
    assert enter(client, next_code(device))["Location"] == CONDITIONS


def test_an_administrator_resets_a_lost_phone_and_it_is_recorded(staff):
    lost = User.objects.create_user("edith", password=PASSWORD, is_staff=True)
    on_old_phone = staff_client(lost)
    assert on_old_phone.get("/admin/").status_code == 200

    reset = staff_client(staff).post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [lost.pk]},
        follow=True,
    )

    assert "Reset the second factor of edith" in text(reset)
    assert not TOTPDevice.objects.filter(user=lost).exists()
    entry = LogEntry.objects.get(object_id=str(lost.pk))
    assert (entry.user, entry.change_message) == (
        staff,
        "Reset the second factor: the authenticator app, passkeys and recovery codes were removed.",
    )
    # The session that had passed the old factor is over; signing in again sets up a new app.
    signed_out = on_old_phone.get("/admin/", follow=True)
    assert "Your sign-in methods were changed" in text(signed_out)
    assert "_auth_user_id" not in on_old_phone.session
    assert password_only(lost).get("/admin/")["Location"].startswith(ENROL)


def test_the_pages_are_for_staff_and_devices_are_never_edited_in_the_admin(staff):
    patient = Client()
    patient.force_login(User.objects.create_user("pat", password=PASSWORD))
    for url in (VERIFY, ENROL):
        assert patient.get(url)["Location"].startswith("/admin/login/"), url
    assert not TOTPDevice.objects.filter(user__username="pat").exists()

    index = text(staff_client(staff).get("/admin/"))
    assert "Users" in index
    assert "TOTP devices" not in index and "Static devices" not in index


def test_only_superusers_may_reset_a_second_factor(staff):
    manager = User.objects.create_user("max", is_staff=True)
    manager.user_permissions.set(
        Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    with_app(staff)

    page = staff_client(manager).get("/admin/auth/user/").content.decode()

    assert "reset_second_factor" not in page
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_a_new_app_signs_out_every_other_session(staff):
    from tests.test_passkeys import sign_in_with, with_passkey  # it imports this module

    authenticator = with_passkey(staff)
    here, with_old_app = Client(), Client()
    sign_in(here, staff)
    sign_in(with_old_app, staff)
    with_the_passkey = password_only(staff)
    assert sign_in_with(with_the_passkey, authenticator).status_code == 200
    enrol(here)  # replaces the app this session passed with

    assert here.get(CONDITIONS).status_code == 200
    for elsewhere in (with_old_app, with_the_passkey):
        assert signed_out(elsewhere)
    # The passkey stays: only signing out everywhere else ends the session that passed with it.
    assert WebAuthnCredential.objects.filter(user=staff).count() == 1


def test_a_new_password_signs_out_every_other_session(staff):
    elsewhere = staff_client(staff)
    staff.set_password("another-long-password-2")
    staff.save()

    assert elsewhere.get(CONDITIONS)["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("clock", "ago", "message"),
    [
        (LAST_SEEN, 31 * 60, "signed out after 30 minutes without activity"),
        (SIGNED_IN_AT, 12 * 3600 + 60, "signed out 12 hours after signing in"),
    ],
)
def test_a_staff_session_ends_when_idle_or_old(staff, clock, ago, message):
    client = staff_client(staff)
    assert client.get(CONDITIONS).status_code == 200
    session = client.session
    session[clock] = time.time() - ago
    session.save()

    ended = client.get(CONDITIONS)

    assert ended["Location"] == "/admin/login/?next=%2Fadmin%2Fconditions%2Fcondition%2F"
    assert message in text(client.get(ended["Location"]))
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_goes_on(staff):
    client = staff_client(staff)
    session = client.session
    session[LAST_SEEN] = time.time() - 29 * 60
    session[SIGNED_IN_AT] = time.time() - 11 * 3600
    session.save()

    assert client.get(CONDITIONS).status_code == 200
    assert client.session[LAST_SEEN] > time.time() - 60


def test_a_new_account_may_wait_for_its_grace_period(staff, settings):
    settings.STAFF_MFA_GRACE_DAYS = 3
    newcomer = password_only(staff)
    first = newcomer.get(CONDITIONS)
    assert first.status_code == 200
    assert "Staff accounts need a second factor soon. Set up your authenticator app." in text(first)
    assert "second factor soon" not in text(newcomer.get(CONDITIONS))

    User.objects.filter(pk=staff.pk).update(date_joined=timezone.now() - datetime.timedelta(4))
    assert newcomer.get(CONDITIONS)["Location"].startswith(ENROL)


def test_readers_pages_never_look_at_a_session(client, seeded):
    response = client.get("/")

    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
