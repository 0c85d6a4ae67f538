"""Legwell's settings, configured by environment variables.

Development is the default (for manage.py and the test suite); wsgi.py sets
DJANGO_DEBUG=false, so a WSGI server runs in production mode, which refuses
to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "development-only-not-secret")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG=false) needs DJANGO_SECRET_KEY (a long random "
            "string) and DJANGO_ALLOWED_HOSTS (comma-separated host names). Set both, "
            "or set DJANGO_DEBUG=true for local development."
        )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, with the editors' site (legwell/admin.py) as admin.site.
    "legwell.apps.EditorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # full-text search and trigram lookups (only used on PostgreSQL)
    "django.forms",
    "django_htmx",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "nutrients",
    "search",
    # The project package, for its operations commands (backup, restore).
    "legwell",
    "governance",
]

MIDDLEWARE = [
    # First: answers load balancers' probes by IP address over plain HTTP.
    "legwell.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "legwell.middleware.permissions_policy",
    # The site's own 414 and 431 pages, before anything reads the request.
    "legwell.middleware.request_limits",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The site's own 405 page, keeping the view's Allow header.
    "legwell.middleware.method_not_allowed_page",
    # Serves cached reader pages before sessions, users and CSRF run (legwell/cache.py).
    "legwell.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (legwell/admin.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "legwell.urls"
FORM_RENDERER = "legwell.forms.FormRenderer"
WSGI_APPLICATION = "legwell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (for example postgres://...) to scale out.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share one file: WAL lets readers run beside a
    # writer, IMMEDIATE takes the write lock up front, and the timeout waits
    # for it instead of failing with "database is locked". Each worker keeps
    # its connection, as with PostgreSQL: between requests it holds no lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if env_bool("DJANGO_SQLITE_MUST_EXIST", False):
        # The web server (wsgi.py sets this) opens the file read-write and never
        # creates it: a moved or missing file is then an error that /readyz
        # reports, not a new empty database. manage.py migrate creates it.
        DATABASES["default"]["NAME"] = f"file:{quote(str(DATABASES['default']['NAME']))}?mode=rw"

elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # The site's data fits in memory, where reading a page at random costs about
    # what reading it in order does; PostgreSQL's default (4) assumes spinning
    # disks. With it, a search for a common word read every search document
    # instead of the full-text index, about four times slower (bench/README.md).
    DATABASES["default"]["OPTIONS"] = {"options": "-c random_page_cost=1.1"}

# Reader pages are cached whole (legwell/cache.py), in a cache every server
# process shares: Redis for several hosts, else files on this machine. In
# development nothing is cached, so template edits show at once.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "legwell",
            # A Redis that hangs fails fast and counts as a miss (legwell/cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / ".cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers. The CSP allows nothing inline and no nonce, so whole
# reader pages can be cached; the admin works under script-src 'self'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features the site never uses, turned off (legwell/middleware.py).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
CSRF_FAILURE_VIEW = "legwell.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
# Decided: subdomains and preload are on in production. A health site has no
# reason to serve any subdomain over plain HTTP, and preload protects even the
# first visit. A domain with a plain-HTTP subdomain sets both to false, and
# check --deploy then warns, as it should.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
# How many proxies in front of the site append to X-Forwarded-For: the
# client's address is the entry the outermost one wrote, counted from the right.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "1" if BEHIND_TLS_PROXY else "0"))
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Editors' cookies are HTTPS-only wherever the site is served over HTTPS;
# `make serve` turns the redirect off for plain HTTP on this machine, and the
# admin login still works there.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", SECURE_SSL_REDIRECT)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Where sign-in goes when its `next` is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Admin sign-in throttling (django-axes): a user name is paused for the
# cool-off after 5 failed attempts from one address, or 20 from all addresses
# together (legwell/signin.py). The address comes from
# legwell.proxy.client_address, which reads X-Forwarded-For only as far as
# the DJANGO_TRUSTED_PROXIES proxies in front of the site wrote it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SIGN_IN_FAILURES_PER_ADDRESS = 5
SIGN_IN_FAILURES_PER_NAME = 20
AXES_FAILURE_LIMIT = "legwell.signin.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=15)
# In this order: failure_limit reads the counts in it.
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "legwell.proxy.client_address"
AXES_LOCKOUT_CALLABLE = "legwell.views.sign_in_paused"

# Editors' second factor (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "Legwell editors"
