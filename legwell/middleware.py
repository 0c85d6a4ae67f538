"""Small middlewares that give every response the site's own headers and error pages."""

from django.conf import settings

from .views import error_page, method_not_allowed

# gunicorn's limits (gunicorn.conf.py) are set above these, so Django answers
# with the site's own page rather than gunicorn's bare one.
MAX_URL_LENGTH = 4094
MAX_HEADER_LENGTH = 8190


def permissions_policy(get_response):
    """Turns off the browser features the site never uses, for every response."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def request_limits(get_response):
    """414 for an address too long, 431 for a header too large, in the site's design."""

    def middleware(request):
        if len(request.path) + len(request.META.get("QUERY_STRING", "")) > MAX_URL_LENGTH:
            return error_page(request, 414, "Address too long", "That address is longer than any page here has.")
        if any(len(value) > MAX_HEADER_LENGTH for name, value in request.META.items() if name.startswith("HTTP_")):
            return error_page(request, 431, "Request too large", "Your browser sent more than we accept.")
        return get_response(request)

    return middleware


def method_not_allowed_page(get_response):
    """Django's 405 is empty; give it the site's page, keeping its Allow header."""

    def middleware(request):
        response = get_response(request)
        if response.status_code == 405 and not response.content:
            return method_not_allowed(request, response["Allow"])
        return response

    return middleware
