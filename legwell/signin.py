"""How many failed sign-ins django-axes allows before it pauses a user name."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def failure_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: a user name is paused after SIGN_IN_FAILURES_PER_ADDRESS
    failures from one address, or SIGN_IN_FAILURES_PER_NAME from all addresses
    together, so neither many addresses nor one can guess on and on, and one
    stranger cannot lock an editor out with a few tries.

    django-axes counts the failures for each of AXES_LOCKOUT_PARAMETERS
    (the address and name; the name alone) and compares the larger, the
    name's, with a single limit; this picks the limit that gives both rules.
    """
    from_here, by_name = (
        attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        for attempts in AxesDatabaseHandler().get_user_attempts(request, credentials)
    )
    if from_here >= settings.SIGN_IN_FAILURES_PER_ADDRESS:
        return by_name - from_here + settings.SIGN_IN_FAILURES_PER_ADDRESS
    return settings.SIGN_IN_FAILURES_PER_NAME
