"""Settings for the spasm and dystonia guide.

Everything that differs between a laptop and a clinic's server comes from the environment; the
defaults are safe for local development and for the test suite.
"""

import contextlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config import caches as cache_settings
from config import headers
from config.environment import env_bool, env_list, first_domain_name

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if not DEBUG and (
    SECRET_KEY == _DEVELOPMENT_SECRET_KEY
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value (50 characters or more) when "
        "DJANGO_DEBUG is off."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.staticfiles.GuideStaticFilesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "accounts",
    "conditions",
    "submissions",
    "frontend",
    "security",
]

MIDDLEWARE = [
    "config.headers.cross_origin_resource_policy",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.headers.json_policy",
    "security.middleware.reporting_endpoints",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which serves static files already compressed. Pages compressed here
    # carry a CSRF token masked anew in each response, so BREACH learns nothing from their size.
    "django.middleware.gzip.GZipMiddleware",
    "frontend.caching.revalidate_by_default",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language from the address (/de/…); unprefixed addresses are in the first
    # language. Sets Content-Language, and Vary: Accept-Language where the header can matter.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is signed in and from where, for audit records made by signals without a request.
    "security.middleware.audit_request",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Which device verified the session, then the staff session rules that read it (after
    # messages, to say why a session ended).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frontend.pwa.app_version_header",
    "frontend.busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Found before every app's templates: the project's admin/base_site.html (user links).
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.site",
                "frontend.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
# Threads per gunicorn worker process (config/gunicorn.py reads the same variable); writes in
# progress are capped one below it, so readers always find one free (frontend.busy).
SERVER_THREADS = int(os.environ.get("GUNICORN_THREADS", "8"))

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The file holds password hashes, sessions and readers' email addresses: only its owner may
    # read it. SQLite gives the -wal and -shm files beside it the same mode.
    _sqlite_file = str(DATABASES["default"]["NAME"])
    if (
        _sqlite_file
        and not _sqlite_file.startswith((":memory:", "file:"))
        and "mode=memory" not in _sqlite_file
    ):
        with contextlib.suppress(FileExistsError, FileNotFoundError, PermissionError):
            os.close(os.open(_sqlite_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    # Several server threads or processes share one SQLite file: readers never wait for a writer
    # (WAL), a write transaction takes the lock when it begins rather than failing halfway
    # (IMMEDIATE), and a writer waits its turn for a few seconds; after that it is answered 503
    # with Retry-After (frontend.busy), so waiting writers never hold every server thread.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("DJANGO_SQLITE_BUSY_SECONDS", "5")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Caches (config/caches.py). "default" holds what every worker must agree on: the submission
# rate-limit counters. Unless DJANGO_CACHE_URL names another (redis://host:6379/0,
# pymemcache://host:11211), it is a table in the app's own database, shared by all workers and by
# every server using that database; `migrate` creates the table. "pages" holds rendered bodies
# filed under their revision: each worker's memory unless DJANGO_PAGES_CACHE_URL names a Redis.
CACHES = {
    "default": cache_settings.shared_cache(
        os.environ.get("DJANGO_CACHE_URL", "dbcache://guide_cache")
    ),
    "pages": cache_settings.pages_cache(
        os.environ.get("DJANGO_PAGES_CACHE_URL", ""),
        release=os.environ.get("DJANGO_APP_RELEASE", ""),
    ),
}

# Signing in from a link with an empty or foreign `next=` lands on the admin's front page.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# The languages readers may choose, the first the default at today's unprefixed addresses, the
# others under /<code>/ (/de/…). Adding one is this setting and its message file
# (locale/<code>/LC_MESSAGES/django.po and djangojs.po); names and script direction come from
# Django's own table of languages.
def _languages(codes: list[str]) -> list[tuple[str, str]]:
    unknown = [
        code for code in codes if code not in LANG_INFO or "name_local" not in LANG_INFO[code]
    ]
    if unknown or not codes:
        raise ImproperlyConfigured(
            f"DJANGO_LANGUAGES names languages Django does not know: {', '.join(unknown)}."
            if unknown
            else "DJANGO_LANGUAGES must name at least one language."
        )
    return [(code, LANG_INFO[code]["name_local"]) for code in codes]


LANGUAGES = _languages(env_list("DJANGO_LANGUAGES", "en,de"))
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as in Britain (23 March 2025), as before languages were added.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.staticfiles.GuideStaticFilesStorage"},
}

# Source maps are for developers' tools, which need no compressed copy; compressing the Swagger
# UI's took a large part of every collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {
        "submissions": os.environ.get("DJANGO_SUBMISSION_RATE", "30/hour"),
        "csp_reports": os.environ.get("GUIDE_CSP_REPORT_RATE", "60/hour"),
    },
    # How many proxies (load balancer, CDN) stand in front of the app: the rate limit counts
    # per reader address, taken from X-Forwarded-For only as far as these proxies vouch for it.
    "NUM_PROXIES": int(os.environ.get("DJANGO_NUM_PROXIES", "0")),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Spasm & Dystonia Guide API",
    "DESCRIPTION": "Published guidance on muscle spasms, dystonia and related conditions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads Swagger UI from this app's own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# How the admin shows a saved draft as patients would see it. The content app names the patient
# app only here, so that it depends on no app above it.
CONDITION_PREVIEW = "frontend.pages.preview_response"

SITE_NAME = "Spasm & Dystonia Guide"
SITE_SHORT_NAME = "Spasm Guide"
# Installed apps offer an update whenever a template or static file changes. Set this to a new
# value (a release tag, a commit) to make them update after a change that touched neither.
APP_RELEASE = os.environ.get("DJANGO_APP_RELEASE", "")

# Editorial workflow: a reviewer publishing a page chooses its next review date, by default this
# many days ahead. Review reminders link editors to the admin at SITE_URL.
REVIEW_INTERVAL_DAYS = int(os.environ.get("DJANGO_REVIEW_INTERVAL_DAYS", "365"))
REVIEW_REMINDER_DAYS = int(os.environ.get("DJANGO_REVIEW_REMINDER_DAYS", "30"))
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Patient information should read at a reading age of about 9 to 11 (Patient Information Forum).
# The admin shows each page's reading age against this target, and a reviewer publishing a page
# above it is asked for a reason, recorded in the page's history. A setting, so that a team
# writing for another audience can choose its own target.
READING_AGE_TARGET = int(os.environ.get("GUIDE_READING_AGE_TARGET", "11"))
# `manage.py check_source_links` (from cron): the wait for each source's server, how many to check
# at once (a few, gentle with them and this one), the redirects followed before calling it broken.
SOURCE_LINK_TIMEOUT_SECONDS = float(os.environ.get("GUIDE_SOURCE_LINK_TIMEOUT_SECONDS", "10"))
SOURCE_LINK_WORKERS = int(os.environ.get("GUIDE_SOURCE_LINK_WORKERS", "4"))
SOURCE_LINK_MAX_REDIRECTS = int(os.environ.get("GUIDE_SOURCE_LINK_MAX_REDIRECTS", "5"))
# The offline app is sent only what changed since the version of the offline manifest it holds,
# for this many of the newest versions (a phone holding an older one gets the whole manifest); a
# check measures (renders) the offline sizes of at most OFFLINE_MEASURED_PER_CHECK conditions.
OFFLINE_VERSIONS_KEPT = max(1, int(os.environ.get("GUIDE_OFFLINE_VERSIONS_KEPT", "50")))
OFFLINE_MEASURED_PER_CHECK = max(1, int(os.environ.get("GUIDE_OFFLINE_MEASURED_PER_CHECK", "100")))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# An editor waits while an answer is sent: a mail server that does not answer must fail within
# gunicorn's 30-second worker timeout, with a message, rather than take the worker down.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "guide@localhost")

# What readers send (questions, feedback, comments): the largest body accepted, and how long a
# submission is kept before `manage.py delete_old_submissions` removes it. The longest valid
# message, 2000 characters each sent as 12 bytes (%F0%9F%98%80, or \ud83d\ude00 in JSON),
# fits in 32 KB.
SUBMISSION_MAX_BYTES = int(os.environ.get("DJANGO_SUBMISSION_MAX_BYTES", str(32 * 1024)))
SUBMISSION_RETENTION_DAYS = int(os.environ.get("DJANGO_SUBMISSION_RETENTION_DAYS", "365"))

# Security. With debug off the app expects to be reached over HTTPS: plain HTTP is redirected,
# cookies are sent only over HTTPS, and browsers are told to use HTTPS for a year. Behind a proxy
# that terminates TLS, keep this on and set DJANGO_NUM_PROXIES; DJANGO_HTTPS=false is only for a
# test server on plain HTTP.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole domain to HTTPS in every browser for years: the domain's owner
# opts in, so the deploy check's reminder about it is silenced until they do.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if REST_FRAMEWORK["NUM_PROXIES"]:
    # The proxy terminates TLS and says so in X-Forwarded-Proto, which it must overwrite.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if HTTPS:
    # __Host- cookies are sent only over HTTPS, only to this host (no Domain) and for path "/":
    # no sibling subdomain can set or overwrite them. Browsers refuse the prefix without Secure,
    # so plain HTTP (development, tests) keeps Django's names.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token in a hidden field
SESSION_COOKIE_SAMESITE = "Lax"  # Lax, not Strict: review reminders link into the admin
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # a source link tells the other site nothing
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy and Permissions-Policy, and why each is as it is: config/headers.py.
CSP_REPORT_PATH = headers.CSP_REPORT_PATH
CSP_REPORT_GROUP = headers.csp_report_group(https=HTTPS)
CONTENT_SECURITY_POLICY = headers.content_security_policy(https=HTTPS)
JSON_CONTENT_SECURITY_POLICY = headers.json_content_security_policy(https=HTTPS)
PERMISSIONS_POLICY = headers.PERMISSIONS_POLICY

# A browser's report of one refusal is well under 2 KB; larger bodies get 413 unread. One address
# may send GUIDE_CSP_REPORT_RATE reports (REST_FRAMEWORK above); a report not seen again for
# GUIDE_CSP_REPORT_RETENTION_DAYS is deleted by `manage.py delete_old_security_records`, as is
# an audit event older than GUIDE_AUDIT_RETENTION_DAYS.
CSP_REPORT_MAX_BYTES = int(os.environ.get("GUIDE_CSP_REPORT_MAX_BYTES", "8192"))
CSP_REPORT_RETENTION_DAYS = int(os.environ.get("GUIDE_CSP_REPORT_RETENTION_DAYS", "90"))
AUDIT_RETENTION_DAYS = int(os.environ.get("GUIDE_AUDIT_RETENTION_DAYS", "365"))

# Admin logins: after DJANGO_LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES. A right password resets it.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "submissions.limits.client_address"

# Staff sign-in (accounts/): after the password, every staff account passes a second factor, an
# authenticator app's code or a one-time recovery code, before the admin serves a page. A new
# account may go without one for GUIDE_STAFF_MFA_GRACE_DAYS (none by default). A wrong code makes
# the next try wait 1, 2, 4, 8 … seconds for that device (django-otp's throttling: after 10 wrong
# codes, 8.5 minutes); a right code resets it.
STAFF_MFA_GRACE_DAYS = float(os.environ.get("GUIDE_STAFF_MFA_GRACE_DAYS", "0"))
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_TOTP_ISSUER = os.environ.get("GUIDE_STAFF_MFA_ISSUER", "Spasm Guide")
# Passkeys (WebAuthn, django-otp-webauthn) are a second factor beside the app, never a sign-in
# without the password. A passkey belongs to one domain, the relying party ID: by default the
# first name in ALLOWED_HOSTS that is not an address (browsers refuse an IP address as one), else
# "localhost". The browser's origin must be one of GUIDE_WEBAUTHN_ORIGINS: by default https:// and
# that name, or over plain HTTP http://localhost:8000 (`make run`'s port; browsers allow passkeys
# over plain HTTP on localhost only, and never for an IP address such as 127.0.0.1). Changing the
# ID later makes every passkey unusable: set it once, for good.
OTP_WEBAUTHN_RP_ID = os.environ.get(
    "GUIDE_WEBAUTHN_RP_ID", first_domain_name(ALLOWED_HOSTS) or "localhost"
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "GUIDE_WEBAUTHN_ORIGINS",
    f"https://{OTP_WEBAUTHN_RP_ID}" if HTTPS else "http://localhost:8000",
)
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A staff session ends after this long without a request, and this long after signing in, however
# busy. Minutes may be a fraction (a test server uses seconds).
STAFF_IDLE_SECONDS = float(os.environ.get("GUIDE_STAFF_IDLE_MINUTES", "30")) * 60
STAFF_SESSION_SECONDS = float(os.environ.get("GUIDE_STAFF_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = int(STAFF_SESSION_SECONDS)

# Errors reach the server's log (gunicorn's stderr) whether or not debug is on.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    },
}
