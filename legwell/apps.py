from django.contrib.admin import apps


class EditorsAdminConfig(apps.AdminConfig):
    """django.contrib.admin with legwell.admin.EditorsAdminSite as admin.site."""

    default = False  # the "legwell" app itself keeps Django's plain AppConfig
    default_site = "legwell.admin.EditorsAdminSite"
