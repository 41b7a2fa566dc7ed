"""Django settings of the handbook's Weblate: Weblate's example settings, then what a single-machine instance
needs to run without Redis or Celery workers. Read from the environment (weblate_instance.py sets them):

WEBLATE_DATA_DIR   where Weblate keeps its clones, home folder and media
WEBLATE_PG_HOST    PostgreSQL's socket folder (or 127.0.0.1); WEBLATE_PG_PORT its port
WEBLATE_SITE       host:port the server answers on (127.0.0.1 only)
"""

import os

from weblate.settings_example import *  # noqa: F403 (Django settings are module globals)
from weblate.settings_example import SILENCED_SYSTEM_CHECKS

DATA_DIR = os.environ["WEBLATE_DATA_DIR"]
CACHE_DIR = os.path.join(DATA_DIR, "cache")
MEDIA_ROOT = os.path.join(DATA_DIR, "media")
STATIC_ROOT = os.path.join(DATA_DIR, "static")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "weblate",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": os.environ.get("WEBLATE_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("WEBLATE_PG_PORT", "5432"),
    }
}

SITE_DOMAIN = os.environ.get("WEBLATE_SITE", "127.0.0.1:8080")
SITE_URL = f"http://{SITE_DOMAIN}"
ENABLE_HTTPS = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = os.environ.get("WEBLATE_SECRET_KEY", "handbook-local-instance-only")
OTP_WEBAUTHN_RP_ID = "127.0.0.1"
OTP_WEBAUTHN_RP_NAME = "Weblate"
# webauthn (second factor) is not used on 127.0.0.1, but its check wants an https origin
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{SITE_DOMAIN}"]

# No Redis, no workers: the cache in memory, every background task run at once in the request.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "avatar": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
WEBLATE_MACHINERY = []
# Redis and Celery checks fail by design here; extended, not replaced (the list holds admin.E408).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "weblate.E003", "weblate.E007", "weblate.E009",
                          "weblate.E019", "weblate.C038"]

# Commits carry the translator's name; the committer is the instance.
DEFAULT_COMMITER_NAME = "Weblate (handbook)"
DEFAULT_COMMITER_EMAIL = "weblate@localhost"
REGISTRATION_OPEN = False
