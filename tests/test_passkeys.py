"""Passkeys as the second factor, through the real endpoints with a software authenticator
(tests/passkey_authenticator.py): added at the first sign-in or later, named, used to sign in,
removed; refusals of other people's, removed and replayed passkeys, and of anything hostile."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.html_text import visible_text
from tests.passkey_authenticator import Authenticator, b64url
from tests.staff import staff_client
from tests.test_second_factor import CONDITIONS, PASSWORD, VERIFY, password_only, signed_out

BASE = "/admin/second-factor/passkey/"
METHODS = "/admin/second-factor/methods/"
JSON = "application/json"


@pytest.fixture
def staff(db):
    return User.objects.create_user("ola", password=PASSWORD, is_staff=True, is_superuser=True)


def post_json(client, url, body=None, raw=None):
    data = raw if raw is not None else json.dumps(body or {})
    return client.post(url, data, content_type=JSON)


def add_passkey(client, authenticator, next_url=CONDITIONS) -> dict:
    options = post_json(client, BASE + "add/begin/").json()
    answer = authenticator.create(options)
    done = post_json(client, f"{BASE}add/complete/?next={next_url}", answer)
    assert done.status_code == 200, done.content
    return done.json()


def sign_in_with(client, authenticator, **kwargs):
    options = post_json(client, BASE + "sign-in/begin/").json()
    answer = authenticator.get(options, **kwargs)
    return post_json(client, f"{BASE}sign-in/complete/?next={CONDITIONS}", answer)


def with_passkey(user) -> Authenticator:
    """`user` with one passkey (and no app), added at a first sign-in in a session of its own,
    which adding another passkey later would end."""
    authenticator = Authenticator()
    add_passkey(password_only(user), authenticator)
    return authenticator


def test_a_first_sign_in_adds_a_passkey_names_it_and_shows_recovery_codes(staff):
    client = password_only(staff)
    page = visible_text(client.get("/admin/second-factor/set-up/passkey/").content.decode())
    assert "Add a passkey" in page and "Use an authenticator app on your phone instead" in page

    added = add_passkey(client, Authenticator())

    passkey = WebAuthnCredential.objects.get(user=staff)
    assert added["redirect_url"].startswith(f"/admin/second-factor/passkeys/{passkey.pk}/?")
    assert passkey.name == "Passkey 1"
    named = client.post(added["redirect_url"], {"name": "  Work   laptop ", "next": CONDITIONS})
    assert named["Location"].startswith("/admin/second-factor/recovery-codes/")
    assert "Save these recovery codes now" in visible_text(
        client.get(named["Location"]).content.decode()
    )
    passkey.refresh_from_db()
    assert passkey.name == "Work laptop"
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert client.get(CONDITIONS).status_code == 200
    assert LogEntry.objects.get(object_id=str(staff.pk)).change_message == "Added a passkey."


def test_a_passkey_signs_in_after_the_password_and_not_before(staff):
    authenticator = with_passkey(staff)
    client = password_only(staff)
    assert client.get(CONDITIONS)["Location"].startswith(VERIFY)
    assert 'id="passkey-verification-button">Use your passkey</button>' in (
        client.get(VERIFY).content.decode()
    )

    signed_in = sign_in_with(client, authenticator)

    assert signed_in.status_code == 200
    assert signed_in.json()["redirect_url"] == CONDITIONS
    assert client.get(CONDITIONS).status_code == 200
    # Without the password first, the endpoints answer nothing at all.
    stranger = post_json(Client(), BASE + "sign-in/begin/")
    assert stranger.status_code == 403
    assert stranger.json()["detail"] == "Sign in to the admin with your password first."


def test_a_removed_or_someone_elses_passkey_is_refused_by_name(staff):
    authenticator = with_passkey(staff)
    old_id = next(iter(authenticator.keys))
    add_passkey(staff_client(staff), authenticator)  # a second, so the first may go
    WebAuthnCredential.objects.get(user=staff, name="Passkey 1").delete()
    other = User.objects.create_user("rui", password=PASSWORD, is_staff=True)
    theirs = with_passkey(other)
    client = password_only(staff)

    removed = sign_in_with(client, authenticator, credential_id=old_id)
    foreign = sign_in_with(client, theirs, credential_id=next(iter(theirs.keys)))

    assert removed.status_code == 404
    assert "not one of yours here: it may have been removed" in removed.json()["detail"]
    assert foreign.status_code == 403
    assert "belongs to another account" in foreign.json()["detail"]
    assert client.get(CONDITIONS)["Location"].startswith(VERIFY)


def test_an_answer_is_accepted_once(staff):
    authenticator = with_passkey(staff)
    client = password_only(staff)
    options = post_json(client, BASE + "sign-in/begin/").json()
    answer = authenticator.get(options)

    first = post_json(client, BASE + "sign-in/complete/", answer)
    again = post_json(password_only(staff), BASE + "sign-in/complete/", answer)

    assert first.status_code == 200
    assert again.status_code == 400
    assert "Press the button once and try again" in again.json()["detail"]


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


HOSTILE = [
    deep(100_000),
    "[]",
    '"text"',
    "{not json",
    "\xff\xfe",
    json.dumps({"id": "!!!", "rawId": "!!!", "type": "public-key", "response": {}}),
    json.dumps(
        {"id": "AA", "rawId": "AA", "type": "public-key", "response": {"clientDataJSON": 5}}
    ),
    json.dumps(
        {
            "id": "AA",
            "rawId": "AA",
            "type": "public-key",
            "response": {"clientDataJSON": "%%", "attestationObject": "%%"},
            "clientExtensionResults": {"credProps": "rk"},
        }
    ),
    json.dumps(
        {
            "id": "AA",
            "rawId": "AA",
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(b"{}"),
                "attestationObject": b64url(b"\xa1"),
                "authenticatorData": b64url(b"\x00"),
                "signature": "AA",
            },
        }
    ),
    "x" * 70_000,
]


@pytest.mark.parametrize("body", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("step", ["add", "sign-in"])
def test_hostile_answers_are_refused_with_a_message_and_change_nothing(staff, step, body):
    if step == "sign-in":
        with_passkey(staff)
    client = password_only(staff)
    before = WebAuthnCredential.objects.count()
    post_json(client, f"{BASE}{step}/begin/")

    refused = post_json(client, f"{BASE}{step}/complete/", raw=body)

    # 404 only for a well-formed answer from a passkey the server does not know.
    assert refused.status_code in (400, 404), refused.content
    assert refused.json()["detail"]
    assert WebAuthnCredential.objects.count() == before
    assert not client.session.get("otp_device_id")


def test_a_form_post_is_refused_too(staff):
    client = password_only(staff)
    refused = client.post(BASE + "add/complete/", {"id": "x"})
    assert refused.status_code == 400
    assert (
        refused.json()["detail"] == "That request could not be read. Reload the page and try again."
    )


def test_adding_a_passkey_needs_the_current_factor_first(staff):
    with_passkey(staff)
    client = password_only(staff)

    refused = post_json(client, BASE + "add/begin/")

    assert refused.status_code == 403
    assert "Sign in with your current second factor" in refused.json()["detail"]
    assert client.get("/admin/second-factor/set-up/passkey/")["Location"].startswith(VERIFY)
    assert client.get(METHODS)["Location"].startswith(VERIFY)


def test_removing_a_passkey_signs_out_elsewhere_and_the_last_one_stays(staff):
    authenticator = with_passkey(staff)
    here = password_only(staff)
    assert sign_in_with(here, authenticator).status_code == 200
    only = WebAuthnCredential.objects.get(user=staff)

    kept = here.post(f"/admin/second-factor/passkeys/{only.pk}/remove/", follow=True)
    assert "This is your only passkey and you have no authenticator app" in visible_text(
        kept.content.decode()
    )
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()

    add_passkey(here, authenticator, next_url=METHODS)
    elsewhere = password_only(staff)
    assert sign_in_with(elsewhere, authenticator).status_code == 200
    removed = here.post(f"/admin/second-factor/passkeys/{only.pk}/remove/", follow=True)

    assert "Removed the passkey “Passkey 1”. You were signed out everywhere else." in visible_text(
        removed.content.decode()
    )
    assert not WebAuthnCredential.objects.filter(pk=only.pk).exists()
    # This session signed in with the removed passkey a moment ago: it goes on; others end.
    assert here.get(CONDITIONS).status_code == 200
    assert elsewhere.get(CONDITIONS)["Location"].startswith("/admin/login/")
    assert LogEntry.objects.filter(change_message="Removed the passkey “Passkey 1”.").exists()


def test_adding_a_passkey_signs_out_a_session_that_passed_with_the_app(staff):
    here, elsewhere = staff_client(staff), staff_client(staff)  # both passed with the app

    add_passkey(here, Authenticator(), next_url=METHODS)

    assert here.get(CONDITIONS).status_code == 200
    assert signed_out(elsewhere)
    # The app stays: only signing out everywhere else ended the other session.
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1


def test_a_name_must_say_something(staff):
    with_passkey(staff)
    client = staff_client(staff)
    passkey = WebAuthnCredential.objects.get(user=staff)
    url = f"/admin/second-factor/passkeys/{passkey.pk}/"

    blank = client.post(url, {"name": "   "})
    long = client.post(url, {"name": "x" * 65})

    assert "This field is required." in visible_text(blank.content.decode())
    assert "Keep the name under 65 characters." in visible_text(long.content.decode())
    passkey.refresh_from_db()
    assert passkey.name == "Passkey 1"
    other = User.objects.create_user("rui", password=PASSWORD, is_staff=True)
    assert staff_client(other).post(url, {"name": "mine"}).status_code == 404


def test_an_administrators_reset_removes_passkeys_too(staff):
    admin = User.objects.create_user("max", password=PASSWORD, is_staff=True, is_superuser=True)
    authenticator = with_passkey(staff)
    on_laptop = password_only(staff)
    assert sign_in_with(on_laptop, authenticator).status_code == 200

    staff_client(admin).post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [staff.pk]}
    )

    assert not WebAuthnCredential.objects.filter(user=staff).exists()
    assert "Your sign-in methods were changed" in visible_text(
        on_laptop.get(CONDITIONS, follow=True).content.decode()
    )
    assert LogEntry.objects.filter(
        user=admin, change_message__contains="passkeys and recovery codes were removed"
    ).exists()
