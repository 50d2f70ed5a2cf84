"""Settings for the diplomacy project: one module, driven by environment variables.

Every variable is listed in the README's configuration table.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# pytest sets PYTEST_VERSION: tests run over plain HTTP with a throwaway key.
TESTING = "PYTEST_VERSION" in os.environ
# The built-in key exists only for DEBUG and the tests; production refuses it, however
# it is given (no switch lets it through with DEBUG off).
DEV_ONLY_KEY = "dev-only-insecure-key-never-use-in-production-5f1c0a9e7d"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not (DEBUG or TESTING):
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for local work."
        )
    if SECRET_KEY == DEV_ONLY_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is the built-in development key; production needs its own."
        )
SECRET_KEY = SECRET_KEY or DEV_ONLY_KEY

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "visits",
]

MIDDLEWARE = [
    # First, so that it compresses what the others made; public pages only (BREACH).
    "diplomacy.middleware.PublicGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "diplomacy.middleware.MalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "visits.reader.ReaderLanguageMiddleware",
    # After the reader's language, which its keys carry (visits/pagecache.py).
    "visits.pagecache.PageCacheMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts for one
# user name from one address, that pair is locked out for the cool-off, even with the
# right password. Successful sign-ins reset the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGNIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DJANGO_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts, styles and images from this site only,
# no inline script or style (the level colours come from /levels.css), no plugins, no
# framing. The admin works under it: it uses only static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

ROOT_URLCONF = "diplomacy.urls"

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

WSGI_APPLICATION = "diplomacy.wsgi.application"

# PostgreSQL only: there is no SQLite path. bin/_env.sh sets DATABASE_URL when unset.
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/diplomacy")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# PostgreSQL's JIT compiles a query whose estimated cost is high, which the admin's review
# queue and count-sorted lists are at 100,000 rows: 1.7 s of compiling for a 0.3 s query.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(f"DATABASE_URL must point at PostgreSQL, not {DATABASE_URL!r}")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            # The manifest exists only after collectstatic, which tests do not run.
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "admin:login"

# Records read with a confidence below this (and not reviewed by an editor) are
# shown as unconfirmed, and `confirmed=yes` on the lists hides them (issue 14).
try:
    CONFIRMED_CONFIDENCE = float(os.environ.get("CONFIRMED_CONFIDENCE", "0.6"))
except ValueError:
    CONFIRMED_CONFIDENCE = -1.0
if not 0.0 <= CONFIRMED_CONFIDENCE <= 1.0:
    raise ImproperlyConfigured("CONFIRMED_CONFIDENCE must be a number from 0 to 1.")

# Ingest: articles larger than this are refused (bytes).
INGEST_MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", 2_000_000))
# Fetching pages and feeds (ingest URL, follow FEED): the time one fetch may take in
# all (seconds), the largest page or feed read (bytes), redirects followed, and whether
# addresses on private and loopback networks may be fetched (editors enter feed URLs:
# off, so that a feed cannot reach services inside the network; the tests allow it).
FETCH_TIMEOUT = float(os.environ.get("FETCH_TIMEOUT", 20))
FETCH_MAX_BYTES = int(os.environ.get("FETCH_MAX_BYTES", 5_000_000))
FETCH_MAX_REDIRECTS = int(os.environ.get("FETCH_MAX_REDIRECTS", 5))
FETCH_ALLOW_PRIVATE = os.environ.get("FETCH_ALLOW_PRIVATE", "") in ("1", "true", "yes")
# Optional trained spaCy pipeline whose NER may add names the rules miss.
SPACY_MODEL = os.environ.get("SPACY_MODEL", "")

# The queue-backed ingest (`ingest --queue`, `celery -A diplomacy worker`): the broker
# (RabbitMQ, or redis://… for Redis) and the queue's name. A message is acknowledged
# only once its article is stored, and given back when its worker dies, so a worker
# killed mid-article loses nothing; each worker takes one message at a time.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest@127.0.0.1:5672//")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("INGEST_QUEUE", "ingest")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None  # progress and failures are in the database (IngestItem)
CELERY_TASK_IGNORE_RESULT = True
# Celery's Django fixup closes the database connection before and after every task
# unless this is set, and then closes it every DB_REUSE_MAX tasks only. Closing it per
# task, a worker opened a PostgreSQL session per article and lost the statements it had
# prepared: 23 ms to store an article, against 12 ms in one process. diplomacy/celery.py
# replaces, around each task, a connection that failed, was dropped or outlived
# CONN_MAX_AGE, as Django does around a request.
CELERY_DB_REUSE_MAX = 10_000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis gives an unacknowledged message back after this many seconds (RabbitMQ at once).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

# Behind HTTPS (production), cookies are secure and plain HTTP is redirected.
# The local scripts set DJANGO_HTTPS=0 to serve on http://127.0.0.1:8000.
HTTPS = env_bool("DJANGO_HTTPS", not (DEBUG or TESTING))
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # The page readers log each page they find no story in; ingest names the page itself.
    "loggers": {
        name: {"level": "CRITICAL"} for name in ("trafilatura", "htmldate", "courlan", "justext")
    },
}

# Caches (visits/pagecache.py, selectors.facet_counts): whole public pages for anonymous
# readers and facet counts, each keyed on the data version that every commit changes.
# Local memory per process by default; DJANGO_CACHE_URL=redis://host:6379/1 shares one
# Redis among several web machines. DJANGO_PAGE_CACHE=0 switches both off (the tests
# switch them off: their transactions roll back, so the version cannot follow them);
# DJANGO_FACET_CACHE sets the facet counts' cache alone.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", not TESTING)
FACET_CACHE = env_bool("DJANGO_FACET_CACHE", PAGE_CACHE)
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", 600))
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "diplomacy"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// address, not {CACHE_URL!r}"
    )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_ENTRIES", 1000))},
        }
    }
