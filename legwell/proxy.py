"""The client's address when the site runs behind a TLS proxy."""

from django.conf import settings


def client_address(request) -> str:
    """The address a sign-in attempt comes from, for django-axes.

    Behind the TLS proxy (DJANGO_BEHIND_TLS_PROXY), REMOTE_ADDR is the proxy's
    own address. The proxy appends the address it saw to X-Forwarded-For, so
    the right-most entry is the only one a client cannot forge.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
