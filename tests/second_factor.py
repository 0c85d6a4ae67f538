"""Helpers for tests that sign editors in with their second factor."""

from base64 import b32decode

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nutrients.editors import SecondFactor, enrol_second_factor


def code_now(second_factor: SecondFactor) -> str:
    """The 6-digit code the editor's authenticator app shows now."""
    return f"{TOTP(b32decode(second_factor.key)).token():06d}"


def force_verified_login(client, user) -> None:
    """Sign user in as if with password and code (force_login covers only the password)."""
    if not TOTPDevice.objects.filter(user=user).exists():
        enrol_second_factor(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
