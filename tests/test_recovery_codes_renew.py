"""New recovery codes from the sign-in methods page (an account with passkeys only has no other
way to get them), and the admin's "Sign-in methods" link to that page."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import AuditEvent
from tests.html_text import visible_text
from tests.staff import staff_client
from tests.test_passkeys import METHODS, sign_in_with, with_passkey
from tests.test_second_factor import (
    CONDITIONS,
    PASSWORD,
    enter,
    password_only,
    signed_out,
    wait_over,
)

RENEW = "/admin/second-factor/recovery-codes/new/"


@pytest.fixture
def staff(db):
    return User.objects.create_user("ola", password=PASSWORD, is_staff=True, is_superuser=True)


def passkey_only(user):
    """A signed-in client of `user`, whose one factor is a passkey, and their recovery codes."""
    authenticator = with_passkey(user)
    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    client = password_only(user)
    assert sign_in_with(client, authenticator).status_code == 200
    return client, old


def renew(client) -> list[str]:
    made = client.post(RENEW)
    assert made.status_code == 302
    assert made["Location"].startswith("/admin/second-factor/recovery-codes/?next=")
    shown = client.get(made["Location"]).content.decode()
    assert "Save these recovery codes now" in visible_text(shown)
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)


def test_a_passkey_only_account_makes_new_recovery_codes_and_the_old_ones_stop(staff):
    client, old = passkey_only(staff)
    page = visible_text(client.get(METHODS).content.decode())
    assert "10 unused recovery codes left" in page and "Make new recovery codes" in page

    codes = renew(client)

    assert len(codes) == 10 and not set(codes) & old
    assert StaticDevice.objects.filter(user=staff).count() == 1
    refused = enter(password_only(staff), sorted(old)[0])
    assert "Each recovery code works once" in visible_text(refused.content.decode())
    wait_over(StaticDevice.objects.filter(user=staff))
    assert enter(password_only(staff), codes[0])["Location"] == CONDITIONS
    assert LogEntry.objects.filter(
        object_id=str(staff.pk), change_message__startswith="Made new recovery codes"
    ).exists()
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.FACTOR_SET_UP).latest("pk")
    assert (event.detail, event.subject, event.actor) == ("New recovery codes.", "ola", staff)
    # Shown once: the page has no codes when opened again.
    again = client.get("/admin/second-factor/recovery-codes/").content.decode()
    assert not re.findall(r"<li><code>", again)


def test_a_get_makes_nothing(staff):
    client, old = passkey_only(staff)

    assert client.get(RENEW).status_code == 405
    tokens = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    assert set(tokens) == old


def test_a_session_that_passed_with_a_recovery_code_stays_signed_in(staff):
    _, old = passkey_only(staff)
    client = password_only(staff)
    enter(client, sorted(old)[0])

    codes = renew(client)

    assert client.get(CONDITIONS).status_code == 200
    assert StaticToken.objects.filter(device__user=staff, token__in=codes).count() == 10


def test_new_recovery_codes_sign_out_every_other_session(staff):
    here, elsewhere = staff_client(staff), staff_client(staff)  # both passed with the app

    renew(here)

    assert here.get(CONDITIONS).status_code == 200
    assert signed_out(elsewhere)
    # The app stays: only signing out everywhere else ended the other session.
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1


def test_no_codes_before_the_second_factor(staff):
    with_passkey(staff)
    client = password_only(staff)
    old = list(StaticToken.objects.values_list("pk", flat=True))

    refused = client.post(RENEW)

    assert refused.status_code == 302 and refused["Location"].startswith("/admin/second-factor/")
    assert list(StaticToken.objects.values_list("pk", flat=True)) == old


def test_no_codes_for_an_account_without_a_factor_in_its_grace_period(staff, settings):
    settings.STAFF_MFA_GRACE_DAYS = 7
    client = password_only(staff)

    assert client.post(RENEW)["Location"] == "/admin/second-factor/"
    assert not StaticDevice.objects.exists()


def test_every_admin_page_links_to_the_sign_in_methods(staff):
    # (Not the password-change page: Django's own template there replaces the user links.)
    client, _ = passkey_only(staff)
    for url in ("/admin/", CONDITIONS, f"/admin/auth/user/{staff.pk}/change/"):
        page = client.get(url).content.decode()
        assert 'href="/admin/second-factor/methods/" id="sign-in-methods">Sign-in methods' in page
        assert "Change password" in page and "Log out" in page
