from django.template.response import TemplateResponse

# The site's own error pages. They use no database query, so they still work
# when the database is the problem.


def error_page(request, status, title, message):
    return TemplateResponse(request, "error.html", {"title": title, "message": message}, status=status).render()


def bad_request(request, exception=None):
    return error_page(request, 400, "Bad request", "The address or form had something we could not read.")


def permission_denied(request, exception=None):
    return error_page(request, 403, "Not allowed", "You do not have permission to see this page.")


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        "Page not found",
        "We could not find that page. It may have moved, or the address may be mistyped.",
    )


def server_error(request):
    return error_page(
        request, 500, "Something went wrong", "Sorry, there was a problem on our side. Please try again in a minute."
    )
