from django.db import DatabaseError
from django.http import HttpResponse

from .views.reader import healthz


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
        if request.path_info != "/healthz":
            return self.get_response(request)
        try:
            return healthz(request)
        except DatabaseError:
            return HttpResponse("database unavailable", status=503, content_type="text/plain")
