"""WSGI entry point. It defaults to production, so a WSGI server never starts
in debug mode by accident: production refuses to start without
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS. The server never creates a
SQLite database either: `manage.py migrate` does."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legwell.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SQLITE_MUST_EXIST", "true")

application = get_wsgi_application()
