from django.contrib import admin
from django.urls import include, path

from nutrients import views

urlpatterns = [
    path("", include("nutrients.urls")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
