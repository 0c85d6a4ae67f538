"""/healthz, for load balancers, answered before any other middleware runs."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


class HealthCheckMiddleware:
    """Answers /healthz before any other middleware runs.

    Load balancers probe each server by its IP address and over plain HTTP.
    Placed first, this answers them before SecurityMiddleware would redirect
    to HTTPS and before CommonMiddleware validates the Host header against
    ALLOWED_HOSTS (which holds the public name, not every server's address),
    and without touching sessions or users, so the probe stays fast.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
