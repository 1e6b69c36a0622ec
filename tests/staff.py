"""Staff signed in as they are in real use: with a password and a second factor.

`sign_in(client, user)` is django-otp's `login()` for the test client: a confirmed authenticator
app for `user`, recorded in the session as the device that verified it. `next_code(device)` is
the code the app would show that the device has not accepted yet (a code is refused once it or a
later one was used, so two sign-ins within one 30-second step take the next step's code, which
the device's tolerance of one step accepts).
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import totp_code


def sign_in(client: Client, user) -> TOTPDevice:
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def staff_client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def next_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    now = time.time()
    step_now = (int(now) - device.t0) // device.step + device.drift
    step = max(step_now, device.last_t + 1)
    return totp_code(device, at=now + (step - step_now) * device.step)
