"""Report a problem with a page: a short form, no account. Only this page sets a
cookie (the CSRF token the form needs); reader pages set none. Reports are
stored for editors, limited per address, and robots filling the honeypot are
thanked and ignored."""

import hashlib

from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from governance.models import ProblemReport
from legwell.proxy import client_address

from ..forms.report import ReportForm, is_reader_page

REPORTS_PER_HOUR = 5


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def report(request):
    page = request.POST.get("page") or request.GET.get("page", "")
    if not is_reader_page(page):
        context = {"message": "Which page is wrong? Use the “Report a problem with this page” link at its foot."}
        return TemplateResponse(request, "nutrients/report.html", context, status=400)
    form = ReportForm(request.POST or None, initial={"page": page})
    if request.method == "POST" and form.is_valid():
        if not form.is_robot():
            if over_limit(request):
                message = "We have had several reports from you this hour. Please try again later."
                return TemplateResponse(request, "nutrients/report.html", {"message": message}, status=429)
            ProblemReport.objects.create(**{name: form.cleaned_data[name] for name in ("page", "message", "contact")})
        return redirect(f"{reverse('nutrients:report_sent')}?{urlencode({'page': page})}")
    status = 400 if form.errors else 200
    return TemplateResponse(request, "nutrients/report.html", {"form": form, "page": page}, status=status)


def over_limit(request) -> bool:
    """Count this address's reports for an hour; the address itself is never stored, only its hash."""
    key = "report-rate:" + hashlib.sha256(client_address(request).encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > REPORTS_PER_HOUR
    except ValueError:  # expired between add and incr
        return False


@require_safe
def report_sent(request):
    page = request.GET.get("page", "")
    return TemplateResponse(request, "nutrients/report_sent.html", {"page": page if is_reader_page(page) else ""})
