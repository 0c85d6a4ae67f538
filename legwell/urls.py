from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("nutrients.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("site.webmanifest", views.web_manifest, name="manifest"),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
