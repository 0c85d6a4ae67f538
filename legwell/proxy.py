"""The client's address when the site runs behind one or more proxies."""

from django.conf import settings


def client_address(request) -> str:
    """The address a sign-in attempt comes from, for django-axes.

    Behind proxies (DJANGO_TRUSTED_PROXIES), REMOTE_ADDR is the nearest
    proxy's own address. Each proxy appends the address it saw to
    X-Forwarded-For, so only the last TRUSTED_PROXIES entries were written by
    them; anything left of those the client could have written itself. With
    fewer entries than that, the request did not come through the proxies.
    """
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if settings.TRUSTED_PROXIES and len(hops) >= settings.TRUSTED_PROXIES:
        return hops[-settings.TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR", "")
